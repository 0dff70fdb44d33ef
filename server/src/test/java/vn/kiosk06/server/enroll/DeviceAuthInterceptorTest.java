package vn.kiosk06.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;

/** Device authentication on the sync port of a real secure server (TLS, enrolled devices only). */
class DeviceAuthInterceptorTest {

    @TempDir
    Path dir;
    RunningServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    Status handshake(String deviceId, String secret) {
        Metadata credential = new Metadata();
        credential.put(AuthenticatedDevice.DEVICE_ID, deviceId);
        credential.put(AuthenticatedDevice.DEVICE_SECRET, secret);
        HandshakeRequest hello = HandshakeRequest.newBuilder().setDeviceId(deviceId)
                .setBootId(com.google.protobuf.ByteString.copyFrom(new byte[16]))
                .setDeviceSendTimeMs(System.currentTimeMillis()).setAppVersion("0.1.0").build();
        StatusRuntimeException e = catchThrowableOfType(() -> SyncServiceGrpc.newBlockingStub(server.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credential))
                .withDeadlineAfter(20, TimeUnit.SECONDS).handshake(hello), StatusRuntimeException.class);
        return e == null ? Status.OK : e.getStatus();
    }

    /** The answer with the device id the caller itself sent taken out. */
    static String withoutId(Status s, String deviceId) {
        return s.getCode() + " " + s.getDescription().replace("'" + deviceId + "'", "'…'");
    }

    @Test
    void unknownDevice_neverEnrolled_wrongSecret_andRevokedWithAGuess_allGetTheSameAnswer() {
        server = RunningServer.secure(dir, Map.of());
        DeviceRegistry registry = server.bean(DeviceRegistry.class);
        Enrollment enrolled = registry.enroll(registry.register("kiosk-ok", "PQ", Duration.ofHours(1)).code().secret());
        registry.register("kiosk-pending", "PQ", Duration.ofHours(1));
        Enrollment revoked = registry.enroll(registry.register("kiosk-rev", "PQ", Duration.ofHours(1)).code().secret());
        registry.revoke("kiosk-rev", "test-admin");
        String guess = enrolled.deviceSecret().replace(enrolled.deviceSecret().charAt(0), '~');

        String unknown = withoutId(handshake("kiosk-nobody", guess), "kiosk-nobody");

        assertThat(unknown).startsWith("UNAUTHENTICATED credential refused for device '…'");
        assertThat(withoutId(handshake("kiosk-pending", guess), "kiosk-pending")).isEqualTo(unknown);
        assertThat(withoutId(handshake("kiosk-ok", guess), "kiosk-ok")).isEqualTo(unknown);
        assertThat(withoutId(handshake("kiosk-rev", guess), "kiosk-rev")).isEqualTo(unknown);
        assertThat(handshake("kiosk-ok", enrolled.deviceSecret()).getCode()).isEqualTo(Status.Code.OK);
        assertThat(handshake("kiosk-rev", revoked.deviceSecret()))
                .as("the revoked device itself, with its own secret, is told")
                .satisfies(s -> assertThat(s.getCode()).isEqualTo(Status.Code.PERMISSION_DENIED))
                .satisfies(s -> assertThat(s.getDescription()).contains("was revoked by an admin"));
    }
}
