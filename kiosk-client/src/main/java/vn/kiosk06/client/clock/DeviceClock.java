package vn.kiosk06.client.clock;

/**
 * The device's view of time, as evidence for the server: the wall clock (which may be wrong — a Raspberry Pi
 * has no battery-backed clock), a monotonic clock since boot, and the id of the current boot (monotonic time
 * is only comparable within one boot). Implementations are thread-safe.
 */
public interface DeviceClock {

    /** Wall-clock time, ms since the Unix epoch, as the device believes it. */
    long wallTimeMillis();

    /** Monotonic time since boot, ns; never goes backwards within one boot. */
    long monotonicNanos();

    /** The current boot's id, 16 bytes; a copy. */
    byte[] bootId();
}
