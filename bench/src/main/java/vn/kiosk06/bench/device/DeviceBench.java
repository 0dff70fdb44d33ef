package vn.kiosk06.bench.device;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.bench.scale.Cleanup;
import vn.kiosk06.bench.scale.ServerProcess;
import vn.kiosk06.bench.simulate.RegistryEnrollment;

/**
 * {@code kiosk06 bench device}: the built device app, started twice as a child process against a real server child
 * process (TLS, the device enrolled) — once as the package runs it (the wrapper with the device profile and its
 * class-data archive), once with plain {@code java -jar} and the JVM's defaults — and for each: how long until its
 * local API answers, how fast it journals events posted one after another through that API, and its resident
 * memory after the appends and a completed sync. Each figure is the median of {@code --rounds} starts of each, the two
 * alternating which goes first: an fsync-bound append rate swings by ±20 % from one start to the next on this machine's
 * disk, more than the difference between the two JVM set-ups, so one start each cannot tell them apart.
 */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Start the built device app with the device profile and with JVM defaults; print RSS, ready time "
                + "and append rate side by side (one run).")
public final class DeviceBench implements Callable<Integer> {

    /** System properties the launcher sets: the client jar, the package's wrapper and the device profile. */
    static final String CLIENT_JAR = "kiosk06.client.jar";
    static final String WRAPPER = "kiosk06.client.wrapper";
    static final String PROFILE = "kiosk06.client.jvm";

    static final double RSS_TARGET_MIB = 96;
    static final double READY_TARGET_S = 1.5;

    @Option(names = "--json", description = "Print one JSON object with the figures, nothing else on stdout.")
    boolean json;

