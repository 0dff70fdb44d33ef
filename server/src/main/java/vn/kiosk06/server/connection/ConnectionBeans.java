package vn.kiosk06.server.connection;

import io.grpc.ServerBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import jakarta.inject.Singleton;
import vn.kiosk06.server.limit.Limits;
import vn.kiosk06.server.limit.TrustedProxies;
import java.util.concurrent.TimeUnit;

/**
 * Puts {@link ConnectionLimits} on both listening ports: the per-address cap on the gRPC and the HTTPS listener, and
 * the handshake, idle, keepalive and age limits on gRPC (the HTTPS side's timeouts are Micronaut settings in
 * application.yml).
 */
@Factory
final class ConnectionBeans {

    @Singleton
    ConnectionsPerAddress connectionsPerAddress(ConnectionLimits limits, Limits rates) {
        TrustedProxies proxies = rates.proxies();
        return new ConnectionsPerAddress(limits.maxPerAddress(), proxies::trusts);
    }

    @Singleton
    @Bean(preDestroy = "close")
    GrpcEventLoops grpcEventLoops() {
        return new GrpcEventLoops();
    }

    /** micronaut-grpc's documented extension point: the ServerBuilder, before the server is built. */
    @Singleton
    BeanCreatedEventListener<ServerBuilder<?>> grpcConnectionLimits(ConnectionLimits limits, ConnectionsPerAddress cap,
                                                                    GrpcEventLoops loops) {
        return (BeanCreatedEvent<ServerBuilder<?>> event) -> {
            if (!(event.getBean() instanceof NettyServerBuilder netty)) {
                throw new IllegalStateException("cannot limit gRPC connections: the server builder is a "
                        + event.getBean().getClass().getName() + ", not Netty's");
            }
            // Our own listening channel, so the cap sees each connection before its TLS handshake; grpc-java wants
            // the event loops given with it.
            netty.channelFactory(() -> {
                NioServerSocketChannel listener = new NioServerSocketChannel();
                listener.pipeline().addLast(cap);
                return listener;
            }).bossEventLoopGroup(loops.boss()).workerEventLoopGroup(loops.workers());
            netty.handshakeTimeout(limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionIdle(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                    .keepAliveTimeout(limits.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .permitKeepAliveTime(limits.permitKeepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionAge(limits.maxAge().toMillis(), TimeUnit.MILLISECONDS)
                    .maxConnectionAgeGrace(limits.maxAgeGrace().toMillis(), TimeUnit.MILLISECONDS);
            return netty;
        };
    }

    /** Micronaut's documented way to reach its Netty pipelines: the cap in front of the HTTPS listener's acceptor. */
    @Singleton
    BeanCreatedEventListener<NettyServerCustomizer.Registry> httpConnectionCap(ConnectionsPerAddress cap) {
        return event -> {
            event.getBean().register(new NettyServerCustomizer() {
                @Override
                public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                    if (role == ChannelRole.LISTENER) {
                        channel.pipeline().addLast(cap);
                    }
                    return this;
                }
            });
            return event.getBean();
        };
    }
}
