package vn.kiosk06.server;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real aggregator (HTTP and gRPC on free ports, SQLite store in {@code dataDir}) for one test. */
public final class RunningServer implements AutoCloseable {

    private final EmbeddedServer http;
    private final int grpcPort;
    private final ManagedChannel channel;

    public RunningServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    public RunningServer(Path dataDir, Map<String, Object> extra) {
        this.grpcPort = freePort();
        Map<String, Object> props = new HashMap<>(extra);
        props.put("kiosk06.server.data-dir", dataDir.toString());
        props.put("grpc.server.port", grpcPort);
        props.put("micronaut.server.port", freePort());
        this.http = ApplicationContext.run(EmbeddedServer.class, props);
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

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        http.getApplicationContext().close();
    }
}
