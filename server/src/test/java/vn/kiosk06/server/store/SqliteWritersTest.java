package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.db.WalCheckpointer;

/**
 * Ingest shares the SQLite file with other writers (device registry, sessions, the integrity check): while one of
 * them reads and then writes in a transaction, every ingest round and every such transaction must succeed.
 */
class SqliteWritersTest {

    static final int BATCHES = 300;
    static final int PER_BATCH = 50;

    @TempDir
    Path dir;

    static IngestBatch batch(int n) {
        List<IncomingEvent> events = new ArrayList<>();
        for (int i = 1; i <= PER_BATCH; i++) {
            long seq = (long) n * PER_BATCH + i;
            var e = TestEvents.reception(seq);
            events.add(new IncomingEvent(seq, e.getPayloadCase().getNumber(), e.getWallTimeMs(),
                    e.getBootId().toByteArray(), e.getMonotonicNanos(), e.toByteArray()));
        }
        return new IngestBatch("kiosk-1", events, List.of(), List.of(), System.currentTimeMillis());
    }

    @Test
    void ingestAndAReadThenWriteTransactionOnAnotherConnection_bothAlwaysCommit() throws Exception {
        try (SqliteDatabase db = SqliteDatabase.open(dir); SqliteEventStore store = SqliteEventStore.open(dir)) {
            CompletableFuture<Void> ingest = CompletableFuture.runAsync(() -> {
                for (int n = 0; n < BATCHES; n++) {
                    store.ingest(batch(n));
                }
            });
            int checks = 0;
            // What the integrity check does: read how far the events go, then record its progress.
            while (!ingest.isDone() || checks < 50) {
                try (Connection c = db.connect()) {
                    long stored;
                    try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(max_seq), 0) FROM devices");
                         ResultSet rs = p.executeQuery()) {
                        stored = rs.next() ? rs.getLong(1) : 0;
                    }
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO chain_progress (device_id, checked_through, "
                            + "last_hash, last_chained, updated_ms) VALUES ('kiosk-1', ?, x'00', 0, 0) ON CONFLICT (device_id) "
                            + "DO UPDATE SET checked_through = excluded.checked_through")) {
                        p.setLong(1, stored);
                        p.executeUpdate();
                    }
                    c.commit();
                }
                checks++;
            }
            ingest.get(2, TimeUnit.MINUTES);
            assertThat(store.watermark("kiosk-1")).isEqualTo((long) BATCHES * PER_BATCH);
        }
    }

    @Test
    void theLogIsCopiedIntoTheDatabaseBesideTheWriter_eachSecond_thoughTheWritersOwnThresholdIs64MiB() throws Exception {
        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            long before = Files.size(dir.resolve("kiosk06.db"));
            for (int n = 0; n < BATCHES; n++) {
                store.ingest(batch(n));
            }
            long wal = Files.size(dir.resolve("kiosk06.db-wal"));
            // Below the writer's own checkpoint (64 MiB): only the checkpointer copies the 15,000 events (~2 MiB of
            // pages) into the database file, within its second.
            assertThat(wal).isLessThan(WalCheckpointer.BACKSTOP_PAGES * 4096L);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(Files.size(dir.resolve("kiosk06.db")) - before).isGreaterThan(1L << 20));
            assertThat(store.watermark("kiosk-1")).isEqualTo((long) BATCHES * PER_BATCH);
        }
    }
}
