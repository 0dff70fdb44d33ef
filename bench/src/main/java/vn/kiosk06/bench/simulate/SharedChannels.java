package vn.kiosk06.bench.simulate;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.SslContext;
import java.util.Optional;
import javax.net.ssl.SSLException;
import vn.kiosk06.client.enroll.PinnedTrustManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A few gRPC channels (TLS pinned to the server's certificate, or plaintext for a dev server) (one HTTP/2 connection each) that thousands of simulated devices share, so the
 * run needs a handful of sockets instead of one per device. Calls' callbacks run on a small fixed pool rather
 * than gRPC's default unbounded one: the sync worker's callbacks only hand replies to its own thread.
 */
final class SharedChannels implements AutoCloseable {

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final ExecutorService callbacks;

    SharedChannels(TargetAddress target, int count) {
        this(target, count, Optional.empty());
    }

    /**
     * @param pinned the SHA-256 of the server's certificate: TLS trusting only it; empty for plaintext (a server
     *               started with --insecure)
     */
    SharedChannels(TargetAddress target, int count, Optional<byte[]> pinned) {
        this.callbacks = Executors.newFixedThreadPool(Math.min(4, Math.max(2, count)), r -> {
            Thread t = new Thread(r, "simulate-grpc-callbacks");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < count; i++) {
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(target.host(), target.port());
            if (pinned.isPresent()) {
                builder.sslContext(pinnedTls(target, pinned.get()));
            } else {
                builder.usePlaintext();
            }
            channels.add(builder
                    .executor(callbacks)
                    .maxInboundMessageSize(4 << 20)
                    .build());
        }
    }

    private static SslContext pinnedTls(TargetAddress target, byte[] sha256) {
        try {
            return GrpcSslContexts.forClient().trustManager(new PinnedTrustManager(sha256)).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS to " + target + ": " + e.getMessage(), e);
        }
    }

    /** The channel device number {@code index} uses (round robin). */
    ManagedChannel forDevice(int index) {
        return channels.get(index % channels.size());
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdown);
        for (ManagedChannel c : channels) {
            try {
                if (!c.awaitTermination(5, TimeUnit.SECONDS)) {
                    c.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                c.shutdownNow();
            }
        }
        callbacks.shutdownNow();
    }
}
