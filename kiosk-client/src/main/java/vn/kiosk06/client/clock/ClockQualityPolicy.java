package vn.kiosk06.client.clock;

import java.time.Duration;

/**
 * When {@link ClockQuality} trusts the device's clock. Immutable and thread-safe.
 *
 * @param maxMeasurementAge how long a measurement against the server counts, on the monotonic clock,
 *                          &gt; 0; default 12 hours (an undisciplined crystal at 100 ppm drifts ~4 s in that time)
 * @param maxTrustedOffset  the largest |offset| from the server still trusted, ≥ 0; default 5 seconds
 * @param stepTolerance     how far wall and monotonic time may disagree since a measurement before the wall
 *                          clock counts as changed (and the measurement as void), ≥ 0; default 2 seconds
 */
public record ClockQualityPolicy(Duration maxMeasurementAge, Duration maxTrustedOffset, Duration stepTolerance) {

    public ClockQualityPolicy {
        if (maxMeasurementAge == null || maxMeasurementAge.isNegative() || maxMeasurementAge.isZero()) {
            throw new IllegalArgumentException("maxMeasurementAge must be a duration > 0, was " + maxMeasurementAge);
        }
        if (maxTrustedOffset == null || maxTrustedOffset.isNegative()) {
            throw new IllegalArgumentException("maxTrustedOffset must be a duration ≥ 0, was " + maxTrustedOffset);
        }
        if (stepTolerance == null || stepTolerance.isNegative()) {
            throw new IllegalArgumentException("stepTolerance must be a duration ≥ 0, was " + stepTolerance);
        }
    }

    /** 12 hours, 5 seconds, 2 seconds. */
    public static ClockQualityPolicy defaults() {
        return new ClockQualityPolicy(Duration.ofHours(12), Duration.ofSeconds(5), Duration.ofSeconds(2));
    }
}
