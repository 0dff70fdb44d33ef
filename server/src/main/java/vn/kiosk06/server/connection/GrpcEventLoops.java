package vn.kiosk06.server.connection;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server's Netty event loops: one thread accepting, and grpc-java's default number of workers (two per
 * core). Ours, not grpc-java's shared ones, because the server runs on its own listening channel
 * ({@link ConnectionBeans}); closed with the application context.
 */
final class GrpcEventLoops implements AutoCloseable {

    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("grpc-boss", true));
    private final EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("grpc-worker", true));

    EventLoopGroup boss() {
        return boss;
    }

    EventLoopGroup workers() {
        return workers;
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
