package vn.kiosk06.e2e;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import vn.kiosk06.client.enroll.PinnedTrustManager;
import vn.kiosk06.client.enroll.SecureChannels;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.tls.ServerIdentity;

/**
 * The real server jar in its default, secure mode (TLS on gRPC and HTTPS, enrolled devices only) on free ports,
 * with its data directory prepared the way {@code ./kiosk06 admin device add} prepares it (certificate generated,
 * store migrated), so a test can register and revoke devices on the same files while the server runs.
 */
final class SecureServer implements AutoCloseable {

    final Path dataDir;
    final int grpcPort = JavaProcess.freePort();
    final int httpPort = JavaProcess.freePort();
    final ServerIdentity identity;
    private final Database database;
    private final JavaProcess process;
    private final ManagedChannel health;

    SecureServer(Path dir, String... jvmOptions) {
        this.dataDir = dir.resolve("server");
        this.identity = ServerIdentity.load(dataDir, null, null);
        this.database = SqliteDatabase.open(dataDir);
        this.process = JavaProcess.start(dir.resolve("server.log"), List.of(jvmOptions), "kiosk06.server.jar",
                "--data-dir", dataDir.toString(), "--grpc-port", String.valueOf(grpcPort),
                "--http-port", String.valueOf(httpPort));
        this.health = channel();
        await("server up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(this::serving);
    }

    String target() {
        return "127.0.0.1:" + grpcPort;
    }

    /** A channel pinned to this server's certificate, as an enrolled device has. */
    ManagedChannel channel() {
        return SecureChannels.pinned(target(), identity.fingerprint());
    }

    DeviceRegistry registry(Clock clock) {
        return new DeviceRegistry(database, clock, new SecureRandom(), identity::fingerprint);
    }

    DeviceRegistry registry() {
        return registry(Clock.systemUTC());
    }

    /** The gRPC health service answers SERVING over TLS. */
    boolean serving() {
        try {
            return HealthGrpc.newBlockingStub(health).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus() == HealthCheckResponse.ServingStatus.SERVING;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** GET over HTTPS, trusting only this server's certificate. */
    HttpResponse<String> httpsGet(String path) throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new PinnedTrustManager(identity.fingerprint())}, new SecureRandom());
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + httpPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JavaProcess process() {
        return process;
    }

    @Override
    public void close() {
        health.shutdownNow();
        try {
            health.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.close();
        database.close();
    }
}
