package vn.kiosk06.hardware.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.hardware.serial.SocatPair;

class HardwareCheckTest {
    @TempDir
    Path dir;

    @Test
    void check_presentReaderOpens_missingPrinterFails() {
        try (SocatPair pty = new SocatPair(dir)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            boolean ok = HardwareCheck.check(HardwareCheck.parse(new String[] {
                "--reader", "qr=" + pty.hostPath(), "--printer", dir.resolve("ttyNONE") + "@19200"}),
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertThat(ok).isFalse();
            assertThat(out).contains("qr reader").contains("OK (opens)");
            assertThat(out).contains("printer").contains("19200").contains("FAIL (printer unavailable: serial port");
        }
    }
}
