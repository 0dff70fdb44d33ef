package vn.kiosk06.client.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import com.google.protobuf.ByteString;
import vn.kiosk06.client.config.ConfigException;
import vn.kiosk06.proto.sync.v1.SealingKey;

class DeviceTransportTest {

    @TempDir
    Path dir;

    final DeviceCredential credential = new DeviceCredential("kiosk-1", "s3cret-s3cret", new byte[32], "PQ",
            SealingKey.newBuilder().setKeyId(1).setPublicKey(ByteString.copyFrom(new byte[32])).build());

    @Test
    void notEnrolled_andNotInsecure_refusesToStart_sayingHowToEnroll() {
        assertThatThrownBy(() -> DeviceTransport.decide("kiosk-1", dir, false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not enrolled").hasMessageContaining("./kiosk06 client enroll --code CODE");
    }

    @Test
    void insecure_withoutCredential_isPlaintextWithoutInterceptors() {
        DeviceTransport t = DeviceTransport.decide("kiosk-1", dir, true);

        assertThat(t.credential()).isEmpty();
        assertThat(t.interceptors()).isEmpty();
    }

    @Test
    void enrolled_credentialIsOwnerOnlyAndUsed_evenWhenInsecure() throws Exception {
        credential.save(dir);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DeviceCredential.file(dir))))
                .isEqualTo("rw-------");
        assertThat(DeviceTransport.decide("kiosk-1", dir, true).credential()).hasValueSatisfying(c ->
                assertThat(c.secret()).isEqualTo("s3cret-s3cret"));
        assertThat(DeviceTransport.decide("kiosk-1", dir, false).interceptors()).hasSize(1);
        assertThat(credential.toString()).doesNotContain("s3cret");
    }

    @Test
    void enrolledUnderAnotherId_orCredentialReadableByOthers_isRefused() throws Exception {
        credential.save(dir);
        assertThatThrownBy(() -> DeviceTransport.decide("kiosk-2", dir, false))
                .hasMessageContaining("says device-id 'kiosk-2' but this device enrolled as 'kiosk-1'");

        Files.setPosixFilePermissions(DeviceCredential.file(dir), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> DeviceTransport.decide("kiosk-1", dir, false))
                .hasMessageContaining("must be owner-only");
    }
}
