package vn.kiosk06.client.journal;

import java.time.Duration;

/**
 * How the journal bounds itself.
 *
 * @param maxBytes     disk the journal may use; appends fail (nothing is dropped) when it is reached
 * @param retention    how long an acked event is kept on the device before it is purged
 * @param maxGroup     most appends that share one commit (one fsync)
 * @param minFreeBytes free disk kept for the OS and its logs: below it, appends fail (nothing is dropped); the device
 *                     warns below {@link #warnFreeBytes()}
 */
public record JournalSettings(long maxBytes, Duration retention, int maxGroup, long minFreeBytes) {

    /** The reserve when the configuration does not say: room for the OS, its logs and the journal's own log. */
    public static final long DEFAULT_MIN_FREE_BYTES = 32L << 20;

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
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("journal min free bytes must be ≥ 0, was " + minFreeBytes);
        }
    }

    public JournalSettings(long maxBytes, Duration retention, int maxGroup) {
        this(maxBytes, retention, maxGroup, DEFAULT_MIN_FREE_BYTES);
    }

    public static JournalSettings defaults() {
        return new JournalSettings(512L << 20, Duration.ofDays(7), 1024);
    }

    /**
     * Below this much free disk the device warns (status page, heartbeat): four times the reserve, so a technician
     * hears of it days before appends are refused.
     */
    public long warnFreeBytes() {
        return 4 * minFreeBytes;
    }

    /** The journal's own use, as a share of its limit, from which the device warns. */
    public static final int WARN_PERCENT = 80;
}
