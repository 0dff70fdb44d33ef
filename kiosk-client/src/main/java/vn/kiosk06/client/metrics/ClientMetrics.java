package vn.kiosk06.client.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.BooleanSupplier;
import vn.kiosk06.client.config.ClientConfig;
import vn.kiosk06.client.hardware.ReaderEvents;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.sync.SyncWorker;
import vn.kiosk06.hardware.reader.ReaderProfile;

/**
 * The device app's Prometheus series:
 * <ul>
 *   <li>{@code kiosk06_journal_bytes}: the journal's files on disk (database plus write-ahead log);</li>
 *   <li>{@code kiosk06_journal_backlog}: events journaled and not yet acked by the server;</li>
 *   <li>{@code kiosk06_last_sync_timestamp_seconds}: when the last sync succeeded (0 before the first);</li>
 *   <li>{@code kiosk06_reader_connected{kind=…}}: 1 while a card or QR reader is connected, for each reader
 *       registered through {@link #reader} by the hardware wiring;</li>
 * </ul>
 * plus the Prometheus Java client's JVM and process series ({@code jvm_memory_used_bytes},
 * {@code process_resident_memory_bytes}, …). Gauges are read at scrape time. Journal size comes from the file sizes
 * rather than a query, so a scrape never queues behind the journal's writer.
 *
 * <p>Made at the first scrape, not at start: a device nobody scrapes pays nothing for it. Thread-safe.
 */
@Singleton
public final class ClientMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter text = new PrometheusTextFormatWriter(false);
    /** Reader kind → whether it is connected now; sorted, so the series come out in a stable order. */
    private final Map<String, BooleanSupplier> readers = new ConcurrentSkipListMap<>();

    public ClientMetrics(Journal journal, SyncWorker sync, ClientConfig config, ReaderEvents readerEvents) {
        // One series per configured reader, read from the hub the readers report their connection to.
        config.qrReaderPort().ifPresent(path -> reader("qr", () -> connected(readerEvents, ReaderProfile.QR)));
        config.chipReaderPort().ifPresent(path -> reader("chip", () -> connected(readerEvents, ReaderProfile.CHIP)));
        Path db = journal.file();
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        GaugeWithCallback.builder().name("kiosk06_journal_bytes")
                .help("Disk used by the journal (database plus write-ahead log), bytes")
                .callback(g -> g.call(size(db) + size(wal))).register(registry);
        GaugeWithCallback.builder().name("kiosk06_journal_backlog")
                .help("Events journaled and not yet acked by the server")
                .callback(g -> g.call(journal.backlog())).register(registry);
        GaugeWithCallback.builder().name("kiosk06_last_sync_timestamp_seconds")
                .help("When the last sync succeeded, seconds since the epoch (0: not yet)")
                .callback(g -> g.call(sync.status().lastSync().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0)))
                .register(registry);
        GaugeWithCallback.builder().name("kiosk06_reader_connected").help("1 while the reader is connected")
                .labelNames("kind")
                .callback(g -> readers.forEach((kind, connected) -> g.call(connected.getAsBoolean() ? 1 : 0, kind)))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    /**
     * The hook for the hardware wiring: publishes {@code kiosk06_reader_connected{kind}} as 1 or 0 from
     * {@code connected}, read at every scrape (so it must be cheap and must not block).
     */
    public void reader(String kind, BooleanSupplier connected) {
        readers.put(kind, connected);
    }

    /** Writes every series in Prometheus' text format ({@link #contentType()}). */
    public void scrape(OutputStream out) throws IOException {
        text.write(out, registry.scrape());
    }

    public String contentType() {
        return text.getContentType();
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
