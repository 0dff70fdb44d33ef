package vn.kiosk06.bench.sync;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.server.db.PostgresDatabase;

/**
 * Ingest into PostgreSQL, measured against the database's own limit in the same run: starts an embedded
 * PostgreSQL 16 (durable commits: {@code synchronous_commit=on}), then (a) streams a fleet's batches over real gRPC
 * into the real aggregator configured with {@code --db} on it, exactly as {@code bench sync} measures SQLite
 * ingest, and (b) inserts the same rows into the same database's events table with plain JDBC — multi-row batches
 * ({@code reWriteBatchedInserts}) and COPY — with no gRPC, parsing, validation, time correction, watermark or
 * rollups. For {@code ./kiosk06 bench scale}; {@link #main} prints the figures.
 */
public final class PgIngestBench {

    /**
     * What one run measured.
     *
     * @param ingestEventsPerSecond    over gRPC into the server on PostgreSQL, acked (committed) events per second
     * @param rawInsertEventsPerSecond plain JDBC multi-row batch INSERT of the same rows
     * @param copyEventsPerSecond      COPY of the same rows
     */
    public record Result(long events, int devices, double ingestEventsPerSecond, double rawInsertEventsPerSecond,
                         double copyEventsPerSecond, Map<String, Double> ingestCpuSeconds) {

        /** Ingest over the faster of the two raw paths: the figure the "≥ 0.5 × raw" is about. */
        public double ingestVsRaw() {
            return ingestEventsPerSecond / Math.max(rawInsertEventsPerSecond, copyEventsPerSecond);
        }

        public String json() {
            // pg_raw_insert_events_per_s is the faster raw path, the one the ratio is taken against.
            return String.format(Locale.ROOT, "{\"pg_ingest_events_per_s\":%.0f,\"pg_raw_insert_events_per_s\":%.0f,"
                            + "\"pg_batch_insert_events_per_s\":%.0f,\"pg_copy_events_per_s\":%.0f,\"pg_ingest_vs_raw\":%.3f}",
                    ingestEventsPerSecond, Math.max(rawInsertEventsPerSecond, copyEventsPerSecond),
                    rawInsertEventsPerSecond, copyEventsPerSecond, ingestVsRaw());
        }
    }

    private static final int BATCH_EVENTS = 2_000;
    private static final int MAX_INFLIGHT = 4;
    private static final int ROWS_PER_COMMIT = 50_000;

    private PgIngestBench() {
    }

