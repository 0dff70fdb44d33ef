package vn.kiosk06.e2e;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.ClientInterceptor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.HandshakeResponse;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.Uploads;

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
        return Uploads.upload(channel, batches, credential);
    }
}
