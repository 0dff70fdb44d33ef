package vn.kiosk06.bench.device;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.bench.scale.ServerProcess;

/**
 * The built device app started as a child process, as a device runs it (by its command line: the package's wrapper
 * with the device profile, or plain {@code java -jar}), its output in a log file. Measures what a device owner
 * notices: how long until its local API answers, how fast it journals, how much memory it holds.
 */
public final class DeviceProcess implements AutoCloseable {

    private static final Duration READY_LIMIT = Duration.ofMinutes(2);

    private final Process process;
    private final String base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final double readySeconds;

    private DeviceProcess(Process process, String base, Path log, double readySeconds) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.readySeconds = readySeconds;
    }

    /**
     * Starts {@code command} with {@code env} added to this process's environment and waits until
     * {@code GET /api/v1/status} on {@code httpPort} answers 200; the time from just before the start to that answer
     * is {@link #readySeconds()}.
     */
    public static DeviceProcess start(List<String> command, Map<String, String> env, int httpPort, Path log)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        String base = "http://127.0.0.1:" + httpPort;
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest status = HttpRequest.newBuilder(URI.create(base + "/api/v1/status")).timeout(Duration.ofSeconds(5)).build();
        long started = System.nanoTime();
        Process p = pb.start();
        try {
            while (System.nanoTime() - started < READY_LIMIT.toNanos()) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the device app exited at start (code " + p.exitValue() + "): "
                            + lastLines(log));
                }
                try {
                    if (probe.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return new DeviceProcess(p, base, log, (System.nanoTime() - started) / 1e9);
                    }
                } catch (ConnectException | HttpTimeoutException e) {
                    // not listening yet, or listening but not answering within the probe's timeout (a loaded machine)
                }
                // Polling a child process's port: there is nothing to await on. 10 ms keeps the figure's error small.
                Thread.sleep(10);
            }
            throw new IllegalStateException("the device app did not answer " + base + " within " + READY_LIMIT.toSeconds()
                    + " s: " + lastLines(log));
        } catch (IOException | RuntimeException | InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    public double readySeconds() {
        return readySeconds;
    }

    /**
     * Posts {@code payloads} one after another, as the touchscreen does (each answered once durable); events per
     * second over the whole run.
     */
    double append(List<String> payloads) throws IOException, InterruptedException {
        long started = System.nanoTime();
        for (String json : payloads) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/events"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("the device refused an event (" + r.statusCode() + "): " + r.body());
            }
        }
        return payloads.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** Asks for a sync and waits (up to two minutes) until the device reports every event acked and SYNCED. */
    public void syncAndAwait() throws IOException, InterruptedException {
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sync")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"backlog\":0,") && body.contains("\"state\":\"SYNCED\"")) {
                return;
            }
            Thread.sleep(50); // polling the device's status over HTTP
        }
        throw new IllegalStateException("the device did not finish syncing within 2 minutes: " + body);
    }

    /** The app's process id (the wrapper execs java, so the JVM's). */
    public long pid() {
        return process.pid();
    }

    /** Resident memory of the process now, MiB ({@code VmRSS} in /proc/PID/status). */
    public double rssMib() throws IOException {
        return procStatus("VmRSS:") / 1024.0;
    }

    /** Threads of the process now ({@code Threads} in /proc/PID/status). */
    long threads() throws IOException {
        return procStatus("Threads:");
    }

    private long procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + process.pid() + "/status");
    }

    @Override
    public void close() {
        ServerProcess.stop(process);
    }

    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size())) + " (log: " + log + ")";
        } catch (IOException e) {
            return "see " + log;
        }
    }
}