    /** One run: {@code devices} devices uploading {@code events} events in all; {@code work} holds PG's files. */
    public static Result run(Path work, int devices, long events) throws Exception {
        Files.createDirectories(work);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE kiosk06");
            }
            String url = pg.getJdbcUrl("postgres", "kiosk06");
            System.err.printf("[bench] PostgreSQL 16 at %s%n", url);
            System.err.printf("[bench] generating %,d events for %d devices …%n", events, devices);
            FleetWorkload fleet = FleetWorkload.build("pg", devices, events, BATCH_EVENTS, 42);
            IngestBench.Result ingest;
            System.err.println("[bench] starting the server on PostgreSQL in this JVM …");
            try (InProcessServer server = InProcessServer.start(work.resolve("server"), Map.of("kiosk06.server.db", url))) {
                System.err.println("[bench] ingest warm-up (one device, 40,000 events, not counted) …");
                IngestBench.run(server, FleetWorkload.build("pg-warmup", 1, 40_000, BATCH_EVENTS, 7), MAX_INFLIGHT);
                System.err.printf("[bench] ingest: %d devices, %,d events over gRPC …%n", devices, fleet.events());
                ingest = IngestBench.run(server, fleet, MAX_INFLIGHT);
            }
            System.err.println("[bench] raw JDBC batch insert of the same rows into the same database …");
            double raw = rawInsert(url, fleet, "raw", false);
            System.err.println("[bench] COPY of the same rows into the same database …");
            double copy = rawInsert(url, fleet, "copy", true);
            return new Result(fleet.events(), devices, ingest.eventsPerSecond(), raw, copy, ingest.cpuSeconds());
        }
    }

    /** Inserts the fleet's rows under fresh device rows named {@code prefix-…}; returns rows per second. */
    private static double rawInsert(String url, FleetWorkload fleet, String prefix, boolean copy) throws SQLException, IOException {
        try (PostgresDatabase db = PostgresDatabase.open(url); Connection c = db.connect()) {
            long receivedMs = System.currentTimeMillis();
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement dev = c.prepareStatement("INSERT INTO devices (device_id, first_seen_ms, last_seen_ms) "
                    + "VALUES (?, ?, ?) RETURNING id")) {
                for (String id : fleet.deviceIds()) {
                    dev.setString(1, prefix + "-" + id);
                    dev.setLong(2, receivedMs);
                    dev.setLong(3, receivedMs);
                    try (var rs = dev.executeQuery()) {
                        rs.next();
                        ids.add(rs.getLong(1));
                    }
                }
            }
            c.commit();
            List<EventBatch> interleaved = fleet.interleaved();
            long rows = 0;
            long t0 = System.nanoTime();
            if (copy) {
                rows = copyRows(c, fleet, ids, interleaved, receivedMs);
            } else {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO events (device, seq, kind, wall_ms, "
                        + "boot_id, mono_ns, received_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                    int uncommitted = 0;
                    for (EventBatch b : interleaved) {
                        long device = ids.get(fleet.deviceIds().indexOf(b.getDeviceId()));
                        for (Event e : b.getEventsList()) {
                            insert.setLong(1, device);
                            insert.setLong(2, e.getSeq());
                            insert.setInt(3, e.getPayloadCase().getNumber());
                            insert.setLong(4, e.getWallTimeMs());
                            insert.setBytes(5, e.getBootId().toByteArray());
                            insert.setLong(6, e.getMonotonicNanos());
                            insert.setLong(7, receivedMs);
                            insert.setBytes(8, e.toByteArray());
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        uncommitted += b.getEventsCount();
                        rows += b.getEventsCount();
                        if (uncommitted >= ROWS_PER_COMMIT) {
                            c.commit();
                            uncommitted = 0;
                        }
                    }
                    c.commit();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return rows / seconds;
        }
    }

    /** COPY in binary-free text form: bytea as hex. One COPY per ~50,000 rows, committed like the batches. */
    private static long copyRows(Connection c, FleetWorkload fleet, List<Long> ids, List<EventBatch> interleaved,
                                 long receivedMs) throws SQLException {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        int i = 0;
        while (i < interleaved.size()) {
            CopyIn in = copy.copyIn("COPY events (device, seq, kind, wall_ms, boot_id, mono_ns, received_ms, body) FROM STDIN");
            int uncommitted = 0;
            StringBuilder line = new StringBuilder(512);
            for (; i < interleaved.size() && uncommitted < ROWS_PER_COMMIT; i++) {
                EventBatch b = interleaved.get(i);
                long device = ids.get(fleet.deviceIds().indexOf(b.getDeviceId()));
                for (Event e : b.getEventsList()) {
                    line.setLength(0);
                    line.append(device).append('\t').append(e.getSeq()).append('\t').append(e.getPayloadCase().getNumber())
                            .append('\t').append(e.getWallTimeMs()).append('\t');
                    hex(line, e.getBootId().toByteArray());
                    line.append('\t').append(e.getMonotonicNanos()).append('\t').append(receivedMs).append('\t');
                    hex(line, e.toByteArray());
                    line.append('\n');
                    byte[] bytes = line.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    in.writeToCopy(bytes, 0, bytes.length);
                }
                uncommitted += b.getEventsCount();
                rows += b.getEventsCount();
            }
            in.endCopy();
            c.commit();
        }
        return rows;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void hex(StringBuilder out, byte[] bytes) {
        out.append("\\\\x"); // COPY text format unescapes "\\" to "\", leaving bytea's hex form "\x…"
        for (byte b : bytes) {
            out.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    /** {@code PgIngestBench [devices] [events]}: one run, figures on stdout (progress on stderr). */
    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long events = args.length > 1 ? Long.parseLong(args[1]) : 400_000;
        Path work = Files.createTempDirectory("kiosk06-pg-bench-");
        Result r = run(work, devices, events);
        System.out.printf(Locale.ROOT, "PostgreSQL 16 ingest, %d devices, %,d events (one run, %d cores)%n", r.devices(),
                r.events(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  ingest over gRPC into the server on PostgreSQL  %,10.0f ev/s   target ≥ 30,000%n",
                r.ingestEventsPerSecond());
        System.out.printf(Locale.ROOT, "  raw JDBC multi-row batch INSERT, same rows      %,10.0f ev/s%n", r.rawInsertEventsPerSecond());
        System.out.printf(Locale.ROOT, "  raw COPY, same rows                             %,10.0f ev/s%n", r.copyEventsPerSecond());
        System.out.printf(Locale.ROOT, "  ingest / faster raw                             %10.2f        target ≥ %.2f%n", r.ingestVsRaw(),
                SyncBench.INGEST_VS_RAW_TARGET);
        System.out.println("  CPU of this JVM during the ingest run, by thread (PostgreSQL's own processes not included):");
        r.ingestCpuSeconds().entrySet().stream().limit(6).forEach(e -> System.out.printf(Locale.ROOT,
                "    %-44s %6.2f s  %5.1f µs/event%n", e.getKey(), e.getValue(), e.getValue() * 1e6 / r.events()));
        System.out.println(r.json());
        System.exit(0); // the in-process server's gRPC threads are not daemons
    }
}
