package vn.kiosk06.server.store;

import java.time.Instant;
import java.util.Optional;
import vn.kiosk06.server.time.TimeQuality;

/**
 * One stored event's time as the device said it and as the server corrected it. Immutable.
 *
 * @param seq       the event's seq (≥ 1)
 * @param wallTime  the device's wall clock at the event, uncorrected
 * @param corrected the server-time instant, empty exactly when {@code quality} is {@link TimeQuality#UNKNOWN}
 * @param quality   how the corrected time was obtained
 */
public record StoredEventTime(long seq, Instant wallTime, Optional<Instant> corrected, TimeQuality quality) {

    public StoredEventTime {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be ≥ 1, was " + seq);
        }
        if (wallTime == null || corrected == null || quality == null) {
            throw new IllegalArgumentException("wallTime, corrected and quality must be set, were " + wallTime + ", "
                    + corrected + ", " + quality);
        }
        if (corrected.isPresent() == (quality == TimeQuality.UNKNOWN)) {
            throw new IllegalArgumentException("corrected must be present exactly when quality is not UNKNOWN, was "
                    + corrected + " with " + quality);
        }
    }
}
