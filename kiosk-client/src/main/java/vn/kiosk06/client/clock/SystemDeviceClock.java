package vn.kiosk06.client.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import vn.kiosk06.wire.BootId;

/**
 * The real clocks of the machine the app runs on.
 *
 * <p><b>Boot id.</b> On Linux, the kernel's {@code /proc/sys/kernel/random/boot_id}, which changes at every
 * boot, so a restart of the app within one boot keeps the boot id. Elsewhere (a Windows kiosk PC, a
 * container without {@code /proc}) a random UUID generated once, when this object is created: there every
 * start of the app counts as a new boot. That is deliberately conservative: the server then never
 * compares monotonic times across two processes, which it could not do safely.
 *
 * <p><b>Monotonic time.</b> {@link System#nanoTime()} has an arbitrary origin that differs between
 * processes, so it is made relative to a base taken at start: on Linux that base is the uptime read from
 * {@code /proc/uptime} (CLOCK_BOOTTIME, 10 ms resolution), making the value time since boot and comparable
 * across app restarts within one boot (to within about 10 ms); elsewhere the base is zero at process start,
 * which is consistent because the boot id is per process there too. The kernel boot id is only used
 * when the uptime can be read as well, so the two always share one scope. A suspend while the app runs is
 * not counted ({@code nanoTime} is CLOCK_MONOTONIC); kiosks and handhelds in service do not suspend.
 *
 * <p>Create one per process, at start. Thread-safe: all state is final.
 */
public final class SystemDeviceClock implements DeviceClock {

    private static final Path KERNEL_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final Path UPTIME = Path.of("/proc/uptime");

    private final Clock wall;
    private final LongSupplier nanoTime;
    private final BootId bootId;
    private final boolean kernelBoot;
    private final long sinceBootAtBase;
    private final long baseNanoTime;

    SystemDeviceClock(Path bootIdFile, Path uptimeFile, Clock wall, LongSupplier nanoTime, Supplier<UUID> randomUuid) {
        this.wall = wall;
        this.nanoTime = nanoTime;
        Optional<BootId> kernelBootId = readBootId(bootIdFile);
        Optional<Long> uptimeNanos = readUptimeNanos(uptimeFile);
        this.baseNanoTime = nanoTime.getAsLong();
        this.kernelBoot = kernelBootId.isPresent() && uptimeNanos.isPresent();
        this.bootId = kernelBoot ? kernelBootId.orElseThrow() : BootId.of(randomUuid.get());
        this.sinceBootAtBase = kernelBoot ? uptimeNanos.orElseThrow() : 0;
    }

    /** The machine's clocks, with the boot id and monotonic base read now. */
    public static SystemDeviceClock start() {
        return new SystemDeviceClock(KERNEL_BOOT_ID, UPTIME, Clock.systemUTC(), System::nanoTime, UUID::randomUUID);
    }

    @Override
    public long wallTimeMillis() {
        return wall.millis();
    }

    @Override
    public long monotonicNanos() {
        return sinceBootAtBase + (nanoTime.getAsLong() - baseNanoTime);
    }

    @Override
    public BootId bootId() {
        return bootId;
    }

    /**
     * Whether the boot id and monotonic time come from the kernel (true) or are per process start (false),
     * for the device's diagnostics page.
     */
    public boolean tracksKernelBoot() {
        return kernelBoot;
    }

    private static Optional<BootId> readBootId(Path file) {
        return readFirstLine(file).flatMap(line -> {
            try {
                return Optional.of(BootId.parse(line));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        });
    }

    /** {@code /proc/uptime} reads "12345.67 54321.00": seconds since boot, then idle seconds. */
    private static Optional<Long> readUptimeNanos(Path file) {
        return readFirstLine(file).flatMap(line -> {
            String[] fields = line.strip().split("\\s+");
            String[] parts = fields[0].split("\\.", -1);
            try {
                long seconds = Long.parseLong(parts[0]);
                long nanos = 0;
                if (parts.length == 2 && !parts[1].isEmpty() && parts[1].length() <= 9) {
                    nanos = Long.parseLong((parts[1] + "000000000").substring(0, 9));
                } else if (parts.length != 1) {
                    return Optional.empty();
                }
                return seconds < 0 ? Optional.empty() : Optional.of(seconds * 1_000_000_000L + nanos);
            } catch (NumberFormatException malformed) {
                return Optional.empty();
            }
        });
    }

    private static Optional<String> readFirstLine(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            return text.isBlank() ? Optional.empty() : Optional.of(text.lines().findFirst().orElse(""));
        } catch (IOException e) {
            // An unreadable /proc entry means "not Linux-like here": fall back, never fail the app's start.
            return Optional.empty();
        }
    }
}
