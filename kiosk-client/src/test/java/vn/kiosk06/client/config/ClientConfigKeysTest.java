package vn.kiosk06.client.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.kiosk06.configkeys.ConfigRecords;
import vn.kiosk06.configkeys.FileKeys;

/** The device app's config file offers every component of its configuration records, and nothing else but the declared. */
class ClientConfigKeysTest {

    @Test
    void clientConfigFile_everyComponentOfEveryConfigRecord_isAKey_unlessDeclaredNotInTheFile() {
        FileKeys keys = ClientConfigFile.KEYS;

        assertThat(keys.uncovered(ConfigRecords.besides(ClientConfig.class))).as("record components without a config key")
                .isEmpty();
        assertThat(ConfigRecords.besides(ClientConfig.class)).contains(ClientConfig.class);
        assertThat(ClientConfigFile.keys()).isEqualTo(keys.keys());
    }

    @Test
    void clientConfigFile_everyKey_setsAComponent_orAPropertyNoRecordHolds() {
        FileKeys keys = ClientConfigFile.KEYS;

        keys.propertyByKey().forEach((key, property) -> {
            if (!keys.recordProperties().containsKey(property)) {
                assertThat(property).as(key).isIn("micronaut.server.port", "kiosk06.log.format", "kiosk06.log.dir");
            }
        });
        assertThat(keys.propertyByKey()).containsEntry("journal-max-mb", "kiosk06.client.journal-max-bytes")
                .containsEntry("journal-min-free-mb", "kiosk06.client.journal-min-free-bytes")
                .containsEntry("insecure", "kiosk06.client.insecure")
                .containsEntry("device-id", "kiosk06.client.device-id");
    }
}
