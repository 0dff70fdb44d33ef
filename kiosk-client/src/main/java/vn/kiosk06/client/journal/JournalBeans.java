package vn.kiosk06.client.journal;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.config.ClientConfig;

/** Opens the device's journal from its configuration. */
@Factory
final class JournalBeans {

    @Singleton
    @Bean(preDestroy = "close")
    Journal journal(ClientConfig config, DeviceClock clock,
                    @Property(name = "kiosk06.client.journal-min-free-bytes",
                            defaultValue = "" + JournalSettings.DEFAULT_MIN_FREE_BYTES) long minFreeBytes) {
        JournalSettings defaults = JournalSettings.defaults();
        return Journal.open(config.journalFile(), new JournalSettings(config.journalMaxBytes(), config.retention(),
                defaults.maxGroup(), minFreeBytes), clock);
    }
}
