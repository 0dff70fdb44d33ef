package vn.kiosk06.client.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.kiosk06.hardware.serial.SocatPair;

/** What a technician sees from {@code kiosk06-client hardware-check --config FILE} with a reader plugged in. */
class HardwareCheckCommandTest {

    @TempDir
    Path dir;

    @Test
    void aReaderThatOpens_andAPrinterThatIsNotThere_saysWhichIsWhich_andExits1() throws Exception {
        try (SocatPair pty = new SocatPair(dir)) {
            Path config = dir.resolve("client.yml");
            Files.writeString(config, """
                    device-id: kiosk-test-01
                    server: 127.0.0.1:1
                    data-dir: %s
                    gpio: off
                    qr-reader: %s
                    printer: %s
                    """.formatted(dir.resolve("data"), pty.devicePath(), dir.resolve("ttyPRINTER")));
            ByteArrayOutputStream out = new ByteArrayOutputStream();

            int code = new CommandLine(new HardwareCheckCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
                    .execute("--config", config.toString());

            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(code).isEqualTo(1);
            assertThat(printed).containsPattern("qr-reader .*" + pty.devicePath() + ".*OK \\(opens\\)")
                    .containsPattern("printer .*ttyPRINTER.*FAIL")
                    .contains("gpio", "OK (off by config)", "some devices FAIL");
        }
    }
}
