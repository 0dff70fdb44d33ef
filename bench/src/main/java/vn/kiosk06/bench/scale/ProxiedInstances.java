package vn.kiosk06.bench.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import vn.kiosk06.bench.simulate.ProxiedFleetSimulation;
import vn.kiosk06.bench.simulate.RegistryEnrollment;

/**
 * Two server instances on one PostgreSQL behind nginx with the repository's {@code deploy/nginx/kiosk06-grpc.conf}:
 * devices enroll and sync through nginx, one instance is killed (SIGKILL) a third of the way through and its calls
 * move to the other through the proxy; then every device's events are counted in the store (exactly once: each
 * device's rows are its whole backlog, seq 1…n), and the report is asked of the surviving instance and of the killed
 * one restarted (identical answers). The same run measures what sizing needs: server and PostgreSQL CPU per event
 * (the backlog drain) and per heartbeat sync (devices connected with nothing to send), heap per device, database
 * bytes and WAL per event, nginx memory per device connection.
 */
public final class ProxiedInstances {

    /** The share of all events acked when the second instance is killed. */
    static final double KILL_AT = 1.0 / 3;
    /**
     * Bench-only: nginx's per-address limit (limit_conn, 256 in the file) counts concurrent calls, and every simulated
     * device calls from this machine's one address; a deployment keeps the file's figure.
     */
    static final int BENCH_CALLS_PER_ADDRESS = 60_000;
    /** How long the idle devices' heartbeats are measured, and their interval. */
    static final Duration IDLE_WINDOW = Duration.ofSeconds(20);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /** How long the instances' background CPU is measured before the devices come. */
    static final Duration BASELINE_WINDOW = Duration.ofSeconds(10);

    /**
     * @param instances       instances behind nginx at the start
     * @param eventsStored    rows in the store for this run's devices
     * @param devicesWrong    devices whose rows are not exactly their backlog, seq 1…n
     * @param duplicates      rows beyond each device's backlog (and watermarks beyond it)
     * @param losses          backlog events missing from the store or below the watermark
     * @param reportsIdentical whether both instances answered the report identically
     * @param callsPerUpstream nginx's calls per instance (its access log)
     */
    public record Result(int instances, ProxiedFleetSimulation.Result run, long eventsStored, long devicesWrong,
                         long duplicates, long losses, boolean reportsIdentical, Map<String, Long> callsPerUpstream,
                         Costs costs) {
        /** Whether the run met every check. */
        public boolean passed() {
            return !run.timedOut() && devicesWrong == 0 && duplicates == 0 && losses == 0 && reportsIdentical
                    && eventsStored == (long) run.devices() * run.eventsPerDevice();
        }
    }

    /**
     * Measured costs (NaN where not measurable: PostgreSQL's CPU needs the embedded one, whose processes are ours).
     *
     * @param serverCpuMsPerEvent    both instances' CPU over the backlog drain / events stored
     * @param pgCpuMsPerEvent        PostgreSQL's processes' CPU over the drain / events stored
     * @param serverCpuMsPerSync     the surviving instance's CPU over the idle window, less its CPU with no device
     *                               connected (measured before), / heartbeat syncs in it
     * @param pgCpuMsPerSync         PostgreSQL's over the idle window / heartbeat syncs in it
     * @param syncsPerSecond         heartbeat syncs (handshake calls nginx passed) per second in the idle window
     * @param heapBytesPerDevice     surviving instance's live heap (after a full GC) after the run minus before
     *                               enrollment, per device
     * @param dbBytesPerEvent        growth of all tables and indexes over the drain / events
     * @param walBytesPerEvent       pg_stat_wal.wal_bytes over the drain / events
     * @param walSyncsPerEvent       pg_stat_wal.wal_sync (WAL fsyncs: the commit IOPS) over the drain / events
     * @param walSyncsPerSync        the same over the idle window / heartbeat syncs
     * @param dataWritesPerEvent     pages written to data files (checkpointer, bgwriter, backends) over the drain / events
     * @param nginxRssBytesPerDevice nginx's resident memory with all devices connected minus at start, per device
     * @param drainEventsPerSecond   events acked per second of the drain (through nginx, one instance for 2/3 of it)
     */
    public record Costs(double serverCpuMsPerEvent, double pgCpuMsPerEvent, double serverCpuMsPerSync,
                        double pgCpuMsPerSync, double syncsPerSecond, double heapBytesPerDevice, double dbBytesPerEvent,
                        double walBytesPerEvent, double walSyncsPerEvent, double walSyncsPerSync, double dataWritesPerEvent,
                        double nginxRssBytesPerDevice, double drainEventsPerSecond) {
    }

