package vn.kiosk06.e2e;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;

/** Sync calls as a device makes them (valid events, the credential as an interceptor), for the security tests. */
final class DeviceWire {

    private static final ByteString BOOT = ByteString.copyFrom(new byte[16]);

    private DeviceWire() {
    }

    static EventBatch batch(String device, long first, long last) {
        EventBatch.Builder b = EventBatch.newBuilder().setDeviceId(device);
        for (long s = first; s <= last; s++) {
            b.addEvents(Event.newBuilder().setSeq(s).setSchemaVersion(1).setWallTimeMs(1_781_000_000_000L + s * 1000)
                    .setBootId(BOOT).setMonotonicNanos(s * 1_000_000_000L)
                    .setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")));
        }
        return b.build();
    }

    static HandshakeResponse handshake(Channel channel, String device, ClientInterceptor... credential) {
        return SyncServiceGrpc.newBlockingStub(channel).withInterceptors(credential)
                .withDeadlineAfter(20, TimeUnit.SECONDS)
                .handshake(HandshakeRequest.newBuilder().setDeviceId(device).setBootId(BOOT)
                        .setDeviceSendTimeMs(System.currentTimeMillis()).setAppVersion("0.1.0").build());
    }

    /** Sends the batches on one stream and returns the acks; throws the stream's StatusRuntimeException. */
    static List<Ack> upload(Channel channel, List<EventBatch> batches, ClientInterceptor... credential) {
        List<Ack> acks = new ArrayList<>();
        CompletableFuture<List<Ack>> done = new CompletableFuture<>();
        StreamObserver<EventBatch> requests = SyncServiceGrpc.newStub(channel).withInterceptors(credential)
                .withDeadlineAfter(20, TimeUnit.SECONDS)
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
        batches.forEach(requests::onNext);
        requests.onCompleted();
        try {
            return done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError(e);
        }
    }
}
