package vn.kiosk06.bench.soak;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.bench.device.DeviceProcess;
import vn.kiosk06.bench.scale.Cleanup;
import vn.kiosk06.bench.scale.ServerProcess;
import vn.kiosk06.bench.simulate.RegistryEnrollment;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.SqliteEventStore;
import vn.kiosk06.server.store.StoredEvent;

/**
 * {@code kiosk06 bench soak}: the built device app (a child process with the device profile) journaling a kiosk's
 * payments through its local API at a steady pace for N minutes, syncing over TLS through a {@link LinkProxy} to a
 * real server process, while the bench cuts the link (every connection reset at once), restarts the server (SIGTERM
 * and SIGKILL in turn) and fills the device's disk below its reserve and frees it again ({@link SoakDisk}). At the end
 * it heals everything, waits for the device to report its journal fully synced, and compares what the device
 * confirmed (201, with a seq) with what the server stored: events lost, stored twice, and gaps in the seqs — all
 * must be 0 — beside the device's resident memory sampled over the run and its slope after a warm-up
 * ({@link RssTrend}: a verdict line, FLAT or GROWING). The exit code rests on the zeros only: an RSS slope on a machine
 * shared with other work is a figure to read, not a pass/fail.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "A device appending at kiosk pace through link cuts, server restarts and a disk that fills and "
                + "frees; prints lost / duplicated / gaps (all must be 0) and the device's RSS over time, with its slope after "
                + "a warm-up of the first third.")
public final class SoakBench implements Callable<Integer> {

    static final String DEVICE = "soak-kiosk-01";

    @Option(names = "--minutes", defaultValue = "3", description = "How long the faults run (decimals allowed; default ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--pace-ms", defaultValue = "250",
            description = "Pause between two events the kiosk journals (default ${DEFAULT-VALUE} ms: a busy kiosk sped up; a real one is ~5000).")
    long paceMs;

    @Option(names = "--cut-every", defaultValue = "PT10S", description = "Mean time between link cuts (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration cutEvery;

    @Option(names = "--restart-every", defaultValue = "PT40S", description = "Mean time between server restarts (default ${DEFAULT-VALUE}).")
    Duration restartEvery;

    @Option(names = "--fill-every", defaultValue = "PT30S", description = "Mean time between the disk filling up (default ${DEFAULT-VALUE}).")
    Duration fillEvery;

    @Option(names = "--full-for", defaultValue = "PT5S", description = "How long the disk stays full each time (default ${DEFAULT-VALUE}).")
    Duration fullFor;

    @Option(names = "--rss-every", defaultValue = "PT5S", description = "How often the device's RSS is sampled (default ${DEFAULT-VALUE}).")
    Duration rssEvery;

    @Option(names = "--seed", defaultValue = "20", description = "Seed of the fault schedule (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device-java-opts", defaultValue = "",
            description = "JVM flags for the device after its profile (the wrapper's JAVA_OPTS), e.g. "
                    + "-XX:NativeMemoryTracking=summary to follow it with jcmd VM.native_memory.")
    String deviceJavaOpts;

    @Option(names = "--json", description = "Print one JSON object with the figures, nothing else on stdout.")
    boolean json;

    @Option(names = "--dir", description = "Where to put the server's and device's files (default: a new temporary directory, deleted after).")
    Path dir;

    private final PrintStream out;

    public SoakBench() {
        this(System.out);
    }

    /** Prints the figures to {@code out} (tests); progress goes to stderr. */
    SoakBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream progress = System.err;
        Path clientJar = file("kiosk06.client.jar");
        Path profile = file("kiosk06.client.jvm");
        Path wrapper = file("kiosk06.client.wrapper");
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kiosk06-bench-soak-");
        Random random = new Random(seed);
        try (SoakDisk disk = SoakDisk.at(work.resolve("device-disk"))) {
            progress.printf("[soak] working in %s; device disk: %s; starting the server (TLS) …%n", work, disk.describe());
            ServerRestarts servers = new ServerRestarts(work, ServerProcess.start(work, "server", 256,
                    ServerProcess.Setup.sqlite()), progress);
            Path serverData = servers.current().dataDir();
            try (LinkProxy link = new LinkProxy(servers.current().grpcTarget().port())) {
                servers.onStarted(s -> link.retarget(s.grpcTarget().port()));
                Path config = deviceConfig(work, disk, link, servers.current());
                Faults faults = new Faults();
                List<RssSample> rss = new ArrayList<>();
                Appender appender;
                // As the package runs it: the wrapper (device profile, MALLOC_ARENA_MAX=2, class-data archive). A soak of
                // "java @profile" alone measured glibc's default malloc arenas, not a device's memory.
                Map<String, String> env = Map.of("KIOSK06_CLIENT_JAR", clientJar.toString(), "KIOSK06_CLIENT_JVM",
                        profile.toString(), "KIOSK06_CDS_DIR", work.resolve("cds").toString(), "JAVA_OPTS", deviceJavaOpts,
                        "PATH", javaFirstPath());
                progress.println("[soak] building the device's class-data archive (the wrapper's first start does this) …");
                buildArchive(wrapper, env, work.resolve("archive.log"));
                try (DeviceProcess device = DeviceProcess.start(List.of("sh", wrapper.toString(), "--config", config.toString()),
                        env, httpPort(config), work.resolve("device.log"))) {
                    appender = new Appender(httpPort(config), paceMs);
                    appender.start();
                    long start = System.nanoTime();
                    long end = start + (long) (minutes * 60e9);
                    long nextCut = start + jitter(random, cutEvery);
                    long nextRestart = start + jitter(random, restartEvery);
                    long nextFill = start + jitter(random, fillEvery);
                    long nextRss = start;
                    long unfillAt = Long.MAX_VALUE;
                    progress.printf("[soak] %s of faults: a link cut every ~%ds, a server restart every ~%ds, the disk full for "
                                    + "%ds every ~%ds; an event every %d ms%n", fmt(minutes * 60) + " s", cutEvery.toSeconds(),
                            restartEvery.toSeconds(), fullFor.toSeconds(), fillEvery.toSeconds(), paceMs);
                    while (System.nanoTime() < end) {
                        long now = System.nanoTime();
                        double at = (now - start) / 1e9;
                        if (now >= nextRss) {
                            rss.add(RssSample.of(at, device));
                            nextRss = now + rssEvery.toNanos();
                        }
                        if (now >= nextCut) {
                            link.cut();
                            faults.cuts++;
                            nextCut = now + jitter(random, cutEvery);
                        }
                        if (now >= nextRestart && servers.idle()) {
                            // In the background: a server start takes seconds, and the other faults go on meanwhile.
                            servers.restart(faults.restarts % 2 == 1, at);
                            faults.restarts++;
                            nextRestart = now + jitter(random, restartEvery);
                        }
                        if (now >= nextFill && unfillAt == Long.MAX_VALUE) {
                            disk.fill();
                            faults.fills++;
                            progress.printf("[soak] %5.0f s: device disk filled (%.1f MiB free, reserve %d MiB)%n",
                                    at, disk.freeBytes() / 1048576.0, disk.minFreeMib());
                            unfillAt = now + fullFor.toNanos();
                        }
                        if (now >= unfillAt) {
                            disk.free();
                            unfillAt = Long.MAX_VALUE;
                            nextFill = now + jitter(random, fillEvery);
                        }
                        appender.check();
                        servers.check();
                        Thread.sleep(50); // the fault schedule's tick; nothing to await
                    }
                    appender.stop();
                    disk.free();
                    servers.awaitIdle();
                    rss.add(RssSample.of((System.nanoTime() - start) / 1e9, device));
                    progress.printf("[soak] faults over: %d events confirmed, %d refused while the disk was full; "
                            + "waiting for the device to sync everything …%n", appender.confirmed.size(), appender.refusedFull.get());
                    device.syncAndAwait();
                } finally {
                    servers.close();
                }
                Tally tally = tally(serverData, appender.confirmed);
                double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                Figures f = new Figures(minutes, paceMs, appender.confirmed.size(), appender.refusedFull.get(),
                        appender.otherFailures.get(), faults, tally, List.copyOf(rss), disk.describe(), load);
                out.print(json ? f.json() : f.table());
                out.flush();
                return f.clean() ? 0 : 1;
            }
        } finally {
            if (dir == null) {
                Cleanup.deleteTree(work);
            }
        }
    }

    /**
     * The server, restarted in the background on the same data directory (so the same certificate and store), on a
     * new port the proxy is then pointed at: SIGTERM as systemd stops it, or SIGKILL as a power cut does.
     */
    static final class ServerRestarts implements AutoCloseable {
        private final Path work;
        private final PrintStream progress;
        private final ExecutorService background = Executors.newSingleThreadExecutor();
        private final List<Consumer<ServerProcess>> listeners = new CopyOnWriteArrayList<>();
        private volatile ServerProcess current;
        private Future<?> running = CompletableFuture.completedFuture(null);

        ServerRestarts(Path work, ServerProcess first, PrintStream progress) {
            this.work = work;
            this.current = first;
            this.progress = progress;
        }

        ServerProcess current() {
            return current;
        }

        void onStarted(Consumer<ServerProcess> listener) {
            listeners.add(listener);
        }

        boolean idle() {
            return running.isDone();
        }

        void restart(boolean kill, double atSeconds) {
            running = background.submit(() -> {
                progress.printf("[soak] %5.0f s: server %s, restarting …%n", atSeconds, kill ? "SIGKILL" : "SIGTERM");
                if (kill) {
                    current.kill();
                } else {
                    current.close();
                }
                current = ServerProcess.start(work, "server", 256, new ServerProcess.Setup(Optional.empty(), Optional.empty(), false));
                listeners.forEach(l -> l.accept(current));
                return null;
            });
        }

        /** Fails the run if a restart failed (the server did not come back). */
        void check() throws InterruptedException {
            if (running.isDone()) {
                awaitIdle();
            }
        }

        void awaitIdle() throws InterruptedException {
            try {
                running.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the server did not come back after a restart: " + e.getCause().getMessage(),
                        e.getCause());
            }
        }

        @Override
        public void close() throws InterruptedException {
            background.shutdown();
            background.awaitTermination(3, TimeUnit.MINUTES);
            current.close();
        }
    }

    /** Enrolls the device with the server and writes its config: the server through the proxy, data on the small disk. */
    private Path deviceConfig(Path work, SoakDisk disk, LinkProxy link, ServerProcess server) throws IOException {
        Path dataDir = Files.createDirectories(disk.dir().resolve("data"));
        try (RegistryEnrollment enrollment = RegistryEnrollment.forServer(server.dataDir(), Optional.empty(), server.grpcTarget())) {
            enrollment.credential(DEVICE).save(dataDir);
        }
        Path config = work.resolve("device.yml");
        Files.writeString(config, String.join("\n", "device-id: " + DEVICE, "server: 127.0.0.1:" + link.port(),
                "data-dir: " + dataDir, "http-port: " + freePort(), "mode: kiosk", "gpio: off", "sync-interval: 2s",
                "journal-min-free-mb: " + disk.minFreeMib(), ""));
        return config;
    }

    private static int httpPort(Path config) throws IOException {
        Matcher m = Pattern.compile("http-port: (\\d+)").matcher(Files.readString(config));
        if (!m.find()) {
            throw new IllegalStateException("no http-port in " + config);
        }
        return Integer.parseInt(m.group(1));
    }

    /** An interval around {@code mean}: uniformly ½–1½ of it, so faults do not fall into step with the syncs. */
    private static long jitter(Random random, Duration mean) {
        return (long) (mean.toNanos() * (0.5 + random.nextDouble()));
    }

    /** The faults the run made. */
    static final class Faults {
        int cuts;
        int restarts;
        int fills;
    }

    /**
     * One reading of the device's resident memory, seconds into the run: all of it ({@code VmRSS}) and the part that is
     * the JIT's code cache — the JVM's one {@code rwxp} mapping in /proc/PID/smaps. That part grows for hours after a
     * start: C1 compiles a method once it has run 500 times (the device profile's threshold), and a method that runs
     * once per reconnect or per full disk gets there only after hundreds of faults; it is bounded by the profile's
     * ReservedCodeCacheSize. A leak shows in the rest.
     */
    record RssSample(double atSeconds, double mib, double codeMib) {

        static RssSample of(double atSeconds, DeviceProcess device) throws IOException {
            return new RssSample(atSeconds, device.rssMib(), codeCacheMib(device.pid()));
        }

        double outsideCodeMib() {
            return mib - codeMib;
        }

        /** Resident KiB of the process's writable-and-executable mappings (HotSpot's code cache), as MiB. */
        static double codeCacheMib(long pid) throws IOException {
            long kib = 0;
            boolean inCode = false;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps"))) {
                if (MAPPING.matcher(line).lookingAt()) {
                    inCode = line.contains(" rwxp ");
                } else if (inCode && line.startsWith("Rss:")) {
                    kib += Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
            return kib / 1024.0;
        }

        private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");
    }

    /**
     * The kiosk: posts one payment every {@code paceMs} through the device's local API, each with a reference of its
     * own, and keeps the seq of each the device confirmed. A 507 (the disk full) is the kiosk saying "go to reception":
     * counted, not retried — the event was never confirmed, so it is not owed.
     */
    static final class Appender {
        final Map<String, Long> confirmed = new ConcurrentHashMap<>();
        final AtomicLong refusedFull = new AtomicLong();
        final AtomicLong otherFailures = new AtomicLong();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final String base;
        private final long paceMs;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile String failure;

        Appender(int httpPort, long paceMs) {
            this.base = "http://127.0.0.1:" + httpPort;
            this.paceMs = paceMs;
            this.thread = new Thread(this::run, "soak-kiosk");
        }

        void start() {
            thread.start();
        }

        private void run() {
            Pattern seq = Pattern.compile("\"seq\"\\s*:\\s*\"?(\\d+)");
            for (int n = 1; running; n++) {
                String reference = String.format(Locale.ROOT, "SOAK-%07d", n);
                String body = "{\"payment\":{\"amountVnd\":\"50000\",\"method\":\"CASH\",\"status\":\"CONFIRMED\","
                        + "\"reference\":\"" + reference + "\"}}";
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    Matcher m = seq.matcher(r.body());
                    if (r.statusCode() == 201 && m.find()) {
                        confirmed.put(reference, Long.parseLong(m.group(1)));
                    } else if (r.statusCode() == 507) {
                        refusedFull.incrementAndGet();
                    } else {
                        otherFailures.incrementAndGet();
                        failure = r.statusCode() + " " + r.body();
                    }
                    Thread.sleep(paceMs); // the kiosk's pace: the next patient
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    otherFailures.incrementAndGet();
                    failure = e.toString();
                }
            }
        }

        /** Fails the run if the device answered anything but 201 or 507 (a 500 is the bug this soak looks for). */
        void check() {
            if (failure != null) {
                throw new IllegalStateException("the device answered an append with " + failure);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(35_000);
        }
    }

    /**
     * What the server holds against what the device confirmed.
     *
     * @param stored     events the server stored for the device (the device's own heartbeats among them)
     * @param lost       confirmed events not on the server, or on it under another seq
     * @param duplicated references stored under more than one seq
     * @param gaps       seqs from 1 to the highest stored that the server does not have
     */
    record Tally(long stored, long lost, long duplicated, long gaps, long maxSeq, long watermark) {
    }

    /** Reads the stopped server's store and checks every confirmed event against it. */
    static Tally tally(Path serverDataDir, Map<String, Long> confirmed) {
        Map<String, List<Long>> bySeq = new HashMap<>();
        long stored = 0;
        long gaps = 0;
        long expect = 1;
        try (EventStore store = SqliteEventStore.open(serverDataDir)) {
            DeviceSummary summary = store.device(DEVICE).orElseThrow(() -> new IllegalStateException(
                    "the server holds nothing of " + DEVICE));
            long after = 0;
            while (true) {
                List<StoredEvent> events = store.events(DEVICE, after, 2000);
                if (events.isEmpty()) {
                    break;
                }
                for (StoredEvent e : events) {
                    gaps += e.seq() - expect;
                    expect = e.seq() + 1;
                    stored++;
                    String reference = reference(e.body());
                    if (!reference.isEmpty()) {
                        bySeq.computeIfAbsent(reference, k -> new ArrayList<>()).add(e.seq());
                    }
                }
                after = events.get(events.size() - 1).seq();
            }
            long lost = confirmed.entrySet().stream()
                    .filter(c -> !bySeq.getOrDefault(c.getKey(), List.of()).contains(c.getValue())).count();
            long duplicated = bySeq.values().stream().filter(seqs -> seqs.size() > 1).count();
            return new Tally(stored, lost, duplicated, gaps, summary.maxSeq(), summary.watermark());
        }
    }

    private static String reference(byte[] body) {
        try {
            return Event.parseFrom(body).getPayment().getReference();
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }

    private static Path file(String property) {
        String value = System.getProperty(property);
        if (value == null || !new File(value).isFile()) {
            throw new IllegalStateException(property + " (" + value + ") is missing: run this through ./kiosk06 bench soak, "
                    + "which builds the jars and passes their paths");
        }
        return Path.of(value);
    }

    /** {@code kiosk06-client cds-archive}: the archive the wrapper would otherwise build inside the device's start. */
    private static void buildArchive(Path wrapper, Map<String, String> env, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", wrapper.toString(), "cds-archive").redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("the wrapper could not build the class-data archive; see " + log);
        }
    }

    /** The wrapper runs "java" from PATH: the JVM this bench runs on. */
    private static String javaFirstPath() {
        return Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv().getOrDefault("PATH", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** The run's figures. */
    record Figures(double minutes, long paceMs, long confirmed, long refusedFull, long otherFailures, Faults faults,
                   Tally tally, List<RssSample> rss, String disk, double loadAverage) {

        boolean clean() {
            return tally.lost() == 0 && tally.duplicated() == 0 && tally.gaps() == 0 && otherFailures == 0;
        }

        /** The RSS after the warm-up (the first third of the fault time); see {@link RssTrend}. */
        RssTrend trend() {
            return RssTrend.after(rss, minutes * 60);
        }

        String json() {
            RssTrend t = trend();
            StringBuilder samples = new StringBuilder();
            for (RssSample s : rss) {
                samples.append(samples.length() == 0 ? "" : ",")
                        .append(String.format(Locale.ROOT, "[%.0f,%.1f,%.1f]", s.atSeconds(), s.mib(), s.codeMib()));
            }
            return String.format(Locale.ROOT, "{\"minutes\":%.2f,\"pace_ms\":%d,\"confirmed\":%d,\"refused_full\":%d,"
                            + "\"other_failures\":%d,\"link_cuts\":%d,\"server_restarts\":%d,\"disk_fills\":%d,"
                            + "\"stored\":%d,\"lost\":%d,\"duplicated\":%d,\"gaps\":%d,\"max_seq\":%d,\"watermark\":%d,"
                            + "\"rss_mib\":[%s],\"rss_warmup_s\":%.0f,\"rss_steady_samples\":%d,"
                            + "\"rss_steady_first_mib\":%.1f,\"rss_steady_last_mib\":%.1f,\"rss_steady_slope_mib_per_min\":%.3f,"
                            + "\"rss_outside_code_cache_slope_mib_per_min\":%.3f,"
                            + "\"rss_flat\":%s,\"disk\":\"%s\",\"load_average\":%.2f}%n",
                    minutes, paceMs, confirmed, refusedFull, otherFailures, faults.cuts, faults.restarts, faults.fills,
                    tally.stored(), tally.lost(), tally.duplicated(), tally.gaps(), tally.maxSeq(), tally.watermark(),
                    samples, t.warmupSeconds(), t.steadySamples(), t.steadyFirstMib(), t.steadyLastMib(),
                    t.slopeMibPerMinute(), t.outsideCodeSlopeMibPerMinute(), t.judged() ? String.valueOf(t.flat()) : "null", disk, loadAverage);
        }

        String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Kiosk06 soak — one run on this machine: %d cores, Java %s, load avg %.2f at end%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage));
            s.append(String.format(Locale.ROOT, "%.1f min, an event every %d ms; device disk: %s%n%n", minutes, paceMs, disk));
            s.append(String.format(Locale.ROOT, "faults: %d link cuts, %d server restarts (SIGTERM/SIGKILL in turn), the disk full %d times%n",
                    faults.cuts, faults.restarts, faults.fills));
            s.append(String.format(Locale.ROOT, "events confirmed by the device (201): %,d; refused while the disk was full (507): %,d; "
                    + "other answers: %d%n", confirmed, refusedFull, otherFailures));
            s.append(String.format(Locale.ROOT, "server holds %,d events of the device (highest seq %,d, watermark %,d)%n%n",
                    tally.stored(), tally.maxSeq(), tally.watermark()));
            s.append(String.format(Locale.ROOT, "lost        %d%nduplicated  %d%ngaps        %d%n%s%n%n", tally.lost(),
                    tally.duplicated(), tally.gaps(), clean() ? "CLEAN" : "NOT CLEAN"));
            s.append("device RSS over time (s → MiB, of which JIT code cache):");
            for (RssSample r : rss) {
                s.append(String.format(Locale.ROOT, " %.0f→%.1f(%.1f)", r.atSeconds(), r.mib(), r.codeMib()));
            }
            s.append(String.format(Locale.ROOT, "%n%s%n", trend().verdict()));
            return s.toString();
        }
    }
}
