package vn.kiosk06.client.journal;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Optional;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.wire.ChainKey;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.config.ClientConfig;

/** Opens the device's journal from its configuration. */
@Factory
final class JournalBeans {

    @Singleton
    @Bean(preDestroy = "close")
    Journal journal(ClientConfig config, DeviceClock clock) {
        JournalSettings defaults = JournalSettings.defaults();
        // An enrolled device keys its chain with its credential; without one (insecure demo mode) it stays plain, and
        // the server shows that device's chain as plain.
        Optional<ChainKey> chainKey = DeviceCredential.load(config.dataDir()).map(c -> ChainKey.fromSecret(c.secret()));
        return Journal.open(config.journalFile(), new JournalSettings(config.journalMaxBytes(), config.retention(),
                defaults.maxGroup(), config.journalMinFreeBytes()), clock, chainKey);
    }
}
