package vn.kiosk06.bench.sync;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;

/**
 * Server ingest over real gRPC: several devices at once, each streaming its pre-built batches over one gzip
 * Upload stream with a few batches in flight, as the sync worker does, until every batch is acked (acked means
 * committed and fsynced on the server). Then checks the store holds each event exactly once.
 */
final class IngestBench {

    /** {@code cpuSeconds}: where the CPU went during the timed part, by thread group (devices included). */
    record Result(long events, double seconds, double eventsPerSecond, java.util.Map<String, Double> cpuSeconds) {
    }

    private static final long ACK_TIMEOUT_S = 120;

    private IngestBench() {
    }

    static Result run(InProcessServer server, FleetWorkload workload, int maxInflight) throws InterruptedException {
        ManagedChannel channel = server.preEncodedChannel();
        try {
            SyncServiceGrpc.SyncServiceBlockingStub blocking = SyncServiceGrpc.newBlockingStub(channel);
            for (String id : workload.deviceIds()) {
                blocking.handshake(HandshakeRequest.newBuilder().setDeviceId(id).setBootId(ByteString.copyFrom(new byte[16]))
                        .setAppVersion("0.1.0").build());
            }
            CountDownLatch start = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong acked = new AtomicLong();
            List<Thread> threads = new ArrayList<>();
            List<List<byte[]>> encoded = workload.batches().stream()
                    .map(device -> device.stream().map(PreEncodedUpload::encode).toList()).toList();
            ThreadCpu cpu = ThreadCpu.start();
            for (int d = 0; d < workload.deviceIds().size(); d++) {
                List<byte[]> batches = encoded.get(d);
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                        upload(channel, batches, maxInflight, acked);
                        cpu.add("bench devices (serialise, gzip)", ThreadCpu.currentThreadNanos());
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "device-" + workload.deviceIds().get(d));
                t.start();
                threads.add(t);
            }
            long t0 = System.nanoTime();
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long elapsed = System.nanoTime() - t0;
            java.util.Map<String, Double> cpuSeconds = cpu.byGroup();
            if (failure.get() != null) {
                throw new IllegalStateException("ingest failed: " + failure.get(), failure.get());
            }
            long events = workload.events();
            verify(server.store(), workload);
            return new Result(events, elapsed / 1e9, events / (elapsed / 1e9), cpuSeconds);
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Streams {@code batches} (pre-encoded, see {@link PreEncodedUpload}) over one Upload call, at most
     * {@code maxInflight} unacked; returns when all are acked.
     */
    private static void upload(ManagedChannel channel, List<byte[]> batches, int maxInflight,
                               AtomicLong acked) throws InterruptedException {
        Semaphore window = new Semaphore(maxInflight);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> error = new AtomicReference<>();
        @SuppressWarnings("unchecked")
        ClientCallStreamObserver<byte[]>[] requests = new ClientCallStreamObserver[1];
        ClientCalls.asyncBidiStreamingCall(PreEncodedUpload.newCall(channel,
                        CallOptions.DEFAULT.withDeadlineAfter(ACK_TIMEOUT_S, TimeUnit.SECONDS)),
                new ClientResponseObserver<byte[], Ack>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<byte[]> r) {
                        requests[0] = r;
                    }

                    @Override
                    public void onNext(Ack ack) {
                        acked.addAndGet(ack.getStored() + ack.getDuplicates());
                        window.release();
                    }

                    @Override
                    public void onError(Throwable t) {
                        error.set(t);
                        window.release(maxInflight);
                        closed.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        closed.countDown();
                    }
                });
        for (byte[] b : batches) {
            window.acquire();
            if (error.get() != null) {
                break;
            }
            requests[0].onNext(b);
        }
        window.acquire(maxInflight);
        if (error.get() == null) {
            requests[0].onCompleted();
        }
        if (!closed.await(ACK_TIMEOUT_S, TimeUnit.SECONDS)) {
            throw new IllegalStateException("upload did not finish within " + ACK_TIMEOUT_S + " s");
        }
        if (error.get() != null) {
            throw new IllegalStateException("upload failed: " + error.get(), error.get());
        }
    }

    private static void verify(EventStore store, FleetWorkload workload) {
        for (int d = 0; d < workload.deviceIds().size(); d++) {
            String id = workload.deviceIds().get(d);
            long expected = workload.batches().get(d).stream().mapToLong(EventBatch::getEventsCount).sum();
            DeviceSummary s = store.device(id).orElseThrow(() -> new IllegalStateException("server has no device " + id));
            if (s.eventsStored() != expected || s.watermark() != expected) {
                throw new IllegalStateException("server holds " + s.eventsStored() + " events up to watermark "
                        + s.watermark() + " for " + id + ", expected " + expected + " exactly once");
            }
        }
    }
}
