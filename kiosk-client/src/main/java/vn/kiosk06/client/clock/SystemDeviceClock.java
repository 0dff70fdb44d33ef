package vn.kiosk06.client.clock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The real device clock. On Linux the boot id is the kernel's ({@code /proc/sys/kernel/random/boot_id}) and
 * monotonic time is anchored on {@code /proc/uptime} at start, so it counts from boot and two processes of one
 * boot agree. Elsewhere the boot id is a random id made at process start: a restart then looks like a reboot,
 * which errs on the safe side (events are never anchored across it).
 */
public final class SystemDeviceClock implements DeviceClock {

    private final byte[] bootId;
    private final long uptimeAtStartNanos;
    private final long nanoTimeAtStart;

    public SystemDeviceClock() {
        this.nanoTimeAtStart = System.nanoTime();
        this.bootId = readBootId();
        this.uptimeAtStartNanos = readUptimeNanos();
    }

    @Override
    public long wallTimeMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public long monotonicNanos() {
        return uptimeAtStartNanos + (System.nanoTime() - nanoTimeAtStart);
    }

    @Override
    public byte[] bootId() {
        return bootId.clone();
    }

    private static byte[] readBootId() {
        UUID id;
        try {
            id = UUID.fromString(Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim());
        } catch (IOException | IllegalArgumentException e) {
            id = UUID.randomUUID();
        }
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    private static long readUptimeNanos() {
        try {
            String first = Files.readString(Path.of("/proc/uptime"), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
            return (long) (Double.parseDouble(first) * 1_000_000_000L);
        } catch (IOException | RuntimeException e) {
            return 0L;
        }
    }
}
