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
import vn.kiosk06.server.auth.PasswordHasher;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.auth.UserDirectory;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
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

    /**
     * An admin of the whole tree logged in to the dashboard API over HTTPS, as a person logs in: the user is added
     * straight into the server's database (what {@code ./kiosk06 admin user add} does), then {@code POST /api/v1/session}.
     */
    AdminSession admin() throws Exception {
        String name = "e2e-admin-" + adminCount++;
        String password = "pw-" + java.util.UUID.randomUUID();
        new UserDirectory(database, new PasswordHasher(new SecureRandom()), Clock.systemUTC())
                .add(name, Role.ADMIN, "ROOT", password.toCharArray(), OrgUnitDirectory.current(dataDir, null));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new PinnedTrustManager(identity.fingerprint())}, new SecureRandom());
        HttpClient client = HttpClient.newBuilder().sslContext(ssl).cookieHandler(new java.net.CookieManager())
                .connectTimeout(Duration.ofSeconds(5)).build();
        AdminSession session = new AdminSession(client, "https://127.0.0.1:" + httpPort);
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(session.base + "/api/v1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 200) {
            throw new IllegalStateException("log-in refused: " + login.statusCode() + " " + login.body());
        }
        return session;
    }

    private int adminCount;

    /** A logged-in HTTPS client of the server's REST API (its session cookie in its cookie jar). */
    record AdminSession(HttpClient client, String base) {
        HttpResponse<String> get(String path) {
            try {
                return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String body(String path) {
            HttpResponse<String> r = get(path);
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
            }
            return r.body();
        }
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
