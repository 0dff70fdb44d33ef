package vn.kiosk06.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClientMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String extra) throws IOException {
        Path config = dir.resolve("client.yml");
        Files.writeString(config, """
                device-id: kiosk-test-01
                server: 127.0.0.1:1
                data-dir: %s
                gpio: off
                %s
                """.formatted(dir.resolve("data"), extra));
        return new CommandLine(new ClientMain(new PrintStream(err, true, StandardCharsets.UTF_8)))
                .execute("--config", config.toString());
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void call_citizenKeySecretMissing_printsOneLineNamingTheFile_andExitsNonZero() throws IOException {
        Path secret = dir.resolve("citizen-key.secret");

        int code = run("http-port: 0\ncitizen-key-secret-file: " + secret);

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).startsWith("kiosk06 client: citizen-key-secret-file " + secret + " does not exist")
                .doesNotContain("\tat ", "Exception").hasLineCount(1);
    }

    @Test
    void call_journalCannotBeOpened_printsOneLineNotAStackTrace_andExitsNonZero() throws IOException {
        Files.writeString(dir.resolve("data"), "a file where the data directory should be");

        int code = run("http-port: 0");

        assertThat(code).isEqualTo(1);
        assertThat(stderr()).startsWith("kiosk06 client: cannot open journal " + dir.resolve("data"))
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void call_readerNotPluggedIn_printsTheLineAndExits2() throws IOException {
        int code = run("qr-reader: " + dir.resolve("ttyACM0"));

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("line 5: qr-reader " + dir.resolve("ttyACM0") + " does not exist").hasLineCount(1);
    }

    @Test
    void call_httpPortInUse_printsOneLineNamingThePort_andExitsNonZero() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("http-port: " + taken.getLocalPort());

            assertThat(code).isEqualTo(1);
            assertThat(stderr()).startsWith("kiosk06 client: ").contains(String.valueOf(taken.getLocalPort()))
                    .doesNotContain("\tat ").hasLineCount(1);
        }
    }

    @Test
    void theJarsCommandTree_hasEnrollAndHardwareCheck_andHelpListsThem() {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        CommandLine tree = new CommandLine(new ClientMain());

        int code = tree.setOut(new java.io.PrintWriter(help, true, StandardCharsets.UTF_8)).execute("--help");

        assertThat(code).isZero();
        assertThat(tree.getSubcommands()).containsOnlyKeys("enroll", "hardware-check");
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("--config", "enroll", "hardware-check");
    }

    @Test
    void noConfigAndNoCommand_saysWhatToGive_andExits2() {
        int code = new CommandLine(new ClientMain(new PrintStream(err, true, StandardCharsets.UTF_8))).execute();

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).startsWith("kiosk06 client: --config FILE is required").contains("enroll", "hardware-check")
                .hasLineCount(1);
    }
}
