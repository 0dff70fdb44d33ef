package vn.kiosk06.server;

import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/**
 * Uploads batches over one real gRPC stream, gzip-compressed as a device sends them. A test fixture shared through
 * the server's test-jar: the server's tests and the e2e tests (with a device credential as an interceptor) use it.
 */
public final class Uploads {

    private Uploads() {
    }

    /** Sends the batches, half-closes, and returns the acks; throws the stream's error (e.g. a StatusRuntimeException). */
    public static List<Ack> upload(Channel channel, EventBatch... batches) {
        return upload(channel, List.of(batches));
    }

    /** As {@link #upload(Channel, EventBatch...)}, with {@code interceptors} (a device's credential) on the call. */
    public static List<Ack> upload(Channel channel, List<EventBatch> batches, ClientInterceptor... interceptors) {
        List<Ack> acks = new ArrayList<>();
        CompletableFuture<List<Ack>> done = new CompletableFuture<>();
        StreamObserver<EventBatch> requests = SyncServiceGrpc.newStub(channel).withInterceptors(interceptors)
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .withCompression("gzip")
                .upload(new StreamObserver<>() {
                    @Override
                    public void onNext(Ack ack) {
                        acks.add(ack);
                    }

                    @Override
                    public void onError(Throwable t) {
                        done.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(acks);
                    }
                });
        for (EventBatch b : batches) {
            requests.onNext(b);
        }
        requests.onCompleted();
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError("upload failed", e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
