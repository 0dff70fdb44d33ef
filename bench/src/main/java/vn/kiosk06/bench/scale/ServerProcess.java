package vn.kiosk06.bench.scale;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import vn.kiosk06.bench.simulate.TargetAddress;

/**
 * The server's runnable jar started as a child JVM with a fixed heap, as an operator runs it, on free ports, with
 * JMX open on localhost only so the bench can read its heap. Its output goes to a log file in the work directory.
 */
final class ServerProcess implements AutoCloseable {

    /** System property naming the server jar; the launcher sets it. */
    static final String JAR_PROPERTY = "kiosk06.server.jar";

    private final Process process;
    private final Path log;
    private final int grpcPort;
    private final int httpPort;
    private final JMXConnector jmx;
    private final MemoryMXBean memory;

    private ServerProcess(Process process, Path log, int grpcPort, int httpPort, JMXConnector jmx, MemoryMXBean memory) {
        this.process = process;
        this.log = log;
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
        this.jmx = jmx;
        this.memory = memory;
    }

    /** The server jar the launcher named, or a clear error saying how to get one. */
    static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the server jar (" + JAR_PROPERTY + " = " + jar + ") is missing: run this through "
                    + "./kiosk06 bench scale, which builds it and passes its path");
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
     * Starts the server with heap {@code maxHeapMib} and waits (up to a minute) for its REST API to answer.
     *
     * @param extraArgs more server options, e.g. {@code --db URL}
     */
    static ServerProcess start(Path dir, String name, int maxHeapMib, String... extraArgs) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int grpc = freePort();
        int http = freePort();
        int jmxPort = freePort();
        Path log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx" + maxHeapMib + "m",
                "-Dcom.sun.management.jmxremote.port=" + jmxPort, "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                "-Dcom.sun.management.jmxremote.host=127.0.0.1", "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.authenticate=false", "-Dcom.sun.management.jmxremote.ssl=false",
                "-jar", jar().toString(), "--data-dir", dir.resolve(name + "-data").toString(),
                "--grpc-port", String.valueOf(grpc), "--http-port", String.valueOf(http)));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitHttp(p, "http://127.0.0.1:" + http + "/api/v1/devices", log);
            JMXConnector connector = JMXConnectorFactory.connect(
                    new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi"));
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(mbeans, ManagementFactory.MEMORY_MXBEAN_NAME,
                    MemoryMXBean.class);
            return new ServerProcess(p, log, grpc, http, connector, memory);
        } catch (IOException | RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    TargetAddress grpcTarget() {
        return new TargetAddress("127.0.0.1", grpcPort);
    }

    String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
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

    /** GET {@code path} on the REST API; the body. */
    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
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
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void awaitHttp(Process p, String url, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited at start (code " + p.exitValue() + "); see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not answer " + url + " within 90 s; see " + log);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
