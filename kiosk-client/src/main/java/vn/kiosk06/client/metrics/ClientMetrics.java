package vn.kiosk06.client.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.hardware.ReaderEvents;
import vn.kiosk06.hardware.reader.ReaderProfile;
import java.util.function.BooleanSupplier;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.sync.SyncWorker;

/**
 * The device app's Prometheus series:
 * <ul>
 *   <li>{@code kiosk06_journal_bytes}: the journal's files on disk (database plus write-ahead log);</li>
 *   <li>{@code kiosk06_journal_backlog}: events journaled and not yet acked by the server;</li>
 *   <li>{@code kiosk06_last_sync_timestamp_seconds}: when the last sync succeeded (0 before the first);</li>
 *   <li>{@code kiosk06_reader_connected{kind=…}}: 1 while a card or QR reader is connected, for each reader
 *       registered through {@link #reader} by the hardware wiring.</li>
 * </ul>
 * Gauges are read at scrape time. Journal size comes from the file sizes rather than a query, so a scrape never
 * queues behind the journal's writer. Thread-safe.
 */
@Context
public final class ClientMetrics {

    private final MeterRegistry registry;

    public ClientMetrics(MeterRegistry registry, Journal journal, SyncWorker sync, ClientConfig config,
                         ReaderEvents readers) {
        this.registry = registry;
        // One series per configured reader, read from the hub the readers report their connection to.
        config.qrReaderPort().ifPresent(path -> reader("qr", () -> connected(readers, ReaderProfile.QR)));
        config.chipReaderPort().ifPresent(path -> reader("chip", () -> connected(readers, ReaderProfile.CHIP)));
        Path db = journal.file();
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        Gauge.builder("kiosk06.journal.bytes", () -> size(db) + size(wal))
                .description("Disk used by the journal (database plus write-ahead log), bytes").register(registry);
        Gauge.builder("kiosk06.journal.backlog", journal, Journal::backlog)
                .description("Events journaled and not yet acked by the server").register(registry);
        Gauge.builder("kiosk06.last.sync.timestamp.seconds",
                        () -> sync.status().lastSync().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0))
                .description("When the last sync succeeded, seconds since the epoch (0: not yet)").register(registry);
    }

    /**
     * The hook for the hardware wiring: publishes {@code kiosk06_reader_connected{kind}} as 1 or 0 from
     * {@code connected}, read at every scrape (so it must be cheap and must not block).
     */
    public void reader(String kind, BooleanSupplier connected) {
        Gauge.builder("kiosk06.reader.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while the reader is connected").tag("kind", kind).register(registry);
    }

    private static boolean connected(ReaderEvents readers, ReaderProfile profile) {
        return readers.readers().stream().anyMatch(r -> r.profile() == profile && r.connected());
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0; // deleted between the check and the read: a checkpoint just ran
        }
    }
}
