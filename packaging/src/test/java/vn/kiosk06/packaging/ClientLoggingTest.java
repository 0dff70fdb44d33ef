package vn.kiosk06.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.kiosk06.packaging.DebianPackagesTest.deb;
import static vn.kiosk06.packaging.DebianPackagesTest.run;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged device app logs as its config file says, with no logback.xml in the jar (logging is set up in code):
 * the chosen format on stdout, and logfmt lines in {@code log-dir}'s rotating file.
 */
class ClientLoggingTest {

    @TempDir
    Path tmp;

    @Test
    void packagedClient_logFormatJsonAndALogDir_writesJsonToStdoutAndLogfmtToTheFile() throws Exception {
        Path root = tmp.resolve("root");
        run("dpkg", "-x", deb("kiosk06-client").toString(), root.toString());
        Path jar = root.resolve("usr/share/kiosk06/kiosk06-client.jar");
        Path logs = tmp.resolve("logs");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path config = Files.writeString(tmp.resolve("client.yml"), String.join("\n", "device-id: log-test",
                "server: 127.0.0.1:" + closed, "data-dir: " + tmp.resolve("data"), "http-port: 0", "gpio: off",
                "insecure: true", "log-format: json", "log-dir: " + logs, ""));
        Path stdout = tmp.resolve("stdout.txt");
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--config", config.toString()).redirectErrorStream(true).redirectOutput(stdout.toFile()).start();
        try {
            // Insecure mode warns at start: the first line every format must carry.
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(logs.resolve("kiosk06-client.log")).content()
                        .contains("level=WARN logger=DeviceTransport thread=\"main\" msg=\"INSECURE development mode");
                assertThat(stdout).content().contains("\"level\":\"WARN\"",
                        "\"loggerName\":\"vn.kiosk06.client.enroll.DeviceTransport\"");
            });
        } finally {
            app.destroy();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
        assertThat(Files.readAllLines(stdout)).filteredOn(l -> l.startsWith("{")).allMatch(l -> l.endsWith("}"));
    }

}
