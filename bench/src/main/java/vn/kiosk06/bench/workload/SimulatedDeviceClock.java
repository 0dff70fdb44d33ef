package vn.kiosk06.bench.workload;

import java.util.HexFormat;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * A device clock that reads whatever it was last set to: lets a journal stamp replayed events with the wall time,
 * boot and monotonic time they were generated with, so the journal holds exactly what {@link EventMix} produced.
 * For one filling thread: {@link #showing} and the journal's stamping must happen on the same thread.
 */
public final class SimulatedDeviceClock implements DeviceClock {

    private volatile long wallMs;
    private volatile long monoNs;
    private volatile BootId bootId = new BootId("00000000000000000000000000000001");
    private byte[] bootBytes = bootId.toBytes();

    /** Sets the clocks to the envelope of {@code event}; returns the event's content for {@code appendAsync}. */
    public Event showing(Event event) {
        byte[] boot = event.getBootId().toByteArray();
        if (!java.util.Arrays.equals(boot, bootBytes)) {
            bootBytes = boot;
            bootId = new BootId(HexFormat.of().formatHex(boot));
        }
        wallMs = event.getWallTimeMs();
        monoNs = event.getMonotonicNanos();
        return EventMix.content(event);
    }

    @Override
    public long wallTimeMillis() {
        return wallMs;
    }

    @Override
    public long monotonicNanos() {
        return monoNs;
    }

    @Override
    public BootId bootId() {
        return bootId;
    }
}
