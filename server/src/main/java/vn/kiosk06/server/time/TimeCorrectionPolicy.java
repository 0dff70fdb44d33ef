package vn.kiosk06.server.time;

import java.time.Duration;

/**
 * The tolerances {@link EventTimeCorrector} applies. Immutable and thread-safe; meant to be bound from
 * configuration by the server's wiring.
 *
 * @param futureTolerance how far after the server received an event its corrected time may lie and still
 *                        be believed (covers the server's own clock error and the measurement's
 *                        uncertainty), ≥ 0; default 5 minutes
 * @param stepTolerance   how far the device's wall clock and monotonic clock may disagree about the time
 *                        elapsed between an event and a measurement before the wall clock is taken to have
 *                        been stepped (set by NTP, by hand, or from the server) in between, ≥ 0. Both clocks
 *                        run from the same oscillator and NTP slews both, so only a step, or a slew still in
 *                        progress, makes them disagree; default 2 seconds
 * @param maxRoundTrip    the longest {@link vn.kiosk06.wire.ClockMeasurement#roundTrip()} a measurement may have and still be
 *                        used, &gt; 0: a longer one says little (± half of it), and usually means the device's
 *                        clock was stepped while the handshake was in flight; default 30 seconds
 * @param driftPpm        the worst oscillator error assumed, in parts per million, 0–10,000: the
 *                        uncertainty of a corrected time grows by this much of the monotonic distance
 *                        between the event and its measurement; default 100 (a cheap crystal, uncorrected)
 * @param offsetFloor     added to a measurement's uncertainty (half its round trip) when judging whether the
 *                        offset it measured is noise: for a device that says its OS clock is NTP-synchronised,
 *                        an offset within round trip / 2 + this floor is taken as zero. Covers the whole-ms
 *                        stamps t0..t3 (each cut to the millisecond, so an exact clock can measure up to ±1 ms)
 *                        and the server's own clock jitter, ≥ 0; default 2 ms
 */
public record TimeCorrectionPolicy(
        Duration futureTolerance, Duration stepTolerance, Duration maxRoundTrip, int driftPpm, Duration offsetFloor) {

    public TimeCorrectionPolicy {
        requireNonNegative("futureTolerance", futureTolerance);
        requireNonNegative("stepTolerance", stepTolerance);
        if (maxRoundTrip == null || maxRoundTrip.isNegative() || maxRoundTrip.isZero()) {
            throw new IllegalArgumentException("maxRoundTrip must be a duration > 0, was " + maxRoundTrip);
        }
        if (driftPpm < 0 || driftPpm > 10_000) {
            throw new IllegalArgumentException("driftPpm must be in 0..10000, was " + driftPpm);
        }
        requireNonNegative("offsetFloor", offsetFloor);
    }

    /** Future tolerance 5 minutes, step tolerance 2 seconds, max round trip 30 seconds, drift 100 ppm, floor 2 ms. */
    public static TimeCorrectionPolicy defaults() {
        return new TimeCorrectionPolicy(Duration.ofMinutes(5), Duration.ofSeconds(2), Duration.ofSeconds(30), 100,
                Duration.ofMillis(2));
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a duration ≥ 0, was " + value);
        }
    }
}
