package vn.kiosk06.client.clock;

import java.time.Duration;

/**
 * One NTP-style measurement of this device's clock against the server, taken at a sync handshake and
 * sent in the next upload as a {@code ClockSample}.
 *
 * <p>{@link #offset()} = ((t1 − t0) + (t2 − t3)) / 2 is what to add to the device's wall clock to get
 * server time (negative: the device is fast); {@link #roundTrip()} = (t3 − t0) − (t2 − t1); the true offset
 * lies within offset ± {@link #uncertainty()} (half the round trip). t0 and t3 are device wall clock, t1 and
 * t2 server wall clock, all ms since the Unix epoch. Immutable and thread-safe.
 *
 * @param bootId               the boot the measurement was taken in
 * @param monotonicNanosAtSend device monotonic time at t0, ns since boot, ≥ 0
 * @param deviceSendTimeMs     t0
 * @param serverReceiveTimeMs  t1
 * @param serverTransmitTimeMs t2, ≥ t1
 * @param deviceReceiveTimeMs  t3, ≥ t0
 */
public record ClockMeasurement(
        BootId bootId,
        long monotonicNanosAtSend,
        long deviceSendTimeMs,
        long serverReceiveTimeMs,
        long serverTransmitTimeMs,
        long deviceReceiveTimeMs) {

    public ClockMeasurement {
        if (bootId == null) {
            throw new IllegalArgumentException("bootId must be set, was null");
        }
        if (monotonicNanosAtSend < 0) {
            throw new IllegalArgumentException("monotonicNanosAtSend must be ≥ 0, was " + monotonicNanosAtSend);
        }
        if (deviceReceiveTimeMs < deviceSendTimeMs) {
            throw new IllegalArgumentException("t3 (deviceReceiveTimeMs) must be ≥ t0 (deviceSendTimeMs) "
                    + deviceSendTimeMs + ", was " + deviceReceiveTimeMs);
        }
        if (serverTransmitTimeMs < serverReceiveTimeMs) {
            throw new IllegalArgumentException("t2 (serverTransmitTimeMs) must be ≥ t1 (serverReceiveTimeMs) "
                    + serverReceiveTimeMs + ", was " + serverTransmitTimeMs);
        }
        long roundTripMs = (deviceReceiveTimeMs - deviceSendTimeMs) - (serverTransmitTimeMs - serverReceiveTimeMs);
        if (roundTripMs < 0) {
            throw new IllegalArgumentException("round trip (t3 − t0) − (t2 − t1) must be ≥ 0 ms, was "
                    + roundTripMs + " ms (t0=" + deviceSendTimeMs + ", t1=" + serverReceiveTimeMs
                    + ", t2=" + serverTransmitTimeMs + ", t3=" + deviceReceiveTimeMs + ")");
        }
    }

    /** Server time minus device time, exact to the half millisecond. */
    public Duration offset() {
        // Durations, not longs: a 1970 device clock against today's server must not overflow.
        Duration outbound = Duration.ofMillis(serverReceiveTimeMs).minusMillis(deviceSendTimeMs);
        Duration inbound = Duration.ofMillis(serverTransmitTimeMs).minusMillis(deviceReceiveTimeMs);
        return outbound.plus(inbound).dividedBy(2);
    }

    /** Network round trip, server processing excluded; never negative. */
    public Duration roundTrip() {
        return Duration.ofMillis(deviceReceiveTimeMs - deviceSendTimeMs)
                .minusMillis(serverTransmitTimeMs - serverReceiveTimeMs);
    }

    /** Half the round trip: the true offset lies within {@link #offset()} ± this. */
    public Duration uncertainty() {
        return roundTrip().dividedBy(2);
    }
}
