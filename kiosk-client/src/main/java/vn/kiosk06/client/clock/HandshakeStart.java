package vn.kiosk06.client.clock;

import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

/**
 * The device's half of a clock measurement, read just before a handshake is sent: its boot, monotonic
 * time and wall time (t0). The sync worker puts these in the {@code HandshakeRequest} and, when the answer
 * arrives, {@link #complete completes} them with the server's t1, t2 and the device's t3. Immutable and
 * thread-safe.
 *
 * @param deviceId         this device's id, 1–64 chars of [A-Za-z0-9._-]
 * @param bootId           the boot the handshake is sent in
 * @param monotonicNanos   device monotonic time at t0, ≥ 0
 * @param deviceSendTimeMs t0, device wall clock
 */
public record HandshakeStart(String deviceId, BootId bootId, long monotonicNanos, long deviceSendTimeMs) {

    public HandshakeStart {
        ClockMeasurement.requireDeviceId(deviceId);
        if (bootId == null) {
            throw new IllegalArgumentException("bootId must be set, was null");
        }
        if (monotonicNanos < 0) {
            throw new IllegalArgumentException("monotonicNanos must be ≥ 0, was " + monotonicNanos);
        }
    }

    /** Reads the device's clocks now; call right before sending the handshake of device {@code deviceId}. */
    public static HandshakeStart now(String deviceId, DeviceClock clock) {
        // Monotonic first: it anchors the measurement, and reading it cannot be disturbed by a clock step.
        long monotonic = clock.monotonicNanos();
        return new HandshakeStart(deviceId, clock.bootId(), monotonic, clock.wallTimeMillis());
    }

    /**
     * The finished measurement, not marked OS-synchronised (the device's verdict does not depend on that mark).
     *
     * @throws IllegalArgumentException if the four timestamps are inconsistent (see {@link ClockMeasurement}),
     *                                  e.g. the device clock was stepped back while the handshake was in flight
     */
    public ClockMeasurement complete(long serverReceiveTimeMs, long serverTransmitTimeMs, long deviceReceiveTimeMs) {
        return new ClockMeasurement(deviceId, bootId, monotonicNanos, deviceSendTimeMs,
                serverReceiveTimeMs, serverTransmitTimeMs, deviceReceiveTimeMs);
    }
}
