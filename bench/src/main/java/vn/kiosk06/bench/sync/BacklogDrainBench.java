package vn.kiosk06.bench.sync;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.bench.workload.EventMix;
import vn.kiosk06.bench.workload.SimulatedDeviceClock;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.client.sync.Backoff;
import vn.kiosk06.client.sync.SyncSettings;
import vn.kiosk06.client.sync.SyncWorker;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.proto.sync.v1.SealingKey;

/**
 * A device back online with a large backlog: a kiosk's journal holding {@code n} realistic events, drained by the
 * real {@link SyncWorker} (default settings) to the in-process server. Times from the worker's start until the
 * journal records the last event acked, and counts the bytes the worker put on the wire.
 */
final class BacklogDrainBench {

    record Result(long events, double fillSeconds, double drainSeconds, long wireBytes, double wireBytesPerEvent) {
    }

    static final String DEVICE_ID = "bench-backlog-kiosk";
    private static final long DRAIN_TIMEOUT_S = 600;

    private BacklogDrainBench() {
    }

    /** @param sealTo the key citizens are sealed to, or empty for keyed citizens (as before sealing) */
    static Result run(Path dir, InProcessServer server, long n, Optional<SealingKey> sealTo) throws InterruptedException {
        SimulatedDeviceClock recorded = new SimulatedDeviceClock();
        // Enrolled, as a real device is: its chain is keyed (HMAC links), so the wire figure includes what that costs.
        // The bench server is --insecure (no certificate for a code to pin): a registry on its database with a
        // stand-in fingerprint writes the same enrollment row, from which the server derives the chain key.
        vn.kiosk06.server.enroll.DeviceRegistry registry = new vn.kiosk06.server.enroll.DeviceRegistry(
                server.bean(vn.kiosk06.server.db.Database.class), Clock.systemUTC(), new java.security.SecureRandom(),
                () -> new byte[32]);
        String secret = registry.enroll(registry.register(DEVICE_ID, "PQ", java.time.Duration.ofHours(1)).code().secret())
                .deviceSecret();
        try (Journal journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), recorded,
                Optional.of(vn.kiosk06.wire.ChainKey.fromSecret(secret)))) {
            double fillSeconds = fill(journal, recorded, n, sealTo);
            WireBytesCounter wire = new WireBytesCounter();
            ManagedChannel channel = server.channel();
            SyncSettings settings = SyncSettings.defaults();
            SyncWorker worker = new SyncWorker(DEVICE_ID, "0.1.0", journal, channel, settings, SystemDeviceClock.start(),
                    Clock.systemUTC(), new Backoff(settings.backoffBase(), settings.backoffCap(), new Random(7)), wire);
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.SECONDS.toNanos(DRAIN_TIMEOUT_S);
            try {
                worker.start();
                // A harness, not a test: polling the journal's ack mark every few ms costs nothing measurable.
                while (journal.ackedThrough() < n) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("backlog not drained within " + DRAIN_TIMEOUT_S + " s: acked "
                                + journal.ackedThrough() + " of " + n + "; sync status " + worker.status());
                    }
                    Thread.sleep(2);
                }
            } finally {
                worker.close();
            }
            double drainSeconds = (System.nanoTime() - t0) / 1e9;
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
            DeviceSummary s = server.store().device(DEVICE_ID).orElseThrow();
            if (s.eventsStored() != n || s.watermark() != n) {
                throw new IllegalStateException("server holds " + s.eventsStored() + " events up to watermark " + s.watermark()
                        + " for " + DEVICE_ID + ", expected " + n + " exactly once");
            }
            long bytes = wire.bytesSent();
            return new Result(n, fillSeconds, drainSeconds, bytes, (double) bytes / n);
        }
    }

    /**
     * Fills the journal through its own append path ({@code appendAsync}, so group commit takes up to 1,024
     * appends per fsync), with the recorded clock showing each generated event's time: the journal then holds
     * byte for byte what the generator produced, with seqs dense from 1. Writing rows behind the journal's back
     * would be faster but would not prove the journal's format.
     */
    private static double fill(Journal journal, SimulatedDeviceClock recorded, long n, Optional<SealingKey> sealTo) {
        EventMix mix = new EventMix(EventMix.Profile.KIOSK, "PQ09", 99, LocalDate.of(2025, 6, 2), sealTo);
        long t0 = System.nanoTime();
        CompletableFuture<Long> last = CompletableFuture.completedFuture(0L);
        for (long i = 0; i < n; i++) {
            last = journal.appendAsync(recorded.showing(mix.next()));
        }
        long lastSeq = last.join();
        if (lastSeq != n || journal.lastSeq() != n) {
            throw new IllegalStateException("journal filled to seq " + lastSeq + ", expected " + n);
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
