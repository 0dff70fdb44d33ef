package vn.kiosk06.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigFileTest {

    @TempDir
    Path dir;

    Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("server.yml"), yaml);
    }

    @Test
    void everyKey_becomesItsMicronautProperty() throws IOException {
        Map<String, Object> props = ServerConfigFile.load(write("""
                # comment lines are fine
                data-dir: /var/lib/kiosk06/server
                grpc-port: 7443
                http-port: 8080
                http-host: 0.0.0.0
                facility-name: Trung tâm Y tế
                fee-vnd: 50000
                departments:
                  - "NOI: Khám Nội"
                  - "NHI: Khám Nhi"
                silent-after: 6h
                log-format: logfmt
                log-dir: /var/log/kiosk06
                """));

        assertThat(props).containsEntry("kiosk06.server.data-dir", "/var/lib/kiosk06/server")
                .containsEntry("grpc.server.port", 7443)
                .containsEntry("micronaut.server.port", 8080)
                .containsEntry("micronaut.server.host", "0.0.0.0")
                .containsEntry("kiosk06.server.fee-vnd", 50000L)
                .containsEntry("kiosk06.server.departments", List.of("NOI: Khám Nội", "NHI: Khám Nhi"))
                .containsEntry("kiosk06.server.metrics.silent-after", "6h")
                .containsEntry("kiosk06.log.format", "logfmt");
    }

    @Test
    void sessionTimeouts_areDurations_passedToTheAuthConfig() throws IOException {
        assertThat(ServerConfigFile.load(write("session-idle-timeout: 15m\nsession-max-age: 8h\n")))
                .containsEntry("kiosk06.server.auth.session-idle-timeout", "15m")
                .containsEntry("kiosk06.server.auth.session-max-age", "8h");
        assertThatThrownBy(() -> ServerConfigFile.load(write("session-max-age: forever\n")))
                .hasMessageContaining("line 1: session-max-age must be a duration such as 30m, 6h or 2d, was 'forever'");
    }

    @Test
    void unknownKey_isRefusedNamingTheKeyItsLineAndTheKnownKeys() throws IOException {
        Path f = write("data-dir: /d\n\ngrcp-port: 7443\n");

        assertThatThrownBy(() -> ServerConfigFile.load(f)).isInstanceOf(ConfigFileException.class)
                .hasMessageStartingWith("config file " + f + " line 3: unknown key 'grcp-port'; known keys: citizen-key-file, clock-drift-ppm,")
                .hasMessageContaining("grpc-port");
    }

    @Test
    void badPort_isRefusedNamingTheLineAndTheRange() throws IOException {
        assertThatThrownBy(() -> ServerConfigFile.load(write("grpc-port: 7443\nhttp-port: 80800\n")))
                .hasMessageEndingWith("line 2: http-port must be 1–65535, was 80800");
        assertThatThrownBy(() -> ServerConfigFile.load(write("grpc-port: seven\n")))
                .hasMessageEndingWith("line 1: grpc-port must be a whole number, was 'seven'");
    }

    @Test
    void badValues_areRefusedWithWhatWasExpected() throws IOException {
        assertThatThrownBy(() -> ServerConfigFile.load(write("silent-after: soon\n")))
                .hasMessageContaining("line 1: silent-after must be a duration such as 30m, 6h or 2d, was 'soon'");
        assertThatThrownBy(() -> ServerConfigFile.load(write("departments:\n  - NOI Khám Nội\n")))
                .hasMessageContaining("line 2: a department must be CODE:Name");
        assertThatThrownBy(() -> ServerConfigFile.load(write("log-format: xml\n")))
                .hasMessageContaining("log-format must be plain, logfmt or json, was 'xml'");
        assertThatThrownBy(() -> ServerConfigFile.load(write("fee-vnd: 1\nfee-vnd: 2\n")))
                .hasMessageContaining("line 2: 'fee-vnd' is set twice");
        assertThatThrownBy(() -> ServerConfigFile.load(write("data-dir: [unclosed\n")))
                .hasMessageStartingWith("config file " + dir.resolve("server.yml") + " is not valid YAML");
    }

    @Test
    void db_takesAPostgresUrl_andRefusesAnythingElseWithoutEchoingThePassword() throws IOException {
        assertThat(ServerConfigFile.load(write("db: postgresql://kiosk06:secret@db.example.vn:5432/kiosk06\n")))
                .containsEntry("kiosk06.server.db", "postgresql://kiosk06:secret@db.example.vn:5432/kiosk06");
        assertThat(ServerConfigFile.load(write("db: jdbc:postgresql://db:5432/kiosk06?user=k\n")))
                .containsEntry("kiosk06.server.db", "jdbc:postgresql://db:5432/kiosk06?user=k");

        assertThatThrownBy(() -> ServerConfigFile.load(write("db: mysql://kiosk06:secret@db/kiosk06\n")))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("line 1: db: database must be postgresql://user:pass@host:port/db")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ServerConfigFile.load(write("db: postgresql://kiosk06:secret@db.example.vn\n")))
                .isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("needs a host and a database name")
                .hasMessageNotContaining("secret");
    }

    @Test
    void emptyFile_meansEveryDefault() throws IOException {
        assertThat(ServerConfigFile.load(write("# nothing set\n"))).isEmpty();
    }

    @Test
    void clockKeys_reachTheServersTimeCorrection() throws IOException {
        Map<String, Object> props = ServerConfigFile.load(write("""
                clock-offset-floor: 0ms
                clock-max-round-trip: 10s
                clock-step-tolerance: 1s
                clock-future-tolerance: 2m
                clock-drift-ppm: 50
                """));

        try (RunningServer server = new RunningServer(dir.resolve("data"), props)) {
            TimeCorrectionPolicy policy = server.bean(EventTimeCorrector.class).policy();
            assertThat(policy).isEqualTo(new TimeCorrectionPolicy(Duration.ofMinutes(2), Duration.ofSeconds(1),
                    Duration.ofSeconds(10), 50, Duration.ZERO));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badClockValues_areRefusedNamingTheKey() throws IOException {
        Path file = write("clock-max-round-trip: 0s\n");
        assertThatThrownBy(() -> ServerConfigFile.load(file)).hasMessageContaining("clock-max-round-trip must be a duration > 0");
        Path ppm = write("clock-drift-ppm: 20000\n");
        assertThatThrownBy(() -> ServerConfigFile.load(ppm)).hasMessageContaining("clock-drift-ppm must be 0–10000, was 20000");
    }
}
