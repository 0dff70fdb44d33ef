package vn.kiosk06.client.journal;

import java.time.Duration;

/**
 * How the journal bounds itself.
 *
 * @param maxBytes   disk the journal may use; appends fail (nothing is dropped) when it is reached
 * @param retention  how long an acked event is kept on the device before it is purged
 * @param maxGroup   most appends that share one commit (one fsync)
 */
public record JournalSettings(long maxBytes, Duration retention, int maxGroup) {

    public JournalSettings {
        if (maxBytes < 1 << 20) {
            throw new IllegalArgumentException("journal max bytes must be ≥ 1 MiB, was " + maxBytes);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("journal retention must be ≥ 0, was " + retention);
        }
        if (maxGroup < 1) {
            throw new IllegalArgumentException("journal max group must be ≥ 1, was " + maxGroup);
        }
    }

    public static JournalSettings defaults() {
        return new JournalSettings(512L << 20, Duration.ofDays(7), 1024);
    }
}
