package vn.kiosk06.wire;

import java.time.Duration;

/**
 * The arithmetic of one NTP-style exchange (a {@code ClockSample}): t0 device send, t1 server receive, t2 server
 * transmit, t3 device receive, all ms since the epoch on their own clocks. The device judges its clock with it and
 * the server corrects event times with it, so both use this one definition. Stateless.
 */
public final class NtpTimes {

    private NtpTimes() {
    }

    /** Refuses an impossible exchange, naming the stamps: each clock must run forward, and t3 − t0 ≥ t2 − t1. */
    public static void check(long t0, long t1, long t2, long t3) {
        if (t3 < t0) {
            throw new IllegalArgumentException("t3 (deviceReceiveTimeMs) must be ≥ t0 (deviceSendTimeMs) " + t0
                    + ", was " + t3);
        }
        if (t2 < t1) {
            throw new IllegalArgumentException("t2 (serverTransmitTimeMs) must be ≥ t1 (serverReceiveTimeMs) " + t1
                    + ", was " + t2);
        }
        // The device's elapsed time must cover the server's processing time, else one of the four stamps is wrong
        // (or the device clock was stepped during the handshake).
        long roundTripMs = (t3 - t0) - (t2 - t1);
        if (roundTripMs < 0) {
            throw new IllegalArgumentException("round trip (t3 − t0) − (t2 − t1) must be ≥ 0 ms, was " + roundTripMs
                    + " ms (t0=" + t0 + ", t1=" + t1 + ", t2=" + t2 + ", t3=" + t3 + ")");
        }
    }

    /** Server time minus device time, exact to the half millisecond. */
    public static Duration offset(long t0, long t1, long t2, long t3) {
        try {
            // In longs when they fit (every real exchange): the server corrects each event with this, and
            // Duration.dividedBy goes through BigDecimal.
            return halfOfMillis(Math.addExact(Math.subtractExact(t1, t0), Math.subtractExact(t2, t3)));
        } catch (ArithmeticException overflow) {
            // Durations, not longs: a clock near the ends of the long range must not overflow.
            return offsetOfExtremes(t0, t1, t2, t3);
        }
    }

    private static Duration offsetOfExtremes(long t0, long t1, long t2, long t3) {
        Duration outbound = Duration.ofMillis(t1).minusMillis(t0);
        Duration inbound = Duration.ofMillis(t2).minusMillis(t3);
        return outbound.plus(inbound).dividedBy(2);
    }

    /** Network round trip, server processing excluded. */
    public static Duration roundTrip(long t0, long t1, long t2, long t3) {
        return Duration.ofMillis(t3 - t0).minusMillis(t2 - t1);
    }

    /** Exactly half of {@code ms} milliseconds (an odd count leaves half a millisecond), without BigDecimal. */
    public static Duration halfOfMillis(long ms) {
        return Duration.ofMillis(Math.floorDiv(ms, 2)).plusNanos(Math.floorMod(ms, 2) * 500_000L);
    }
}
