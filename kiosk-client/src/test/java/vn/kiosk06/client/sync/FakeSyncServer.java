package vn.kiosk06.client.sync;

import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.grpc.Status;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.DeviceConfig;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/**
 * A tiny aggregator on a real gRPC port, for client tests (the client module must not depend on the server):
 * answers handshakes with its clock, {@code ahead} of this machine's, and acks every batch as stored.
 */
public final class FakeSyncServer extends SyncServiceGrpc.SyncServiceImplBase implements AutoCloseable {

    private final Duration ahead;
    private final DeviceConfig config;
    private final Server server;
    private final AtomicInteger handshakes = new AtomicInteger();
    /** Refuses every handshake at once, as an overloaded server does. */
    private volatile boolean busy;
    /** How long each handshake's answer is held back, as a slow server's is. */
    private volatile Duration handshakeDelay = Duration.ZERO;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-sync-server-delays");
        t.setDaemon(true);
        return t;
    });

    private FakeSyncServer(int port, Duration ahead) {
        this(port, ahead, DeviceConfig.getDefaultInstance());
    }

    private FakeSyncServer(int port, Duration ahead, DeviceConfig config) {
        this.ahead = ahead;
        this.config = config;
        this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(this).build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on a free port whose clock runs {@code ahead} of this machine's. */
    public static FakeSyncServer start(Duration ahead) {
        return new FakeSyncServer(0, ahead);
    }

    /** A server on a free port, its clock on time, that hands devices {@code config} at each handshake. */
    public static FakeSyncServer withConfig(DeviceConfig config) {
        return new FakeSyncServer(0, Duration.ZERO, config);
    }

    /** A server on {@code port}, its clock on time. */
    public static FakeSyncServer startOn(int port) {
        return new FakeSyncServer(port, Duration.ZERO);
    }

    /** A server on a free port that refuses every handshake at once with UNAVAILABLE, as an overloaded one does. */
    public static FakeSyncServer busy() {
        FakeSyncServer server = new FakeSyncServer(0, Duration.ZERO);
        server.busy = true;
        return server;
    }

    /**
     * From now on handles each handshake {@code delay} after it arrives, as a server whose handlers are all busy: the
     * wait counts in the handshake's round trip (the server stamps its receive time when the handler runs).
     */
    public void answerHandshakesAfter(Duration delay) {
        handshakeDelay = delay;
    }

    /** Handshakes asked for so far (answered or refused). */
    public int handshakes() {
        return handshakes.get();
    }

    public int port() {
        return server.getPort();
    }

    private long now() {
        return System.currentTimeMillis() + ahead.toMillis();
    }

    @Override
    public void handshake(HandshakeRequest request, StreamObserver<HandshakeResponse> responses) {
        handshakes.incrementAndGet();
        if (busy) {
            responses.onError(Status.UNAVAILABLE.withDescription("server busy").asRuntimeException());
            return;
        }
        Runnable answer = () -> {
            long t1 = now();
            responses.onNext(HandshakeResponse.newBuilder().setServerReceiveTimeMs(t1)
                    .setServerTransmitTimeMs(Math.max(t1, now())).setConfig(config).build());
            responses.onCompleted();
        };
        Duration delay = handshakeDelay;
        if (delay.isZero()) {
            answer.run();
        } else {
            delayed.schedule(answer, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public StreamObserver<EventBatch> upload(StreamObserver<Ack> acks) {
        return new StreamObserver<>() {
            private long watermark;

            @Override
            public void onNext(EventBatch batch) {
                long last = batch.getEventsList().stream().mapToLong(Event::getSeq).max().orElse(0);
                watermark = Math.max(watermark, last);
                acks.onNext(Ack.newBuilder().setWatermark(watermark).setBatchLastSeq(last)
                        .setStored(batch.getEventsCount()).build());
            }

            @Override
            public void onError(Throwable t) {
                // The device gave up on the call; nothing to clean up.
            }

            @Override
            public void onCompleted() {
                acks.onCompleted();
            }
        };
    }

    @Override
    public void close() {
        delayed.shutdownNow();
        try {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
