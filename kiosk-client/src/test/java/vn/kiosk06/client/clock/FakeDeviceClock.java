package vn.kiosk06.client.clock;

import java.time.Duration;
import vn.kiosk06.wire.BootId;

/**
 * A device clock tests drive by hand: time passes only by {@link #advance}, the wall clock can be stepped
 * and the device rebooted. Thread-safe (synchronised), so concurrency tests may share one.
 */
public final class FakeDeviceClock implements DeviceClock {

    private BootId bootId;
    private long wallNanos;
    private long monotonicNanos;

    public FakeDeviceClock(BootId bootId, long wallTimeMillis, Duration sinceBoot) {
        this.bootId = bootId;
        this.wallNanos = wallTimeMillis * 1_000_000;
        this.monotonicNanos = sinceBoot.toNanos();
    }

    /** Both clocks advance, as real time passes. */
    public synchronized FakeDeviceClock advance(Duration d) {
        wallNanos += d.toNanos();
        monotonicNanos += d.toNanos();
        return this;
    }

    /** The wall clock is set (by NTP or by hand); monotonic time does not notice. */
    public synchronized FakeDeviceClock setWall(long wallTimeMillis) {
        wallNanos = wallTimeMillis * 1_000_000;
        return this;
    }

    /** A new boot: new id, monotonic time from zero, the wall clock wherever the hardware puts it. */
    public synchronized FakeDeviceClock reboot(BootId newBoot, long wallTimeMillis) {
        bootId = newBoot;
        wallNanos = wallTimeMillis * 1_000_000;
        monotonicNanos = 0;
        return this;
    }

    @Override
    public synchronized long wallTimeMillis() {
        return Math.floorDiv(wallNanos, 1_000_000);
    }

    @Override
    public synchronized long monotonicNanos() {
        return monotonicNanos;
    }

    @Override
    public synchronized BootId bootId() {
        return bootId;
    }
}
