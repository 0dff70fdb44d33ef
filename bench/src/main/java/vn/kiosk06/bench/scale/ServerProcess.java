package vn.kiosk06.bench.scale;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import vn.kiosk06.bench.simulate.TargetAddress;
import vn.kiosk06.client.enroll.PinnedTrustManager;
import vn.kiosk06.server.seal.SealingKeyRing;
import vn.kiosk06.server.tls.ServerIdentity;

/**
 * The server's runnable jar started as a child JVM with a fixed heap, as an operator runs it, on free ports, with
 * JMX open on localhost only so the bench can read its heap. Its output goes to a log file in the work directory.
 */
public final class ServerProcess implements AutoCloseable {

    /** System property naming the server jar; the launcher sets it. */
    static final String JAR_PROPERTY = "kiosk06.server.jar";

    private final Process process;
    private final Path log;
    private final int grpcPort;
    private final int httpPort;
    private final JMXConnector jmx;
    private final MemoryMXBean memory;

    private final HttpClient http;
    private final Path dataDir;
    private final byte[] fingerprint;

    /** How it was started, for a restart on the same ports and store. */
    private record Launch(Path dir, String name, int maxHeapMib, Setup setup) {
    }

    private Launch launch;

    private ServerProcess(Process process, Path log, int grpcPort, int httpPort, JMXConnector jmx, MemoryMXBean memory,
                          HttpClient http, Path dataDir, byte[] fingerprint) {
        this.http = http;
        this.dataDir = dataDir;
        this.fingerprint = fingerprint;
        this.process = process;
        this.log = log;
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
        this.jmx = jmx;
        this.memory = memory;
    }

