package vn.kiosk06.server.seal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.admin.AdminCommand;

class SealingKeyCommandTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int admin(String... args) {
        return AdminCommand.run(new AdminCommand(System.in, null, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), args);
    }

    @Test
    void rotate_addsTheNextKeyAsCurrent_keepsTheOldOne_inAnOwnerOnlyFile() throws Exception {
        SealingKeyRing first = SealingKeyRing.loadOrCreate(dir.resolve("citizen-sealing-keys.properties"));

        assertThat(admin("sealing-key", "rotate", "--data-dir", dir.toString())).isZero();

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("key 2 is current; restart the server(s)").contains("key 1  public ")
                .contains("key 2 (current)  public ");
        SealingKeyRing ring = SealingKeyRing.load(dir.resolve("citizen-sealing-keys.properties"));
        assertThat(ring.ids()).containsExactly(1, 2);
        assertThat(ring.current().getKeyId()).isEqualTo(2);
        assertThat(ring.publicKey(1)).isEqualTo(first.current());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("citizen-sealing-keys.properties"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aKeyFileReadableByOthers_isRefused_namingTheFix() throws Exception {
        SealingKeyRing.loadOrCreate(dir.resolve("citizen-sealing-keys.properties"));
        Files.setPosixFilePermissions(dir.resolve("citizen-sealing-keys.properties"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(admin("sealing-key", "list", "--data-dir", dir.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("must be owner-only (chmod 600");
    }
}
