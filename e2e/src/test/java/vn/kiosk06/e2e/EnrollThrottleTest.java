package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.client.enroll.Enroller;
import vn.kiosk06.client.enroll.SecureChannels;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.enroll.IssuedCode;
import vn.kiosk06.wire.EnrollmentCode;

/** Guessing enrollment codes from one address is throttled; syncing devices are not affected. */
class EnrollThrottleTest {

    @TempDir
    Path dir;

    @Test
    void enrollmentBruteForce_isThrottledPerAddress_whileEnrolledDevicesKeepSyncing() throws Exception {
        try (SecureServer server = new SecureServer(dir, "-Dkiosk06.server.limits.enroll-burst=5",
                "-Dkiosk06.server.limits.enroll-per-minute=1")) {
            IssuedCode code = server.registry().register("kiosk-thr-01", "PQ-DD", Duration.ofHours(1));
            DeviceCredential device = Enroller.enroll(code.code(), server.target(), dir.resolve("dev"), "test");
            ManagedChannel channel = server.channel();
            try {
                SecureRandom random = new SecureRandom();
                List<Status.Code> outcomes = new ArrayList<>();
                String lastDescription = "";
                for (int i = 0; i < 12; i++) {
                    String guess = EnrollmentCode.random(random, server.identity.fingerprint(), java.util.Optional.empty()).secret();
                    try {
                        EnrollmentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                                .enroll(EnrollRequest.newBuilder().setCode(guess).build());
                        outcomes.add(Status.Code.OK);
                    } catch (StatusRuntimeException e) {
                        outcomes.add(e.getStatus().getCode());
                        lastDescription = e.getStatus().getDescription();
                    }
                }

                // The first guesses are judged (and wrong); the rest are not even looked at.
                assertThat(outcomes).doesNotContain(Status.Code.OK);
                assertThat(outcomes.subList(0, 4)).containsOnly(Status.Code.PERMISSION_DENIED);
                assertThat(outcomes.subList(6, 12)).containsOnly(Status.Code.RESOURCE_EXHAUSTED);
                assertThat(lastDescription).startsWith("too many enrollment attempts from 127.0.0.1; try again in");
                // The enrolled device still syncs from the same address.
                assertThat(DeviceWire.upload(channel, List.of(DeviceWire.batch("kiosk-thr-01", 1, 5)),
                        SecureChannels.credential(device))).singleElement()
                        .satisfies(a -> assertThat(a.getWatermark()).isEqualTo(5));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