    /** The server jar the launcher named, or a clear error saying how to get one. */
    public static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the server jar (" + JAR_PROPERTY + " = " + jar + ") is missing: run this through "
                    + "./kiosk06 bench scale (or device), which builds it and passes its path");
        }
        return Path.of(jar);
    }

    /** Whether the server jar knows the {@code --db} option (the PostgreSQL store). */
    static boolean supportsDb() {
        try {
            Process p = new ProcessBuilder(javaBinary(), "-jar", jar().toString(), "--help").redirectErrorStream(true).start();
            String help = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return help.contains("--db");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * How a bench server runs: on its own SQLite store, or on a PostgreSQL database ({@code db}); with the TLS
     * certificate of {@code identityDir} (its {@code tls/}; another instance's data directory for instances sharing
     * one certificate behind one address); creating the bench's throw-away dashboard admin first or not (instances
     * on one database share the user).
     */
    public record Setup(Optional<String> db, Optional<Path> identityDir, boolean createAdmin, List<String> properties) {
        public Setup(Optional<String> db, Optional<Path> identityDir, boolean createAdmin) {
            this(db, identityDir, createAdmin, List.of());
        }

        public static Setup sqlite() {
            return new Setup(Optional.empty(), Optional.empty(), true);
        }

        /** The same, with system properties ({@code name=value}) added to the server's command line. */
        public Setup withProperties(String... more) {
            List<String> all = new ArrayList<>(properties);
            all.addAll(List.of(more));
            return new Setup(db, identityDir, createAdmin, List.copyOf(all));
        }
    }

    /**
     * Starts the server, secure as deployed (TLS on gRPC and HTTPS, enrolled devices only), with heap
     * {@code maxHeapMib}, and waits (up to 90 s) for its HTTPS API to answer, then logs in as the bench's admin.
     *
     * <p>Bench-only settings: the enrollment throttle ({@code kiosk06.server.limits.enroll-per-minute}/
     * {@code enroll-burst}, 6/min and 10 by default per client address) is raised, because every simulated device
     * enrolls from this one machine's address; a deployment keeps the defaults.
     */
    public static ServerProcess start(Path dir, String name, int maxHeapMib, Setup setup) throws IOException, InterruptedException {
        return start(dir, name, maxHeapMib, setup, freePort(), freePort());
    }

    /**
     * Kills this server (SIGKILL: a crash, a power cut, the OOM killer) and starts it again from its jar on the same
     * ports and store, as systemd does after a crash; returns when it says it is ready again (see
     * {@link #awaitReady}). Devices connected to it reconnect to the same address.
     */
    public ServerProcess killAndRestart() throws IOException, InterruptedException {
        kill();
        Setup again = new Setup(launch.setup().db(), launch.setup().identityDir(), false, launch.setup().properties());
        return start(launch.dir(), launch.name(), launch.maxHeapMib(), again, grpcPort, httpPort);
    }

    /**
     * What was wrong with {@code GET /health} (public, no session): empty when it answered 200 within
     * {@code timeout}, else the status, the timeout or the connection's failure.
     */
    Optional<String> healthProblem(Duration timeout) {
        try {
            int status = http.send(HttpRequest.newBuilder(URI.create(httpUrl() + "/health")).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? Optional.empty() : Optional.of("status " + status);
        } catch (HttpTimeoutException e) {
            return Optional.of("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Optional.of("connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private static ServerProcess start(Path dir, String name, int maxHeapMib, Setup setup, int grpc, int httpPort)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path dataDir = dir.resolve(name + "-data");
        Path identityDir = setup.identityDir().orElse(dataDir);
        // Made before the server starts (the server would make the same on first start): the bench pins it.
        byte[] fingerprint = ServerIdentity.load(identityDir, null, null).fingerprint();
        if (!identityDir.equals(dataDir)) {
            // Instances behind one address serve the same certificate files (the dashboard's HTTPS reads them
            // from the data directory too), so devices pin one fingerprint for all.
            Files.createDirectories(dataDir.resolve("tls"));
            for (String f : List.of("server.crt", "server.key")) {
                Files.copy(identityDir.resolve("tls").resolve(f), dataDir.resolve("tls").resolve(f),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        if (setup.createAdmin()) {
            createAdmin(dataDir, setup.db(), dir.resolve(name + "-admin.log"));
        }
        int jmxPort = freePort();
        Path log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeapMib + "m",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-Dkiosk06.server.limits.enroll-per-minute=" + BENCH_ENROLL_PER_MINUTE,
                "-Dkiosk06.server.limits.enroll-burst=" + BENCH_ENROLL_BURST));
        setup.properties().forEach(p -> cmd.add("-D" + p));
        cmd.addAll(List.of("-jar", jar().toString(), "--data-dir", dataDir.toString(),
                "--grpc-port", String.valueOf(grpc), "--http-port", String.valueOf(httpPort)));
        if (setup.db().isPresent()) {
            // On PostgreSQL a secure server refuses to generate its own certificate or citizen key: instances must
            // share them, as configured here.
            // The sealing keys beside the shared citizen key: made once here, as an operator makes them.
            SealingKeyRing.loadOrCreate(identityDir.resolve("citizen-sealing-keys.properties"));
            Path config = dir.resolve(name + "-server.yml");
            Files.writeString(config, "tls-cert: " + identityDir.resolve("tls").resolve("server.crt").toAbsolutePath()
                    + "\ntls-key: " + identityDir.resolve("tls").resolve("server.key").toAbsolutePath()
                    + "\ncitizen-key-file: " + identityDir.resolve("citizen-key.secret").toAbsolutePath() + "\n");
            cmd.addAll(List.of("--config", config.toString(), "--db", setup.db().get()));
        }
        // Appended: a restarted server's log follows its first run's.
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try {
            HttpClient https = pinnedHttp(fingerprint);
            awaitReady(p, https, "https://127.0.0.1:" + httpPort + "/health", log);
            login(https, "https://127.0.0.1:" + httpPort);
            JMXConnector connector = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class);
            ServerProcess server = new ServerProcess(p, log, grpc, httpPort, connector, memory, https, dataDir, fingerprint);
            server.launch = new Launch(dir, name, maxHeapMib, setup);
            return server;
        } catch (IOException | RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    static final int BENCH_ENROLL_PER_MINUTE = 1_000_000;
    static final int BENCH_ENROLL_BURST = 100_000;
    /** The bench's throw-away dashboard admin, made in the bench's own store; its password is this run's. */
    static final String ADMIN = "bench-admin";
    private static final String ADMIN_PASSWORD = "bench-" + java.util.UUID.randomUUID();

    /** {@code kiosk06-server admin user add} against the server's store, the password on stdin as an operator types it. */
    private static void createAdmin(Path dataDir, Optional<String> db, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-jar", jar().toString(), "admin",
                "user", "add", "--data-dir", dataDir.toString(), "--name", ADMIN, "--role", "admin", "--unit", "ROOT"));
        db.ifPresent(url -> cmd.addAll(List.of("--db", url)));
        Files.createDirectories(dataDir);
        // Appended: a restarted server's log follows its first run's.
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        try (var stdin = p.getOutputStream()) {
            stdin.write((ADMIN_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("could not create the bench's dashboard admin; see " + log);
        }
    }

    /** An HTTPS client that trusts only the bench server's certificate and keeps the session cookie. */
    static HttpClient pinnedHttp(byte[] fingerprint) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new PinnedTrustManager(fingerprint)}, null);
            return HttpClient.newBuilder().sslContext(tls).cookieHandler(new CookieManager())
                    .connectTimeout(Duration.ofSeconds(2)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    private static void login(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + ADMIN + "\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("the bench's admin could not log in: " + r.statusCode() + " " + r.body());
        }
    }

    public TargetAddress grpcTarget() {
        return new TargetAddress("127.0.0.1", grpcPort);
    }

    String httpUrl() {
        return "https://127.0.0.1:" + httpPort;
    }

    /** The server's data directory (its certificate in tls/, its SQLite store unless it runs on PostgreSQL). */
    public Path dataDir() {
        return dataDir;
    }

    /** SHA-256 of the certificate it serves, which devices pin. */
    byte[] fingerprint() {
        return fingerprint.clone();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Heap in use now, bytes (over JMX). */
    long heapUsedBytes() {
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** Heap in use after a full collection, bytes (over JMX): what the live objects take. */
    long heapLiveBytes() {
        memory.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }

    /** The server's process id. */
    long pid() {
        return process.pid();
    }

    /** GET {@code path} on the REST API as the bench's admin; the body. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(httpUrl() + path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    @Override
    public void close() {
        try {
            jmx.close();
        } catch (IOException e) {
            // the server is going away anyway
        }
        stop(process);
    }

    /** CPU time the server process has used so far (user + system), in seconds; 0 when the OS does not say. */
    public double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    /** SIGKILL, as a power cut or the OOM killer ends it: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        try {
            jmx.close();
        } catch (IOException e) {
            // the server is going away anyway
        }
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as systemd stops an app; SIGKILL if it has not exited within 20 s. */
    public static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Waits until the server says it is ready: {@code GET /health} answers 200. A server still starting refuses the
     * connection, closes the TLS handshake, or answers 503 until its gRPC server is up — devices or a load balancer
     * that came earlier would meet a server not yet serving.
     */
    static void awaitReady(Process p, HttpClient http, String healthUrl, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited at start (code " + p.exitValue() + "); see " + log);
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(healthUrl)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200) {
                    return;
                }
                last = "status " + status;
            } catch (javax.net.ssl.SSLHandshakeException e) {
                if (certificateRejected(e)) {
                    throw new IllegalStateException("the server at " + healthUrl + " serves a certificate other than the "
                            + "one in its data directory's tls/ (" + e.getMessage() + "); see " + log, e);
                }
                last = "TLS handshake closed"; // still starting (seen on a busy machine)
            } catch (IOException e) {
                last = "not listening"; // not yet
            }
            Thread.sleep(100); // polling a child process's port: nothing to await on
        }
        throw new IllegalStateException("the server's " + healthUrl + " did not answer 200 within 90 s (last: " + last
                + "); see " + log);
    }

    /**
     * Whether a failed handshake means our trust check refused the server's certificate, as opposed to the server
     * closing the connection mid-handshake (a server still starting does that).
     */
    static boolean certificateRejected(javax.net.ssl.SSLHandshakeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
