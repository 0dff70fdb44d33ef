package vn.kiosk06.client.clock;

import vn.kiosk06.wire.BootId;

/**
 * The device's two clocks and its boot: what an event is stamped with.
 *
 * <p>The wall clock may be anything (1970 on a Raspberry Pi after a power cut without network, days off
 * on a hand-set kiosk PC) and may be stepped at any moment; the monotonic clock never jumps and counts
 * from boot, so the server can place events of a boot relative to a clock measurement of the same boot.
 * Implementations are thread-safe.
 */
public interface DeviceClock {

    /** The wall clock, ms since the Unix epoch: evidence, not truth. */
    long wallTimeMillis();

    /** Monotonic time since boot, ns; never decreases within one {@link #bootId()}. */
    long monotonicNanos();

    /** The current boot; fixed for the life of the process. */
    BootId bootId();
}
