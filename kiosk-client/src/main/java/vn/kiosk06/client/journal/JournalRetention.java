package vn.kiosk06.client.journal;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Purges acked events older than the retention period, a minute after start and then hourly, so a device that
 * runs for years keeps a bounded journal. Unacked events are never purged (see {@link Journal#purgeExpired()}).
 */
@Singleton
final class JournalRetention {

    private final Journal journal;

    JournalRetention(Journal journal) {
        this.journal = journal;
    }

    @Scheduled(initialDelay = "1m", fixedDelay = "1h")
    void purge() {
        journal.purgeExpired();
    }
}
