package vn.kiosk06.bench.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.store.SqliteEventStore;

/**
 * The limit for ingest: the same rows the server would store, inserted with plain JDBC batches into a fresh store
 * file (same schema, same connection pragmas, same INSERT, one JDBC batch per device batch, a commit per ~50,000
 * rows like the store's group commit). No gRPC, no parsing, no validation, no watermark bookkeeping.
 */
final class RawInsertBench {

    record Result(long events, double seconds, double eventsPerSecond) {
    }

    /** A row of the events table, ready to bind. */
    private record Row(long seq, int kind, long wallMs, byte[] bootId, long monoNs, byte[] body) {
    }

    private static final int ROWS_PER_COMMIT = 50_000;

    private RawInsertBench() {
    }

    static Result run(Path dir, FleetWorkload workload) throws SQLException, IOException {
        Files.createDirectories(dir);
        SqliteEventStore.open(dir).close(); // creates and migrates the file exactly as the server does
        Path file = dir.resolve("kiosk06.db");
        List<EventBatch> interleaved = workload.interleaved();
        List<Long> deviceOf = new ArrayList<>();
        List<List<Row>> batches = new ArrayList<>();
        for (EventBatch b : interleaved) {
            deviceOf.add((long) workload.deviceIds().indexOf(b.getDeviceId()) + 1);
            List<Row> rows = new ArrayList<>(b.getEventsCount());
            for (Event e : b.getEventsList()) {
                rows.add(new Row(e.getSeq(), e.getPayloadCase().getNumber(), e.getWallTimeMs(), e.getBootId().toByteArray(),
                        e.getMonotonicNanos(), e.toByteArray()));
            }
            batches.add(rows);
        }
        long receivedMs = System.currentTimeMillis();
        try (Connection c = SqliteDatabase.connect(file)) {
            try (PreparedStatement dev = c.prepareStatement(
                    "INSERT INTO devices (id, device_id, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?)")) {
                for (int d = 0; d < workload.deviceIds().size(); d++) {
                    dev.setLong(1, d + 1);
                    dev.setString(2, workload.deviceIds().get(d));
                    dev.setLong(3, receivedMs);
                    dev.setLong(4, receivedMs);
                    dev.executeUpdate();
                }
            }
            c.commit();
            long events = 0;
            long t0 = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("INSERT OR IGNORE INTO events (device, seq, kind, wall_ms, "
                    + "boot_id, mono_ns, received_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int uncommitted = 0;
                for (int i = 0; i < batches.size(); i++) {
                    long device = deviceOf.get(i);
                    for (Row r : batches.get(i)) {
                        insert.setLong(1, device);
                        insert.setLong(2, r.seq());
                        insert.setInt(3, r.kind());
                        insert.setLong(4, r.wallMs());
                        insert.setBytes(5, r.bootId());
                        insert.setLong(6, r.monoNs());
                        insert.setLong(7, receivedMs);
                        insert.setBytes(8, r.body());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    uncommitted += batches.get(i).size();
                    events += batches.get(i).size();
                    if (uncommitted >= ROWS_PER_COMMIT) {
                        c.commit();
                        uncommitted = 0;
                    }
                }
                c.commit();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Result(events, seconds, events / seconds);
        }
    }
}
