package vn.kiosk06.server;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.server.auth.Role;
import vn.kiosk06.server.auth.UserDirectory;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;

/** A real aggregator (HTTP and gRPC on free ports, SQLite store in {@code dataDir}) for one test. */
public final class RunningServer implements AutoCloseable {

    private final EmbeddedServer http;
    private final int grpcPort;
    private final ManagedChannel channel;

    public RunningServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    public RunningServer(Path dataDir, Map<String, Object> extra) {
        this(dataDir, extra, null);
    }

    /** With {@code clock} (if not null) as the server's clock, e.g. a {@link FakeClock} to pass a lockout. */
    public RunningServer(Path dataDir, Map<String, Object> extra, Clock clock) {
        this.grpcPort = freePort();
        Map<String, Object> props = new HashMap<>(extra);
        props.put("kiosk06.server.data-dir", dataDir.toString());
        props.put("grpc.server.port", grpcPort);
        props.put("micronaut.server.port", freePort());
        // Plain HTTP in tests: session cookies without the Secure flag.
        props.putIfAbsent("kiosk06.server.insecure", true);
        ApplicationContextBuilder builder = ApplicationContext.builder().properties(props);
        if (clock != null) {
            builder.singletons(clock);
        }
        this.http = builder.start().getBean(EmbeddedServer.class).start();
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
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
        return "http://127.0.0.1:" + http.getPort();
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
        return DashboardClient.login(httpUrl(), name, password);
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
