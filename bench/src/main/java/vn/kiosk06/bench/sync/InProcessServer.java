package vn.kiosk06.bench.sync;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import vn.kiosk06.server.main.ServerMain;
import vn.kiosk06.server.store.EventStore;

/**
 * The real aggregator (its Micronaut context, gRPC endpoint and SQLite store) started in this JVM on a free port,
 * without its HTTP API, which the sync benchmark does not use.
 *
 * <p>The bench's classpath holds the device app too, whose beans (a journal and a sync worker that starts on its
 * own) would join the server's context. The context is given a class loader that hides the device app's classes,
 * so Micronaut skips their bean definitions as it skips any whose classes are missing. (A disabled
 * {@code BeanConfiguration} for the package does not work here: it makes Micronaut load every bean definition
 * eagerly, and micronaut-grpc's optional OpenTracing definition then fails for want of OpenTracing.)
 */
public final class InProcessServer implements AutoCloseable {

    private final ApplicationContext context;
    private final GrpcEmbeddedServer grpc;

    private InProcessServer(ApplicationContext context, GrpcEmbeddedServer grpc) {
        this.context = context;
        this.grpc = grpc;
    }

    /** Starts the server on a free port with its store in {@code dataDir}. */
    public static InProcessServer start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    /** The server with {@code extra} configuration, e.g. {@code kiosk06.server.db} for PostgreSQL. */
    public static InProcessServer start(Path dataDir, Map<String, Object> extra) {
        int port = freePort();
        Map<String, Object> props = new java.util.HashMap<>(extra);
        props.put("kiosk06.server.data-dir", dataDir.toString());
        props.put("grpc.server.port", port);
        props.put("grpc.server.max-inbound-message-size", 4 << 20);
        props.put("grpc.server.health.enabled", false);
        // The benchmark measures ingest; TLS and enrollment are off (development mode).
        props.putIfAbsent("kiosk06.server.insecure", true);
        ApplicationContext context = ApplicationContext.builder()
                .mainClass(ServerMain.class)
                .properties(props)
                .classLoader(new WithoutDeviceApp(InProcessServer.class.getClassLoader()))
                .banner(false)
                .start();
        try {
            // micronaut-grpc starts gRPC when the HTTP server starts; without an HTTP server, start it directly.
            GrpcEmbeddedServer grpc = context.getBean(GrpcEmbeddedServer.class);
            grpc.start();
            context.getBean(EventStore.class); // open and migrate the store now, not inside a timed call
            return new InProcessServer(context, grpc);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public int port() {
        return grpc.getPort();
    }

    /** One of the server's beans (e.g. its device registry, to enroll a bench device as an admin would). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public EventStore store() {
        return context.getBean(EventStore.class);
    }

    /** A plaintext channel to the server, set up as a device's. */
    ManagedChannel channel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().maxInboundMessageSize(4 << 20).build();
    }

    /** As {@link #channel()}, for {@link PreEncodedUpload}: its "gzip" sends the batches the bench gzipped before the clock. */
    ManagedChannel preEncodedChannel() {
        return NettyChannelBuilder.forAddress("127.0.0.1", port()).usePlaintext().maxInboundMessageSize(4 << 20)
                .compressorRegistry(PreEncodedUpload.ALREADY_GZIPPED).build();
    }

    @Override
    public void close() {
        grpc.stop();
        // Its scheduled jobs (the integrity walk) first: a run that starts servers one after another in this JVM must
        // not have a closed server's job fire against its beans or its deleted files.
        context.findBean(java.util.concurrent.ExecutorService.class,
                        io.micronaut.inject.qualifiers.Qualifiers.byName(io.micronaut.scheduling.TaskExecutors.SCHEDULED))
                .ifPresent(java.util.concurrent.ExecutorService::shutdownNow);
        context.close();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the in-process server", e);
        }
    }

    /** Delegates everything to {@code parent} except the device app's classes, which it reports missing. */
    private static final class WithoutDeviceApp extends ClassLoader {

        private static final String DEVICE_APP = "vn.kiosk06.client.";

        static {
            registerAsParallelCapable();
        }

        WithoutDeviceApp(ClassLoader parent) {
            super("kiosk06-server-only", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith(DEVICE_APP)) {
                throw new ClassNotFoundException(name + " (the device app is hidden from the in-process server)");
            }
            return super.loadClass(name, resolve);
        }
    }
}
