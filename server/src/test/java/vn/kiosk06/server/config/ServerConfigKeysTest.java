package vn.kiosk06.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.kiosk06.configkeys.ConfigRecords;
import vn.kiosk06.configkeys.FileKeys;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.auth.ScrapeToken;

/** The aggregator's config file offers every component of its configuration records, and nothing else but the declared. */
class ServerConfigKeysTest {

    @Test
    void serverConfigFile_everyComponentOfEveryConfigRecord_isAKey_unlessDeclaredNotInTheFile() {
        assertThat(ServerConfigFile.KEYS.uncovered(ConfigRecords.besides(ServerConfig.class)))
                .as("record components without a config key").isEmpty();
        assertThat(ConfigRecords.besides(ServerConfig.class)).contains(ServerConfig.class);
    }

    @Test
    void serverConfigFile_everyKey_setsAComponent_orAPropertyNoRecordHolds() {
        FileKeys keys = ServerConfigFile.KEYS;

        keys.propertyByKey().forEach((key, property) -> {
            if (!keys.recordProperties().containsKey(property)) {
                assertThat(property).as(key).isIn("grpc.server.port", "micronaut.server.port", "micronaut.server.host",
                        "kiosk06.log.format", "kiosk06.log.dir", "kiosk06.server.tls.cert", "kiosk06.server.tls.key",
                        ScrapeToken.PROPERTY);
            }
        });
        assertThat(keys.propertyByKey()).containsEntry("data-dir", "kiosk06.server.data-dir")
                .containsEntry("clock-drift-ppm", "kiosk06.server.time.drift-ppm")
                .containsEntry("max-connections-per-address", "kiosk06.server.connections.max-per-address")
                .containsEntry("connection-idle-timeout", "kiosk06.server.connections.idle-timeout")
                .containsEntry("session-max-age", "kiosk06.server.auth.session-max-age")
                .containsEntry("silent-after", "kiosk06.server.metrics.silent-after")
                .containsEntry("citizen-key-file", "kiosk06.server.citizen-key-file")
                .containsEntry("insecure", "kiosk06.server.insecure");
    }
}
