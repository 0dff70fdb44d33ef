package vn.kiosk06.server;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.auth.UserDirectory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.tls.HttpsProperties;
import vn.kiosk06.server.tls.ServerIdentity;

/** A real aggregator (HTTP and gRPC on free ports, SQLite store in {@code dataDir}) for one test. */
public final class RunningServer implements AutoCloseable {

    private final EmbeddedServer http;
    private final int grpcPort;
    private final ManagedChannel channel;
    /** The TLS identity when the server runs secure (see {@link #secure}); empty for the plaintext default. */
    private final Optional<ServerIdentity> identity;

    public RunningServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    public RunningServer(Path dataDir, Map<String, Object> extra) {
        this(dataDir, extra, null);
    }

    /** With {@code clock} (if not null) as the server's clock, e.g. a {@link FakeClock} to pass a lockout. */
    public RunningServer(Path dataDir, Map<String, Object> extra, Clock clock) {
        this(dataDir, extra, clock, false);
    }

    private RunningServer(Path dataDir, Map<String, Object> extra, Clock clock, boolean secure) {
        this.identity = secure ? Optional.of(ServerIdentity.load(dataDir, null, null)) : Optional.empty();
        EmbeddedServer started = null;
        int port = 0;
        // A port found free can be taken (by another socket's ephemeral port) before the server binds it: start again
        // on fresh ports when that race is lost, rather than fail a test that has nothing to do with ports.
        for (int attempt = 1; started == null; attempt++) {
            port = freePort();
            try {
                started = start(dataDir, extra, clock, port, freePort());
            } catch (RuntimeException e) {
                if (attempt == 5 || !lostPortRace(e)) {
                    throw e;
                }
            }
        }
        this.http = started;
        this.grpcPort = port;
        this.channel = identity.map(id -> channelTrusting(id, grpcPort))
                .orElseGet(() -> NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build());
    }

    private EmbeddedServer start(Path dataDir, Map<String, Object> extra, Clock clock, int grpcPort, int httpPort) {
        Map<String, Object> props = new HashMap<>(extra);
        props.put("kiosk06.server.data-dir", dataDir.toString());
        props.put("grpc.server.port", grpcPort);
        props.put("micronaut.server.port", httpPort);
        // As ServerMain does when secure: the certificate generated into dataDir/tls, on gRPC and HTTPS alike.
        identity.ifPresent(id -> {
            props.put("kiosk06.server.insecure", false);
            props.putAll(HttpsProperties.of(id, httpPort));
        });
        // Plain HTTP in tests: session cookies without the Secure flag.
        props.putIfAbsent("kiosk06.server.insecure", true);
        ApplicationContextBuilder builder = ApplicationContext.builder().properties(props);
        if (clock != null) {
            builder.singletons(clock);
        }
        ApplicationContext context = builder.build();
        try {
            return context.start().getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Whether {@code e} says a port was already taken ("Failed to bind", a {@link java.net.BindException}). */
    private static boolean lostPortRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException
                    || String.valueOf(t.getMessage()).contains("Failed to bind")
                    || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A server in its default, secure mode: a self-signed certificate generated in {@code dataDir/tls}, TLS on gRPC,
     * HTTPS on the dashboard, only enrolled devices may sync. {@link #channel()} and {@link #login} trust exactly that
     * certificate.
     */
    /**
     * Writes {@code tree} (the org-unit CSV) to {@code dir/units.csv} and returns the server properties that name it,
     * with {@code more} (key, value, key, value, …) added: what a test starting a server on its own tree passes.
     */
    public static Map<String, Object> withOrgUnits(Path dir, String tree, Object... more) {
        Path units = dir.resolve("units.csv");
        try {
            java.nio.file.Files.writeString(units, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + units, e);
        }
        Map<String, Object> props = new HashMap<>();
        props.put("kiosk06.server.org-units", units.toString());
        for (int i = 0; i < more.length; i += 2) {
            props.put((String) more[i], more[i + 1]);
        }
        return props;
    }

    public static RunningServer secure(Path dataDir, Map<String, Object> extra) {
        return new RunningServer(dataDir, extra, null, true);
    }

    /** A {@link #secure} server with {@code clock} as its clock. */
    public static RunningServer secure(Path dataDir, Map<String, Object> extra, Clock clock) {
        return new RunningServer(dataDir, extra, clock, true);
    }

    /** The certificate of a {@link #secure} server. */
    public ServerIdentity identity() {
        return identity.orElseThrow(() -> new IllegalStateException("this test server is plaintext (--insecure)"));
    }

    private static ManagedChannel channelTrusting(ServerIdentity id, int port) {
        try {
            return NettyChannelBuilder.forAddress("127.0.0.1", port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(id.certificate()).build()).build();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context that trusts exactly the certificate of a {@link #secure} server (empty when plaintext). */
    public Optional<SSLContext> sslContext() {
        return identity.map(id -> {
            try {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                trust.setCertificateEntry("server", id.certificate());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext ssl = SSLContext.getInstance("TLS");
                ssl.init(null, tmf.getTrustManagers(), null);
                return ssl;
            } catch (java.io.IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int grpcPort() {
        return grpcPort;
    }

    public String httpUrl() {
        return (identity.isPresent() ? "https" : "http") + "://127.0.0.1:" + http.getPort();
    }

    public ManagedChannel channel() {
        return channel;
    }

    public <T> T bean(Class<T> type) {
        return http.getApplicationContext().getBean(type);
    }

    /**
     * Adds a dashboard user with a random password straight into the server's database and logs them in over HTTP.
     *
     * @param unit the unit whose subtree the user sees
     */
    public DashboardClient login(String name, Role role, String unit) {
        String password = "pw-" + java.util.UUID.randomUUID();
        bean(UserDirectory.class).add(name, role, unit, password.toCharArray(), bean(OrgUnitDirectory.class).tree());
        return DashboardClient.login(httpUrl(), name, password, sslContext());
    }

    /** An admin of the whole tree, logged in. */
    public DashboardClient loginAdmin() {
        return login("admin-" + Integer.toHexString(adminCount++), Role.ADMIN, "ROOT");
    }

    private int adminCount;

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        http.getApplicationContext().close();
    }
}
