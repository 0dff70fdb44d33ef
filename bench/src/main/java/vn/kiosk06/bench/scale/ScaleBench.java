package vn.kiosk06.bench.scale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import vn.kiosk06.bench.simulate.InstanceSwitchSimulation;
import vn.kiosk06.bench.simulate.RegistryEnrollment;
import vn.kiosk06.bench.sync.PgIngestBench;

/**
 * {@code kiosk06 bench scale}: the province/national-scale figures of one run on this machine — PostgreSQL ingest
 * against a raw insert, thousands of concurrent devices against one server process with a 512 MiB heap, and two
 * server instances on one PostgreSQL with devices moving between them. The servers run secure (TLS, enrolled
 * devices, REST behind a log-in) and every simulated device enrolls; each section is its own method, and one not
 * run ({@code --only}) leaves its JSON figures null.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Measure PostgreSQL ingest, 5,000 concurrent devices on one server, and two instances on one database (one run).")
public final class ScaleBench implements Callable<Integer> {

    static final String PG_MISSING = "not available: PostgreSQL store not built";

    @Option(names = "--json", description = "Print one JSON object with the figures, nothing else on stdout.")
    boolean json;

    @Option(names = "--devices", defaultValue = "5000", description = "Concurrent simulated devices against one server (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--events-per-device", defaultValue = "100", description = "Events each of them journals (default ${DEFAULT-VALUE}).")
    int eventsPerDevice;

    @Option(names = "--offline-fraction", defaultValue = "0.3", description = "Share starting with their backlog journaled (default ${DEFAULT-VALUE}).")
    double offlineFraction;

    @Option(names = "--spread", defaultValue = "240", description = "Seconds over which the online devices journal their events (default ${DEFAULT-VALUE}).")
    int spreadSeconds;

    @Option(names = "--sync-interval", defaultValue = "60", description = "Seconds between an idle device's syncs (default ${DEFAULT-VALUE}, as a device).")
    int syncIntervalSeconds;

    @Option(names = "--restart-after", paramLabel = "SECONDS",
            description = "Reconnect storm: kill the server this long after every device is syncing and start it again on "
                    + "the same ports; its health is probed every 250 ms from then on (default: no restart).")
    Integer restartAfterSeconds;

    @Option(names = "--ramp", defaultValue = "60", description = "Seconds over which the devices come online (default ${DEFAULT-VALUE}).")
    int rampSeconds;

    @Option(names = "--pg-url", description = "PostgreSQL database for the two-instance run (a --db value of the server); "
            + "without it the bench starts an embedded PostgreSQL 16.")
    String pgUrl;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Run only these sections: pg, enroll, devices, two, proxy (default all; the others' figures are null).")
    java.util.Set<String> only;

    @Option(names = "--enroll-devices", defaultValue = "5000",
            description = "Devices the enrollment section enrolls in each of its two runs (default ${DEFAULT-VALUE}).")
    int enrollDevices;

    @Option(names = "--proxy-devices", defaultValue = "500",
            description = "Devices syncing through nginx in the proxy section (default ${DEFAULT-VALUE}).")
    int proxyDevices;

    @Option(names = "--proxy-events", defaultValue = "400",
            description = "Backlog events of each of them (default ${DEFAULT-VALUE}).")
    int proxyEvents;

    @Option(names = "--dir", description = "Where to put journals, server data and logs (kept); default a temporary directory, deleted after.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        PrintStream log = System.err;
        // All simulator processes together, before any starts: each checks only its own share, and a fleet that does
        // not fit the machine's task table starves every process on it, the server's included.
        Optional<String> threads = runs("devices") && !SimulatorJvm.virtualThreads()
                ? vn.kiosk06.bench.simulate.ThreadBudget.ofThisMachine().flatMap(b -> b.shortage(devices)) : Optional.empty();
        if (threads.isPresent()) {
            log.println("kiosk06 bench scale: --devices " + devices + ": " + threads.get());
            return 2;
        }
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kiosk06-scale-");
        log.printf("[bench] working in %s%n", work);
        try {
            Optional<PgIngest> pg = runs("pg") ? pgIngest(work, log) : Optional.empty();
            Optional<EnrollAtScale.Result> enroll = runs("enroll")
                    ? Optional.of(EnrollAtScale.run(work.resolve("enroll"), enrollDevices, log)) : Optional.empty();
            FleetAtScale.Result fleet = runs("devices") ? devicesAtScale(work, log) : FleetAtScale.Result.none(devices);
            Optional<TwoInstances> two = runs("two") ? twoInstances(work, log) : Optional.empty();
            Optional<ProxiedInstances.Result> proxy = runs("proxy") ? proxied(work, log) : Optional.empty();
            Figures f = new Figures(pg, enroll, fleet, two, eventsPerDevice, proxy);
            System.out.print(json ? f.json() : f.table());
            System.out.flush();
            if (!fleet.failedSimulators().isEmpty()) {
                // Already named, each with its last stderr lines, as they were found: here the verdict.
                log.printf(Locale.ROOT, "[bench] FAIL: %d of %d simulator processes printed no result; their devices' "
                        + "figures are missing from the sums above%n", fleet.failedSimulators().size(), fleet.processes());
                return 1;
            }
            return 0;
        } finally {
            if (dir == null) {
                Cleanup.deleteTree(work);
            }
        }
    }

    private boolean runs(String section) {
        if (only != null && !java.util.List.of("pg", "enroll", "devices", "two", "proxy").containsAll(only)) {
            throw new IllegalArgumentException("--only takes pg, enroll, devices, two, proxy; was " + only);
        }
        return only == null || only.contains(section);
    }

    /** Devices and events of the PostgreSQL ingest section: about a minute on 2 cores, after a warm-up. */
    static final int PG_DEVICES = 8;
    static final long PG_EVENTS = 400_000;

    /** PostgreSQL ingest over gRPC (the server in this JVM, secure off: it measures ingest) against a raw insert and COPY. */
    Optional<PgIngest> pgIngest(Path work, PrintStream log) throws Exception {
        log.printf(Locale.ROOT, "[bench] PostgreSQL ingest: %d devices, %,d events over gRPC, then the same rows raw …%n",
                PG_DEVICES, PG_EVENTS);
        PgIngestBench.Result r = PgIngestBench.run(work.resolve("pg-ingest"), PG_DEVICES, PG_EVENTS);
        return Optional.of(new PgIngest(r.ingestEventsPerSecond(), Math.max(r.rawInsertEventsPerSecond(), r.copyEventsPerSecond())));
    }

    /** N concurrent devices against one server process with -Xmx512m. */
    FleetAtScale.Result devicesAtScale(Path work, PrintStream log) throws IOException, InterruptedException {
        return FleetAtScale.run(work.resolve("fleet"), devices, eventsPerDevice, offlineFraction, spreadSeconds, rampSeconds,
                syncIntervalSeconds, java.util.Optional.ofNullable(restartAfterSeconds).map(java.time.Duration::ofSeconds), log);
    }

    /**
     * Two server processes on one PostgreSQL database (the --pg-url one, else an embedded PostgreSQL 16 the bench
     * starts), serving one certificate as instances behind one address do; each device enrolls at the first, then
     * moves to the other mid-backlog. Duplicates: rows stored beyond each device's backlog (REST eventsStored, as the
     * bench's admin) and watermarks beyond it; losses: events missing below either instance's watermark.
     */
    Optional<TwoInstances> twoInstances(Path work, PrintStream log) throws Exception {
        if (!ServerProcess.supportsDb()) {
            log.println("[bench] two instances: " + PG_MISSING + " (the server jar has no --db option)");
            return Optional.empty();
        }
        int n = 200;
        int events = 2_000;
        Path dir = work.resolve("two-instances");
        EmbeddedPostgres embedded = null;
        try {
            String url = pgUrl;
            if (url == null) {
                embedded = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pgdata")).setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "200").start();
                try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE kiosk06");
                }
                url = embedded.getJdbcUrl("postgres", "kiosk06");
                log.printf("[bench] two instances: embedded PostgreSQL 16 at %s%n", url);
            }
            try (ServerProcess a = ServerProcess.start(dir, "instance-a", 512,
                         new ServerProcess.Setup(Optional.of(url), Optional.empty(), true));
                 ServerProcess b = ServerProcess.start(dir, "instance-b", 512,
                         new ServerProcess.Setup(Optional.of(url), Optional.of(a.dataDir()), false));
                 RegistryEnrollment enrollment = RegistryEnrollment.withCertificate(a.fingerprint(), a.dataDir(),
                         Optional.of(url), a.grpcTarget())) {
                String prefix = "switch-" + Long.toString(System.currentTimeMillis() / 1000 % 10_000_000, 36);
                InstanceSwitchSimulation.Result r = InstanceSwitchSimulation.run(a.grpcTarget(), b.grpcTarget(), enrollment,
                        prefix, n, events, dir.resolve("journals"), Duration.ofMinutes(10), log);
                long duplicates = 0;
                for (JsonNode d : new ObjectMapper().readTree(a.get("/api/v1/devices"))) {
                    if (d.get("deviceId").asText().startsWith(prefix + "-")) {
                        duplicates += Math.max(0, d.get("eventsStored").asLong() - events);
                    }
                }
                log.printf(Locale.ROOT, "[bench] two instances: %d enrollments retried (server busy)%n", enrollment.retries());
                return Optional.of(new TwoInstances(r, duplicates + r.beyond()));
            }
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * Two instances on one PostgreSQL behind nginx ({@code deploy/nginx/kiosk06-grpc.conf}), one killed mid-run, and
     * the per-event and per-sync costs the README's sizing table extrapolates from ({@link ProxiedInstances}).
     */
    Optional<ProxiedInstances.Result> proxied(Path work, PrintStream log) throws Exception {
        Optional<String> why = ProxiedInstances.unavailable();
        if (why.isPresent()) {
            log.println("[bench] proxy: not run: " + why.get());
            return Optional.empty();
        }
        log.printf(Locale.ROOT, "[bench] proxy: %,d devices × %,d events through nginx to two instances, one killed mid-run …%n",
                proxyDevices, proxyEvents);
        return Optional.of(ProxiedInstances.run(work.resolve("proxy"), proxyDevices, proxyEvents, Optional.ofNullable(pgUrl), log));
    }

    /** What the PostgreSQL ingest section measures. */
    record PgIngest(double ingestEventsPerSecond, double rawInsertEventsPerSecond) {
        double ratio() {
            return ingestEventsPerSecond / rawInsertEventsPerSecond;
        }
    }

    /** What the two-instance section found. */
    record TwoInstances(InstanceSwitchSimulation.Result run, long duplicates) {
    }

    /** One run's figures. */
    private record Figures(Optional<PgIngest> pg, Optional<EnrollAtScale.Result> enroll, FleetAtScale.Result fleet, Optional<TwoInstances> two, int eventsPerDevice,
                           Optional<ProxiedInstances.Result> proxy) {

        /** The figures under the names issue 17 gives them; a section not run (--only) leaves its figures null. */
        String json() {
            return String.format(Locale.ROOT, "{\"devices\":%s,\"errors\":%s,\"events_sent\":%s,\"events_stored\":%s,"
                            + "\"devices_not_exactly_once\":%s,\"simulators_failed\":%s,\"ack_p99_ms\":%s,\"server_heap_mib\":%s,\"sim_cpu_share\":%s,"
                            + "\"enroll_per_s\":%s,\"enroll_new_tls_connection_per_s\":%s,"
                            + "\"two_instance_duplicates\":%s,\"two_instance_losses\":%s,"
                            + "\"pg_ingest_events_per_s\":%s,\"pg_raw_insert_events_per_s\":%s,\"pg_ingest_vs_raw\":%s,"
                            + "\"storm_server_down_s\":%s,\"storm_health_checks\":%s,\"storm_health_failures\":%s,"
                            + "\"storm_health_p99_ms\":%s,\"storm_sync_failures_before_kill\":%s,"
                            + "\"storm_sync_failures_while_down\":%s,\"storm_sync_failures_after_back\":%s,"
                            + "\"storm_last_sync_failure_after_back_s\":%s,\"storm_health_problems\":%s,%s}%n",
                    ran(fleet, fleet.devices()), ran(fleet, fleet.errors()), ran(fleet, fleet.eventsSent()),
                    ran(fleet, fleet.eventsStored()), ran(fleet, fleet.devicesWrong()), ran(fleet, fleet.failedSimulators().size()),
                    fleet.processes() == 0 ? "null" : fmt(fleet.ackP99Ms()), ran(fleet, Math.round(fleet.heapPeakMib())),
                    fleet.processes() == 0 ? "null" : String.format(Locale.ROOT, "%.2f", fleet.simCpuShare()),
                    enroll.map(e -> fmt(e.sharedPerSecond())).orElse("null"), enroll.map(e -> fmt(e.perSecond())).orElse("null"),
                    two.map(t -> String.valueOf(t.duplicates())).orElse("null"),
                    two.map(t -> String.valueOf(t.run().losses())).orElse("null"),
                    pg.map(p -> fmt(p.ingestEventsPerSecond())).orElse("null"),
                    pg.map(p -> fmt(p.rawInsertEventsPerSecond())).orElse("null"),
                    pg.map(p -> String.format(Locale.ROOT, "%.3f", p.ratio())).orElse("null"),
                    fleet.storm().map(f -> String.format(Locale.ROOT, "%.1f", f.downSeconds())).orElse("null"),
                    fleet.storm().map(f -> String.valueOf(f.healthChecks())).orElse("null"),
                    fleet.storm().map(f -> String.valueOf(f.healthFailures())).orElse("null"),
                    fleet.storm().map(f -> fmt(f.healthP99Ms())).orElse("null"),
                    fleet.storm().map(f -> String.valueOf(f.syncFailures().beforeKill())).orElse("null"),
                    fleet.storm().map(f -> String.valueOf(f.syncFailures().whileDown())).orElse("null"),
                    fleet.storm().map(f -> String.valueOf(f.syncFailures().afterBack())).orElse("null"),
                    fleet.storm().map(f -> String.valueOf(f.syncFailures().lastAfterBackSec())).orElse("null"),
                    fleet.storm().map(f -> jsonStrings(f.healthProblems())).orElse("null"),
                    ProxiedFigures.json(proxy));
        }

        /** The figure, or null when the devices section did not run (--only). */
        private static String ran(FleetAtScale.Result fleet, long value) {
            return fleet.processes() == 0 ? "null" : String.valueOf(value);
        }

        String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Kiosk06 scale benchmark — one run on this machine: %d cores, Java %s, load avg %.2f at end%n%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            String row = "%-58s %24s  %-10s %s%n";
            s.append(String.format(Locale.ROOT, row, "figure", "measured", "target", ""));
            if (pg.isPresent()) {
                PgIngest p = pg.get();
                s.append(String.format(Locale.ROOT, row, "PostgreSQL ingest over gRPC", String.format(Locale.ROOT, "%,.0f ev/s",
                        p.ingestEventsPerSecond()), "≥ 30,000", verdict(p.ingestEventsPerSecond() >= 30_000)));
                s.append(String.format(Locale.ROOT, row, "PostgreSQL raw batch insert, same rows", String.format(Locale.ROOT,
                        "%,.0f ev/s", p.rawInsertEventsPerSecond()), "", ""));
                s.append(String.format(Locale.ROOT, row, "ingest / raw insert", String.format(Locale.ROOT, "%.2f", p.ratio()),
                        "≥ 0.50", verdict(p.ratio() >= 0.5)));
            } else {
                s.append(String.format(Locale.ROOT, row, "PostgreSQL ingest over gRPC / raw insert", "not run", "", ""));
            }
            if (enroll.isPresent()) {
                EnrollAtScale.Result e = enroll.get();
                s.append(String.format(Locale.ROOT, row, String.format(Locale.ROOT, "Enroll rpc, %,d devices on a shared TLS connection",
                        e.devices()), String.format(Locale.ROOT, "%,.0f /s", e.sharedPerSecond()), "≥ 500",
                        verdict(e.sharedPerSecond() >= 500)));
                s.append(String.format(Locale.ROOT, row, "  the same, a new TLS connection (full handshake) each",
                        String.format(Locale.ROOT, "%,.0f /s", e.perSecond()), "(printed)", ""));
            } else {
                s.append(String.format(Locale.ROOT, row, "Enroll rpc", "not run", "", ""));
            }
            if (fleet.processes() == 0) {
                s.append(String.format(Locale.ROOT, row, "concurrent devices, one server", "not run (--only)", "", ""));
            } else {
            String devicesLabel = String.format(Locale.ROOT, "%,d concurrent devices × %,d events, one server", fleet.devices(), eventsPerDevice);
            s.append(String.format(Locale.ROOT, row, devicesLabel + ": errors", String.valueOf(fleet.errors()), "0",
                    verdict(fleet.errors() == 0)));
            s.append(String.format(Locale.ROOT, row, "  events sent / stored", String.format(Locale.ROOT, "%,d / %,d",
                    fleet.eventsSent(), fleet.eventsStored()), "equal", verdict(fleet.eventsSent() == fleet.eventsStored()
                    && fleet.eventsStored() == (long) fleet.devices() * eventsPerDevice)));
            s.append(String.format(Locale.ROOT, row, "  devices not stored exactly once", String.valueOf(fleet.devicesWrong()), "0",
                    verdict(fleet.devicesWrong() == 0)));
            s.append(String.format(Locale.ROOT, row, "  server peak heap in use (-Xmx512m, JMX)",
                    String.format(Locale.ROOT, "%.0f MiB", fleet.heapPeakMib()), "≤ 512", verdict(fleet.heapPeakMib() <= 512
                            && fleet.serverAlive())));
            s.append(String.format(Locale.ROOT, row, "  throughput / worst ack p99", String.format(Locale.ROOT,
                    "%,.0f ev/s / %,.0f ms", fleet.eventsPerSecond(), fleet.ackP99Ms()), "(printed)", ""));
            s.append(String.format(Locale.ROOT, row, "  simulator processes (open-file limit)", String.valueOf(fleet.processes()), "", ""));
            s.append(String.format(Locale.ROOT, row, "  simulator processes that printed no result",
                    String.valueOf(fleet.failedSimulators().size()), "0", verdict(fleet.failedSimulators().isEmpty())));
            s.append(String.format(Locale.ROOT, row, "  CPU: simulators (nice 10) / server (simulators' share)", String.format(Locale.ROOT,
                    "%,.0f s / %,.0f s (%.0f %%)", fleet.simCpuSeconds(), fleet.serverCpuSeconds(), 100 * fleet.simCpuShare()),
                    "(printed)", ""));
            fleet.storm().ifPresent(f -> {
                s.append(String.format(Locale.ROOT, row, "  reconnect storm: server killed and restarted, down for",
                        String.format(Locale.ROOT, "%.1f s", f.downSeconds()), "(printed)", ""));
                s.append(String.format(Locale.ROOT, row, "  health after the restart: probes failed / p99",
                        String.format(Locale.ROOT, "%,d of %,d / %.0f ms", f.healthFailures(), f.healthChecks(), f.healthP99Ms()),
                        "0", verdict(f.healthFailures() == 0)));
                f.healthProblems().forEach(p -> s.append(String.format(Locale.ROOT, row, "    failed probe", p, "", "")));
                StormSyncFailures sync = f.syncFailures();
                s.append(String.format(Locale.ROOT, row, "  failed sync attempts: before the kill / while down (+ one "
                        + "handshake deadline) / after", String.format(Locale.ROOT, "%,d / %,d / %,d", sync.beforeKill(),
                        sync.whileDown(), sync.afterBack()), "(printed)", ""));
                s.append(String.format(Locale.ROOT, row, "  last failed sync attempt after the server was back",
                        String.format(Locale.ROOT, "%d s", sync.lastAfterBackSec()), "(printed)", ""));
            });
            }
            if (two.isPresent()) {
                TwoInstances t = two.get();
                s.append(String.format(Locale.ROOT, row, String.format(Locale.ROOT, "two instances, %d devices moved mid-backlog: duplicates",
                        t.run().switched()), String.valueOf(t.duplicates()), "0", verdict(t.duplicates() == 0)));
                s.append(String.format(Locale.ROOT, row, "  losses", String.valueOf(t.run().losses()), "0", verdict(t.run().losses() == 0)));
            } else {
                s.append(String.format(Locale.ROOT, row, "two instances on one PostgreSQL", "not run", "", ""));
            }
            s.append(ProxiedFigures.table(proxy, row));
            return s.toString();
        }

        private static String jsonStrings(List<String> texts) {
            try {
                return new ObjectMapper().writeValueAsString(texts);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a list of strings did not serialise: " + e.getMessage(), e);
            }
        }

        private static String fmt(double v) {
            return String.format(Locale.ROOT, "%.0f", v);
        }

        private static String verdict(boolean pass) {
            return pass ? "PASS" : "MISS";
        }
    }
}
