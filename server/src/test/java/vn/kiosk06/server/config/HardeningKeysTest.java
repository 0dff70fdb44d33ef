package vn.kiosk06.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.auth.ScrapeToken;

/** server.yml's connection-limit and scrape-token keys: mapped to their settings, bad values named with the line. */
class HardeningKeysTest {

    @TempDir
    Path dir;

    Path file(String yaml) throws Exception {
        return Files.writeString(dir.resolve("server.yml"), yaml);
    }

    @Test
    void connectionLimitsAndScrapeToken_becomeTheirSettings() throws Exception {
        String token = "0123456789abcdef0123456789abcdef";
        assertThat(ServerConfigFile.load(file("""
                max-connections-per-address: 64
                connection-handshake-timeout: 15s
                connection-idle-timeout: 3m
                prometheus-token: %s
                """.formatted(token))))
                .containsEntry("kiosk06.server.connections.max-per-address", 64)
                .containsEntry("kiosk06.server.connections.handshake-timeout", "15s")
                .containsEntry("kiosk06.server.connections.idle-timeout", "3m")
                .containsEntry(ScrapeToken.PROPERTY, token);
    }

    @Test
    void aShortToken_orNoConnectionsAllowed_isRefusedNamingTheLine_withoutEchoingTheToken() throws Exception {
        assertThatThrownBy(() -> ServerConfigFile.load(file("grpc-port: 7443\nprometheus-token: secret\n")))
                .isInstanceOf(ConfigFileException.class).hasMessageContaining("line 2")
                .hasMessageContaining("at least 24").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ServerConfigFile.load(file("max-connections-per-address: 0\n")))
                .isInstanceOf(ConfigFileException.class).hasMessageContaining("line 1").hasMessageContaining("≥ 1, was 0");
        assertThatThrownBy(() -> ServerConfigFile.load(file("connection-idle-timeout: soon\n")))
                .isInstanceOf(ConfigFileException.class).hasMessageContaining("connection-idle-timeout must be a duration");
    }
}
