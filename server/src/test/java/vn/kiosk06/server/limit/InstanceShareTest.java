package vn.kiosk06.server.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;

/**
 * Per-device and per-address rates are counted in memory (a database write per upload batch would cost ingest its
 * speed), so with {@code kiosk06.server.limits.instances} = N each instance enforces 1/N of them: spread over the
 * instances a client gets the configured rate, no more. A real server, real gRPC.
 */
class InstanceShareTest {

    @TempDir
    Path dir;

    @Test
    void shares_areTheConfiguredLimitDividedByTheInstances_neverBelowOneCall() {
        Limits three = new Limits(100, 500, 6, 10, 3, null);

        assertThat(three.rateShare(100)).isEqualTo(100 / 3.0);
        assertThat(three.burstShare(500)).isEqualTo(166);
        assertThat(three.burstShare(2)).isEqualTo(1);
        assertThatThrownBy(() -> new Limits(100, 500, 6, 10, 0, null)).hasMessageContaining("instances must be ≥ 1, was 0");
    }

    @Test
    void oneOfTwoInstances_admitsHalfTheDeviceBurst() throws Exception {
        try (RunningServer server = new RunningServer(dir, Map.of("kiosk06.server.limits.instances", 2,
                "kiosk06.server.limits.device-burst", 6, "kiosk06.server.limits.device-calls-per-second", 0.001))) {
            SyncServiceGrpc.SyncServiceBlockingStub stub = SyncServiceGrpc.newBlockingStub(server.channel());
            HandshakeRequest hello = HandshakeRequest.newBuilder().setDeviceId("kiosk-pq-01")
                    .setBootId(ByteString.copyFrom(new byte[16])).setDeviceSendTimeMs(System.currentTimeMillis())
                    .setAppVersion("1.0.0").build();
            for (int i = 0; i < 3; i++) {
                stub.handshake(hello);
            }

            assertThatThrownBy(() -> stub.handshake(hello)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(e.getStatus().getDescription()).contains("kiosk-pq-01", "faster than its limit");
            });
        }
    }
}