    private ProxiedInstances() {
    }

    /** Whether this run can happen here: nginx installed. Empty when it can; else why not. */
    public static Optional<String> unavailable() {
        return NginxProxy.binary().isPresent() ? Optional.empty()
                : Optional.of("nginx is not installed (apt-get install -y nginx; ./kiosk06 test installs it)");
    }

    /** Runs {@code devices} devices × {@code eventsPerDevice} events; an embedded PostgreSQL 16 unless {@code pgUrl}. */
    public static Result run(Path dir, int devices, int eventsPerDevice, Optional<String> pgUrl, PrintStream log)
            throws Exception {
        Files.createDirectories(dir);
        EmbeddedPostgres embedded = null;
        try {
            String url;
            Optional<Long> postmaster = Optional.empty();
            if (pgUrl.isPresent()) {
                url = pgUrl.get();
            } else {
                Path pgData = dir.resolve("pgdata");
                embedded = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "200")
                        // As deployed: a commit is durable (zonky turns both off for tests).
                        .setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on").start();
                try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE kiosk06");
                }
                url = embedded.getJdbcUrl("postgres", "kiosk06");
                postmaster = Optional.of(Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).strip()));
                log.printf("[bench] proxy: embedded PostgreSQL 16 at %s%n", url);
            }
            return run(dir, devices, eventsPerDevice, url, postmaster, log);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Result run(Path dir, int devices, int eventsPerDevice, String url, Optional<Long> postmaster,
                              PrintStream log) throws Exception {
        // As a deployment behind this proxy configures its instances (deploy/nginx/kiosk06-grpc.conf says so).
        String[] behindProxy = {"kiosk06.server.limits.trusted-proxies=127.0.0.1", "kiosk06.server.limits.instances=2"};
        ServerProcess.Setup first = new ServerProcess.Setup(Optional.of(url), Optional.empty(), true).withProperties(behindProxy);
        try (ServerProcess a = ServerProcess.start(dir, "proxied-a", 512, first)) {
            ServerProcess.Setup others = new ServerProcess.Setup(Optional.of(url), Optional.of(a.dataDir()), false)
                    .withProperties(behindProxy);
            ServerProcess b = ServerProcess.start(dir, "proxied-b", 512, others);
            Path tls = a.dataDir().resolve("tls");
            try (NginxProxy nginx = NginxProxy.start(dir.resolve("nginx"), tls.resolve("server.crt"), tls.resolve("server.key"),
                         List.of(a.grpcTarget(), b.grpcTarget()), OptionalInt.of(BENCH_CALLS_PER_ADDRESS));
                 RegistryEnrollment enrollment = RegistryEnrollment.withCertificate(a.fingerprint(), a.dataDir(),
                         Optional.of(url), nginx.target());
                 Connection db = DriverManager.getConnection(url)) {
                log.printf("[bench] proxy: nginx at %s in front of %s and %s%n", nginx.target(), a.grpcTarget(), b.grpcTarget());
                String prefix = "proxied-" + Long.toString(System.currentTimeMillis() / 1000 % 10_000_000, 36);
                long heapBefore = a.heapLiveBytes();
                long nginxRssBefore = nginx.rssBytes();
                ProxiedCosts meter = new ProxiedCosts(a, b, nginx, db, postmaster);
                meter.baseline(BASELINE_WINDOW);
                log.printf("[bench] proxy: PostgreSQL %s%n", settings(db));
                ProxiedFleetSimulation.Result r = ProxiedFleetSimulation.run(nginx.target(), enrollment, prefix, devices,
                        eventsPerDevice, KILL_AT, ProxiedFleetSimulation.settings(HEARTBEAT), dir.resolve("journals"),
                        Duration.ofMinutes(10), new ProxiedFleetSimulation.Phases() {
                            @Override
                            public void syncing() throws Exception {
                                meter.startDrain();
                            }

                            @Override
                            public void midway(long acked) throws Exception {
                                meter.beforeKill();
                                b.kill();
                                log.printf(Locale.ROOT, "[bench] proxy: instance b killed (SIGKILL) at %,d events acked%n", acked);
                            }

                            @Override
                            public void drained() throws Exception {
                                meter.endDrain();
                                meter.idle(IDLE_WINDOW);
                                meter.heap(heapBefore, a.heapLiveBytes(), nginxRssBefore, nginx.rssBytes(), devices);
                            }
                        }, log);
                Map<String, Long> calls = new TreeMap<>(nginx.callsPerUpstream());
                long[] stored = stored(db, prefix, eventsPerDevice);
                // The killed instance restarted on the same store: both must answer the report alike.
                boolean same;
                try (ServerProcess b2 = ServerProcess.start(dir, "proxied-b-restarted", 512, others)) {
                    String period = URLEncoder.encode("window:" + LocalDate.now(ZoneOffset.UTC).minusDays(1) + ".."
                            + LocalDate.now(ZoneOffset.UTC).plusDays(1), StandardCharsets.UTF_8);
                    String path = "/api/v1/report?unit=" + rootUnit(db) + "&period=" + period;
                    String fromA = a.get(path) + "\n" + a.get("/api/v1/devices");
                    String fromB = b2.get(path) + "\n" + b2.get("/api/v1/devices");
                    same = fromA.equals(fromB);
                    if (!same) {
                        log.printf("[bench] proxy: the instances' reports differ:%n  a: %s%n  b: %s%n", fromA, fromB);
                    }
                }
                Costs costs = meter.costs(stored[0], r);
                Result result = new Result(2, r, stored[0], stored[1], stored[2] + r.beyond(), Math.max(r.losses(), stored[3]),
                        same, calls, costs);
                log.printf(Locale.ROOT, "[bench] proxy: %s%n", result);
                return result;
            } finally {
                b.close();
            }
        }
    }

    /** The settings that decide what a commit costs on disk. */
    static String settings(Connection db) throws Exception {
        StringBuilder s = new StringBuilder();
        try (Statement st = db.createStatement()) {
            for (String name : List.of("fsync", "synchronous_commit", "wal_sync_method", "full_page_writes", "shared_buffers")) {
                try (ResultSet rs = st.executeQuery("SHOW " + name)) {
                    rs.next();
                    s.append(name).append('=').append(rs.getString(1)).append(' ');
                }
            }
        }
        return s.toString().strip();
    }

    /** The org-unit tree's root: its report covers every device. */
    static String rootUnit(Connection db) throws Exception {
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT code FROM org_unit WHERE parent IS NULL ORDER BY code LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("the store has no org-unit tree");
            }
            return URLEncoder.encode(rs.getString(1), StandardCharsets.UTF_8);
        }
    }

    /** This run's devices in the store: {rows, devices not exactly 1…n, rows beyond n, events missing below n}. */
    static long[] stored(Connection db, String prefix, int eventsPerDevice) throws Exception {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT d.device_id, count(e.seq), count(DISTINCT e.seq), coalesce(min(e.seq), 0), coalesce(max(e.seq), 0) "
                        + "FROM devices d LEFT JOIN events e ON e.device = d.id WHERE d.device_id LIKE '"
                        + prefix.replace("'", "") + "-%' GROUP BY d.device_id")) {
            long rows = 0;
            long wrong = 0;
            long beyond = 0;
            long missing = 0;
            while (rs.next()) {
                long n = rs.getLong(2);
                long distinct = rs.getLong(3);
                rows += n;
                boolean exact = n == eventsPerDevice && distinct == n && rs.getLong(4) == 1 && rs.getLong(5) == eventsPerDevice;
                wrong += exact ? 0 : 1;
                beyond += Math.max(0, n - distinct) + Math.max(0, rs.getLong(5) - eventsPerDevice);
                missing += Math.max(0, eventsPerDevice - distinct);
            }
            return new long[] {rows, wrong, beyond, missing};
        }
    }
}
