package vn.kiosk06.server.time;

import java.time.Instant;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

/**
 * The time evidence an event carries, as the device journaled it: its wall clock, its boot and its
 * monotonic clock since that boot (the {@code wall_time_ms}, {@code boot_id} and {@code monotonic_nanos}
 * of an {@code Event}, plus the batch's device id). Immutable and thread-safe.
 *
 * @param deviceId       the device the event belongs to, 1–64 chars of [A-Za-z0-9._-]
 * @param bootId         the boot the event happened in
 * @param wallTimeMs     the device's wall clock, ms since the Unix epoch; any value (it is evidence only)
 * @param monotonicNanos the device's monotonic clock, ns since boot, ≥ 0
 */
public record DeviceEventTime(String deviceId, BootId bootId, long wallTimeMs, long monotonicNanos) {

    public DeviceEventTime {
        ClockMeasurement.requireDeviceId(deviceId);
        if (bootId == null) {
            throw new IllegalArgumentException("bootId must be set, was null");
        }
        if (monotonicNanos < 0) {
            throw new IllegalArgumentException("monotonicNanos must be ≥ 0, was " + monotonicNanos);
        }
    }

    /** The device's wall clock as an instant, uncorrected. */
    public Instant wallTime() {
        return Instant.ofEpochMilli(wallTimeMs);
    }
}