    @Option(names = "--appends", defaultValue = "1000", description = "Events posted to each device (default ${DEFAULT-VALUE}).")
    int appends;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Starts of each set-up, alternating which goes first; figures are the medians (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--dir", description = "Where to put the server's and devices' files (default: a new temporary directory, deleted after).")
    Path dir;

    private final PrintStream out;

    public DeviceBench() {
        this(System.out);
    }

    /** Prints the figures to {@code out} (tests); progress goes to stderr. */
    DeviceBench(PrintStream out) {
        this.out = out;
    }

    /** What one start of the device app measured (or, from {@link #median}, several). */
    record Run(double readySeconds, double appendEventsPerSecond, double rssMib, long threads, List<Double> appendRates) {

        /** Each figure's median over {@code runs}, with every run's append rate kept for the printout. */
        static Run median(List<Run> runs) {
            return new Run(medianOf(runs.stream().map(Run::readySeconds).toList()),
                    medianOf(runs.stream().map(Run::appendEventsPerSecond).toList()),
                    medianOf(runs.stream().map(Run::rssMib).toList()),
                    Math.round(medianOf(runs.stream().map(r -> (double) r.threads()).toList())),
                    runs.stream().map(Run::appendEventsPerSecond).toList());
        }

        private static double medianOf(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream progress = System.err;
        Path clientJar = file(CLIENT_JAR);
        Path wrapper = file(WRAPPER);
        Path profile = file(PROFILE);
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kiosk06-bench-device-");
        try {
            progress.printf("[bench] working in %s; starting the server (TLS) …%n", work);
            try (ServerProcess server = ServerProcess.start(work, "server", 256, ServerProcess.Setup.sqlite());
                 RegistryEnrollment enrollment = RegistryEnrollment.forServer(server.dataDir(), Optional.empty(),
                         server.grpcTarget())) {
                Map<String, String> wrapperEnv = Map.of("KIOSK06_CLIENT_JAR", clientJar.toString(),
                        "KIOSK06_CLIENT_JVM", profile.toString(), "KIOSK06_CDS_DIR", work.resolve("cds").toString(),
                        "JAVA_OPTS", "", "PATH", javaFirstPath());
                progress.println("[bench] building the device's class-data archive (the wrapper's first start does this) …");
                double archiveSeconds = buildArchive(wrapper, wrapperEnv, work.resolve("archive.log"));

                List<String> events = events(appends);
                List<Run> piRuns = new ArrayList<>();
                List<Run> defaultsRuns = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    // Odd rounds start with the device profile, even ones with the defaults: neither gets the disk's
                    // or the bench's warm-up for itself.
                    for (boolean piTurn : round % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
                        if (piTurn) {
                            Device pi = Device.prepare(work, "device-profile-" + round, enrollment, server);
                            progress.printf("[bench] round %d/%d, device profile: start, %d appends, sync …%n", round, rounds, appends);
                            piRuns.add(measure(pi, List.of("sh", wrapper.toString(), "--config", pi.config().toString()),
                                    wrapperEnv, events));
                        } else {
                            Device plain = Device.prepare(work, "jvm-defaults-" + round, enrollment, server);
                            progress.printf("[bench] round %d/%d, JVM defaults: start, %d appends, sync …%n", round, rounds, appends);
                            defaultsRuns.add(measure(plain, List.of(ServerProcess.javaBinary(), "-jar", clientJar.toString(),
                                    "--config", plain.config().toString()), Map.of(), events));
                        }
                    }
                }
                Run piRun = Run.median(piRuns);
                Run defaultsRun = Run.median(defaultsRuns);

                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                Figures f = new Figures(piRun, defaultsRun, archiveSeconds, load, appends, rounds);
                out.print(json ? f.json() : f.table());
                out.flush();
                return 0;
            }
        } finally {
            if (dir == null) {
                Cleanup.deleteTree(work);
            }
        }
    }

    private Run measure(Device device, List<String> command, Map<String, String> env, List<String> events)
            throws IOException, InterruptedException {
        try (DeviceProcess app = DeviceProcess.start(command, env, device.httpPort(), device.log())) {
            double rate = app.append(events);
            app.syncAndAwait();
            return new Run(app.readySeconds(), rate, app.rssMib(), app.threads(), List.of(rate));
        }
    }

    /** {@code kiosk06-client cds-archive}, as the wrapper runs it on a device's first start; its duration. */
    private static double buildArchive(Path wrapper, Map<String, String> env, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", wrapper.toString(), "cds-archive").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        long started = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("the wrapper could not build the class-data archive; see " + log);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** A device's files: its enrolled data directory and its config (GPIO as shipped: auto, which is off here). */
    private record Device(Path config, Path log, int httpPort) {
        static Device prepare(Path work, String name, RegistryEnrollment enrollment, ServerProcess server) throws IOException {
            Path dataDir = Files.createDirectories(work.resolve(name));
            String deviceId = "bench-" + name;
            enrollment.credential(deviceId).save(dataDir);
            int port = freePort();
            Path config = work.resolve(name + ".yml");
            Files.writeString(config, String.join("\n", "device-id: " + deviceId, "server: " + server.grpcTarget(),
                    "data-dir: " + dataDir, "http-port: " + port, "mode: kiosk", "gpio: auto", ""));
            return new Device(config, work.resolve(name + ".log"), port);
        }
    }

    /** A kiosk's patients, as the touchscreen posts them: a card read, the reception, its transaction code. */
    static List<String> events(int n) {
        Random random = new Random(6);
        List<String> events = new ArrayList<>(n);
        for (int i = 0; events.size() < n; i++) {
            byte[] key = new byte[16];
            random.nextBytes(key);
            events.add("{\"cardRead\":{\"readerKind\":\"READER_QR\",\"outcome\":\"READ_OK\",\"citizenKey\":\""
                    + Base64.getEncoder().encodeToString(key) + "\",\"ageGroup\":\"AGE_14_PLUS\",\"sex\":\"FEMALE\"}}");
            events.add("{\"reception\":{\"caseType\":\"BHYT\",\"department\":\"NOI\"}}");
            events.add("{\"transactionCodeCreated\":{\"code\":\"PQ01-" + String.format(Locale.ROOT, "%04d", i + 1)
                    + "\",\"receptionSeq\":\"" + (3 * i + 2) + "\",\"queueNumber\":" + (i + 1) + "}}");
        }
        return events.subList(0, n);
    }

    private static Path file(String property) {
        String value = System.getProperty(property);
        if (value == null || !new File(value).isFile()) {
            throw new IllegalStateException(property + " (" + value + ") is missing: run this through ./kiosk06 bench device, "
                    + "which builds the jars and passes their paths");
        }
        return Path.of(value);
    }

    /** The wrapper runs "java" from PATH: the same JVM as this bench's, so both runs use one JDK. */
    private static String javaFirstPath() {
        return Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv().getOrDefault("PATH", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Both runs, the targets and whether each is met. */
    record Figures(Run pi, Run defaults, double archiveSeconds, double loadAverage, int appends, int rounds) {

        boolean rssMet() {
            return pi.rssMib() <= RSS_TARGET_MIB;
        }

        boolean readyMet() {
            return pi.readySeconds() <= READY_TARGET_S;
        }

        boolean appendMet() {
            return pi.appendEventsPerSecond() >= defaults.appendEventsPerSecond();
        }

        String json() {
            return String.format(Locale.ROOT, "{\"device_profile\":%s,\"jvm_defaults\":%s,"
                            + "\"targets\":{\"rss_mib\":%.0f,\"ready_s\":%.1f,\"append_events_per_s\":\"not below jvm_defaults\"},"
                            + "\"met\":{\"rss_mib\":%b,\"ready_s\":%b,\"append_events_per_s\":%b},"
                            + "\"archive_build_s\":%.2f,\"appends\":%d,\"rounds\":%d,\"load_average\":%.2f}%n",
                    runJson(pi), runJson(defaults), RSS_TARGET_MIB, READY_TARGET_S, rssMet(), readyMet(), appendMet(),
                    archiveSeconds, appends, rounds, loadAverage);
        }

        private static String runJson(Run r) {
            return String.format(Locale.ROOT, "{\"rss_mib\":%.1f,\"ready_s\":%.2f,\"append_events_per_s\":%.0f,\"threads\":%d,"
                            + "\"append_events_per_s_each_round\":[%s]}",
                    r.rssMib(), r.readySeconds(), r.appendEventsPerSecond(), r.threads(), rates(r));
        }

        private static String rates(Run r) {
            return String.join(",", r.appendRates().stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
        }

        String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Kiosk06 device app — one run on this machine: %d cores, Java %s, load avg %.2f at end%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage));
            s.append(String.format(Locale.ROOT, "(each: start, %,d appends through the local API one after another, a completed sync;"
                    + " medians of %d starts each, alternating)%n%n", appends, rounds));
            String row = "%-44s %16s %16s  %-18s %s%n";
            s.append(String.format(Locale.ROOT, row, "figure", "device profile", "JVM defaults", "target", ""));
            s.append(String.format(Locale.ROOT, row, "resident memory after the sync (VmRSS)",
                    String.format(Locale.ROOT, "%.1f MiB", pi.rssMib()), String.format(Locale.ROOT, "%.1f MiB", defaults.rssMib()),
                    "≤ 96 MiB", verdict(rssMet())));
            s.append(String.format(Locale.ROOT, row, "ready (process start → local API answers)",
                    String.format(Locale.ROOT, "%.2f s", pi.readySeconds()), String.format(Locale.ROOT, "%.2f s", defaults.readySeconds()),
                    "≤ 1.5 s", verdict(readyMet())));
            s.append(String.format(Locale.ROOT, row, "durable appends through the local API",
                    String.format(Locale.ROOT, "%,.0f ev/s", pi.appendEventsPerSecond()),
                    String.format(Locale.ROOT, "%,.0f ev/s", defaults.appendEventsPerSecond()), "≥ JVM defaults'", verdict(appendMet())));
            s.append(String.format(Locale.ROOT, row, "  each start's append rate", rates(pi), rates(defaults), "", ""));
            s.append(String.format(Locale.ROOT, row, "threads after the sync", pi.threads(), defaults.threads(), "", ""));
            s.append(String.format(Locale.ROOT, "%nclass-data archive built once (the wrapper's first start): %.1f s%n", archiveSeconds));
            return s.toString();
        }

        private static String verdict(boolean met) {
            return met ? "MET" : "MISSED";
        }
    }
}
