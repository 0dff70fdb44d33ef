package vn.kiosk06.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One device process and one server process with fixed ports and data directories, so either can be killed and
 * started again on the same files; plus posters that log events through the device's API as its UI would.
 */
final class Rig implements AutoCloseable {

    static final String DEVICE = "e2e-kiosk-01";

    final Path dir;
    final int grpcPort = JavaProcess.freePort();
    final int serverHttpPort = JavaProcess.freePort();
    final int deviceHttpPort = JavaProcess.freePort();
    /** seq → event number, for every event whose append the device confirmed. */
    final Map<Long, Long> confirmed = new ConcurrentHashMap<>();
    private final AtomicLong nextEvent = new AtomicLong(1);
    private final Path config;
    private JavaProcess device;
    private JavaProcess server;
    private int starts;

    Rig(Path dir) throws IOException {
        this.dir = dir;
        this.config = dir.resolve("device.yml");
        Files.writeString(config, "device-id: " + DEVICE + "\nserver: 127.0.0.1:" + grpcPort + "\ndata-dir: "
                + dir.resolve("device") + "\nhttp-port: " + deviceHttpPort + "\nsync-interval: 2s\n"
                // Crash recovery is about durability, not transport: development mode on both sides.
                + "insecure: true\n");
    }

    String deviceUrl() {
        return "http://127.0.0.1:" + deviceHttpPort;
    }

    Path journalFile() {
        return dir.resolve("device").resolve("journal.db");
    }

    Path storeFile() {
        return dir.resolve("server").resolve("kiosk06.db");
    }

    JavaProcess device() {
        return device;
    }

    JavaProcess server() {
        return server;
    }

    void startDevice() {
        device = JavaProcess.start(dir.resolve("device-" + (++starts) + ".log"), "kiosk06.client.jar",
                "--config", config.toString());
        await("device API up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Http.answers(deviceUrl() + "/api/v1/status"));
    }

    void startServer() {
        server = JavaProcess.start(dir.resolve("server-" + (++starts) + ".log"), "kiosk06.server.jar",
                "--data-dir", dir.resolve("server").toString(), "--grpc-port", String.valueOf(grpcPort),
                "--http-port", String.valueOf(serverHttpPort), "--insecure");
        await("server API up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Http.answers("http://127.0.0.1:" + serverHttpPort + "/health"));
    }

    /** Presses "sync now" on the device, so the test does not wait out a backoff. */
    void syncNow() throws IOException, InterruptedException {
        Http.post(deviceUrl() + "/api/v1/sync", "{}");
    }

    long deviceStatus(String field) throws IOException, InterruptedException {
        return Http.longField(Http.get(deviceUrl() + "/api/v1/status").body(), field);
    }

    /**
     * Starts {@code threads} concurrent posters logging events until stopped or until the device dies. Each event is
     * a payment whose amount is the event's number, so the journal can be checked against what was confirmed.
     */
    Posters startPosting(int threads) {
        return new Posters(threads);
    }

    /** Posters logging events through the device's API, as its UI would. */
    final class Posters {
        private final ExecutorService pool;
        private final AtomicBoolean stop = new AtomicBoolean();

        private Posters(int threads) {
            pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                pool.submit(this::postUntilStopped);
            }
            pool.shutdown();
        }

        private Void postUntilStopped() throws InterruptedException {
            while (!stop.get()) {
                long n = nextEvent.getAndIncrement();
                try {
                    var r = Http.post(deviceUrl() + "/api/v1/events", "{\"payment\":{\"amountVnd\":\"" + n
                            + "\",\"method\":\"CASH\",\"status\":\"CONFIRMED\",\"reference\":\"E2E-" + n + "\"}}");
                    if (r.statusCode() != 201) {
                        throw new AssertionError("device refused event " + n + ": " + r.body());
                    }
                    confirmed.put(Http.longField(r.body(), "seq"), n);
                } catch (IOException e) {
                    return null; // the device died under us: that is what the test does to it
                }
            }
            return null;
        }

        /** Stops posting and waits for the posters to finish their last request. */
        void stop() throws InterruptedException {
            stop.set(true);
            awaitFinished();
        }

        /** Waits until every poster has finished (after a stop, or after the device died). */
        void awaitFinished() throws InterruptedException {
            if (!pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("posters did not finish");
            }
        }
    }

    @Override
    public void close() {
        if (device != null) {
            device.close();
        }
        if (server != null) {
            server.close();
        }
    }
}
