package vn.kiosk06.wire;

import java.time.Duration;
import java.time.Instant;

/**
 * One NTP-style measurement of a device's clock, taken at a sync handshake: what a {@code ClockSample} carries,
 * with the device it belongs to. The device judges its own clock by it ({@code client.clock.ClockQuality}); the
 * server corrects event times by it ({@code server.time.EventTimeCorrector}).
 *
 * <p>The device stamps the request with its wall clock (t0) and its monotonic clock; the server stamps
 * arrival (t1) and departure (t2) of its answer; the device stamps arrival of the answer (t3). Assuming
 * the network delay is the same both ways:
 * <ul>
 *   <li>{@link #offset()} = ((t1 − t0) + (t2 − t3)) / 2 — what to add to the device's wall clock to get
 *       server time (positive: the device is slow; negative: the device is fast);</li>
 *   <li>{@link #roundTrip()} = (t3 − t0) − (t2 − t1) — time on the network, server processing excluded;</li>
 *   <li>{@link #uncertainty()} = round trip / 2 — the true offset lies within offset ± uncertainty
 *       whatever the asymmetry of the two network legs.</li>
 * </ul>
 * All four timestamps are milliseconds since the Unix epoch; t0 and t3 come from the device's clock, so
 * they may be anywhere (1970 on a Raspberry Pi without a real-time clock). Immutable and thread-safe.
 *
 * @param deviceId              the device the measurement belongs to, 1–64 chars of [A-Za-z0-9._-]
 * @param bootId                the boot the measurement was taken in
 * @param monotonicNanosAtSend  the device's monotonic clock at t0, ns since boot, ≥ 0
 * @param deviceSendTimeMs      t0: device wall clock when the handshake was sent
 * @param serverReceiveTimeMs   t1: server wall clock when the handshake arrived
 * @param serverTransmitTimeMs  t2: server wall clock when the answer left, ≥ t1
 * @param deviceReceiveTimeMs   t3: device wall clock when the answer arrived, ≥ t0
 * @param osClockSynchronized   whether the device's OS said its clock was NTP-synchronised at the handshake
 */
public record ClockMeasurement(
        String deviceId,
        BootId bootId,
        long monotonicNanosAtSend,
        long deviceSendTimeMs,
        long serverReceiveTimeMs,
        long serverTransmitTimeMs,
        long deviceReceiveTimeMs,
        boolean osClockSynchronized) {

    public ClockMeasurement {
        requireDeviceId(deviceId);
        if (bootId == null) {
            throw new IllegalArgumentException("bootId must be set, was null");
        }
        if (monotonicNanosAtSend < 0) {
            throw new IllegalArgumentException(
                    "monotonicNanosAtSend must be ≥ 0, was " + monotonicNanosAtSend);
        }
        NtpTimes.check(deviceSendTimeMs, serverReceiveTimeMs, serverTransmitTimeMs, deviceReceiveTimeMs);
    }

    /** A measurement of a device that did not say its clock was OS-synchronised (the offset is applied as measured). */
    public ClockMeasurement(String deviceId, BootId bootId, long monotonicNanosAtSend, long deviceSendTimeMs,
                            long serverReceiveTimeMs, long serverTransmitTimeMs, long deviceReceiveTimeMs) {
        this(deviceId, bootId, monotonicNanosAtSend, deviceSendTimeMs, serverReceiveTimeMs, serverTransmitTimeMs,
                deviceReceiveTimeMs, false);
    }

    /**
     * Refuses a device id that is not 1–64 chars of [A-Za-z0-9._-], naming it; shared with the server's
     * {@code DeviceEventTime}, so an event and a measurement accept the same ids.
     */
    public static void requireDeviceId(String deviceId) {
        if (!isDeviceId(deviceId)) {
            throw new IllegalArgumentException("deviceId must be 1–64 chars of [A-Za-z0-9._-], was "
                    + (deviceId == null ? "null" : "\"" + deviceId + "\""));
        }
    }

    /** 1–64 chars of [A-Za-z0-9._-]; a loop, not a regex: it runs for every event ingested (DeviceEventTime). */
    private static boolean isDeviceId(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Server time minus device time: add it to a device wall time of this boot (while the device's clock
     * has not been stepped) to get server time. Exact to the half millisecond.
     */
    public Duration offset() {
        return NtpTimes.offset(deviceSendTimeMs, serverReceiveTimeMs, serverTransmitTimeMs, deviceReceiveTimeMs);
    }

    /** Network round trip, server processing excluded; never negative. */
    public Duration roundTrip() {
        return NtpTimes.roundTrip(deviceSendTimeMs, serverReceiveTimeMs, serverTransmitTimeMs, deviceReceiveTimeMs);
    }

    /** Half the round trip: the true offset lies within {@link #offset()} ± this. */
    public Duration uncertainty() {
        try {
            // Per event ingested (the corrector's error bound): longs, not Duration.dividedBy's BigDecimal.
            return NtpTimes.halfOfMillis(Math.subtractExact(deviceReceiveTimeMs - deviceSendTimeMs,
                    serverTransmitTimeMs - serverReceiveTimeMs));
        } catch (ArithmeticException overflow) {
            return roundTrip().dividedBy(2);
        }
    }

    /**
     * Best estimate of server time at the instant the device sent the handshake (t0 + offset), i.e. at
     * device monotonic time {@link #monotonicNanosAtSend()}: the anchor for monotonic correction.
     */
    public Instant serverTimeAtSend() {
        return Instant.ofEpochMilli(deviceSendTimeMs).plus(offset());
    }
}
