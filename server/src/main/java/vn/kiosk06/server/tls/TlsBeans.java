package vn.kiosk06.server.tls;

import io.grpc.ServerBuilder;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Nullable;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.config.SharedInstanceFiles;

/** Decides TLS or plaintext once, at start, and puts the server's certificate on the gRPC port. */
@Factory
final class TlsBeans {

    private static final Logger LOG = LoggerFactory.getLogger(TlsBeans.class);

    @Singleton
    ServerTransport serverTransport(ServerConfig config,
                                    @Property(name = "kiosk06.server.insecure", defaultValue = "false") boolean insecure,
                                    @Nullable @Property(name = "kiosk06.server.tls.cert") Path cert,
                                    @Nullable @Property(name = "kiosk06.server.tls.key") Path key,
                                    @Nullable @Property(name = "kiosk06.server.db") String db,
                                    @Nullable @Property(name = "kiosk06.server.citizen-key-file") Path citizenKeyFile) {
        SharedInstanceFiles.require(db, insecure, cert, key, citizenKeyFile);
        if (insecure) {
            LOG.warn("INSECURE development mode (--insecure / kiosk06.server.insecure: true): gRPC and the dashboard "
                    + "are plaintext and unenrolled devices may sync. Never run a deployment like this.");
            return new ServerTransport(Optional.empty());
        }
        ServerIdentity identity = ServerIdentity.load(config.dataDir(), cert, key);
        LOG.info("TLS on gRPC: certificate {} (SHA-256 {})", identity.certificate().getSubjectX500Principal(),
                identity.fingerprintHex());
        return new ServerTransport(Optional.of(identity));
    }

    /** micronaut-grpc's documented extension point: the ServerBuilder, before the server is built. */
    @Singleton
    BeanCreatedEventListener<ServerBuilder<?>> grpcTls(ServerTransport transport) {
        return (BeanCreatedEvent<ServerBuilder<?>> event) -> {
            ServerBuilder<?> builder = event.getBean();
            transport.identity().ifPresent(identity -> {
                if (!(builder instanceof NettyServerBuilder netty)) {
                    throw new TlsException("cannot put TLS on the gRPC server: its builder is a "
                            + builder.getClass().getName() + ", not Netty's");
                }
                try {
                    netty.sslContext(GrpcSslContexts.configure(
                            SslContextBuilder.forServer(identity.privateKey(), identity.certificate())).build());
                } catch (SSLException e) {
                    throw new TlsException("cannot put TLS on the gRPC server: " + e.getMessage(), e);
                }
            });
            return builder;
        };
    }
}
