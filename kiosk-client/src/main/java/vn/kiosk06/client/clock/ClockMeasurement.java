package vn.kiosk06.client.clock;

import java.time.Duration;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.NtpTimes;

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
        NtpTimes.check(deviceSendTimeMs, serverReceiveTimeMs, serverTransmitTimeMs, deviceReceiveTimeMs);
    }

    /** Server time minus device time, exact to the half millisecond. */
    public Duration offset() {
        return NtpTimes.offset(deviceSendTimeMs, serverReceiveTimeMs, serverTransmitTimeMs, deviceReceiveTimeMs);
    }

    /** Network round trip, server processing excluded; never negative. */
    public Duration roundTrip() {
        return NtpTimes.roundTrip(deviceSendTimeMs, serverReceiveTimeMs, serverTransmitTimeMs, deviceReceiveTimeMs);
    }

    /** Half the round trip: the true offset lies within {@link #offset()} ± this. */
    public Duration uncertainty() {
        return roundTrip().dividedBy(2);
    }
}
