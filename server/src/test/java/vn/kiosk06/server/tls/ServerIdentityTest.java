package vn.kiosk06.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerIdentityTest {

    @TempDir
    Path dir;

    @Test
    void firstStart_generatesOwnerOnlyKey_andLaterStartsKeepTheSameCertificate() throws Exception {
        ServerIdentity first = ServerIdentity.load(dir, null, null);
        ServerIdentity again = ServerIdentity.load(dir, null, null);

        assertThat(again.fingerprintHex()).isEqualTo(first.fingerprintHex()).hasSize(64);
        for (String f : new String[] {"server.key", "server.p12", "keystore.pass"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls").resolve(f))))
                    .as(f).isEqualTo("rw-------");
        }
        assertThat(first.certificate().getSubjectAlternativeNames()).extracting(n -> String.valueOf(n.get(1))).contains("localhost", "127.0.0.1");
        assertThat(first.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void givenCertificateAndKey_areUsedAsIs() throws Exception {
        ServerIdentity made = ServerIdentity.load(dir.resolve("ca"), null, null);
        Path cert = dir.resolve("ca/tls/server.crt");
        Path key = dir.resolve("ca/tls/server.key");

        ServerIdentity given = ServerIdentity.load(dir.resolve("data"), cert, key);

        assertThat(given.fingerprintHex()).isEqualTo(made.fingerprintHex());
        assertThat(dir.resolve("data/tls/server.crt")).doesNotExist();
        assertThatThrownBy(() -> ServerIdentity.load(dir.resolve("data"), cert, null))
                .hasMessageContaining("must be given together");
        assertThatThrownBy(() -> ServerIdentity.load(dir.resolve("data"), cert, dir.resolve("missing.key")))
                .isInstanceOf(TlsException.class).hasMessageContaining("missing.key");
    }
}
