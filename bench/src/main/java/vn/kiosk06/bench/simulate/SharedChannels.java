package vn.kiosk06.bench.simulate;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A few plaintext gRPC channels (one HTTP/2 connection each) that thousands of simulated devices share, so the
 * run needs a handful of sockets instead of one per device. Calls' callbacks run on a small fixed pool rather
 * than gRPC's default unbounded one: the sync worker's callbacks only hand replies to its own thread.
 */
final class SharedChannels implements AutoCloseable {

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final ExecutorService callbacks;

    SharedChannels(TargetAddress target, int count) {
        this.callbacks = Executors.newFixedThreadPool(Math.min(4, Math.max(2, count)), r -> {
            Thread t = new Thread(r, "simulate-grpc-callbacks");
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < count; i++) {
            channels.add(NettyChannelBuilder.forAddress(target.host(), target.port())
                    .usePlaintext()
                    .executor(callbacks)
                    .maxInboundMessageSize(4 << 20)
                    .build());
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
