package vn.kiosk06.client.clock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;

class SystemDeviceClockTest {

    @TempDir
    Path dir;

    private final AtomicLong nanoTime = new AtomicLong(987_654_321_000L);
    private final Clock wall = Clock.fixed(Instant.parse("1970-01-01T00:03:25Z"), ZoneOffset.UTC);
    private final AtomicInteger randomCalls = new AtomicInteger();
    private final Supplier<UUID> random = () -> {
        randomCalls.incrementAndGet();
        return UUID.fromString("00000000-0000-4000-8000-000000000042");
    };

    @Test
    void linux_bootIdFromTheKernel_monotonicCountsFromBootViaUptime() throws IOException {
        Path bootId = Files.writeString(dir.resolve("boot_id"), "6c1b3f0e-9a7d-4d2e-8f41-0b5e2c7a9d13\n");
        Path uptime = Files.writeString(dir.resolve("uptime"), "205.37 790.12\n");

        SystemDeviceClock clock = new SystemDeviceClock(bootId, uptime, wall, nanoTime::get, random);
        nanoTime.addAndGet(1_500_000_000L);

        assertThat(clock.bootId()).isEqualTo(BootId.parse("6c1b3f0e9a7d4d2e8f410b5e2c7a9d13"));
        assertThat(clock.tracksKernelBoot()).isTrue();
        assertThat(clock.monotonicNanos()).isEqualTo(206_870_000_000L);
        assertThat(clock.wallTimeMillis()).isEqualTo(205_000L);
        assertThat(randomCalls).hasValue(0);
    }

    @Test
    void noProc_bootIdIsRandomOncePerProcess_monotonicCountsFromStart() {
        SystemDeviceClock clock = new SystemDeviceClock(dir.resolve("absent"), dir.resolve("absent-too"),
                wall, nanoTime::get, random);
        nanoTime.addAndGet(42);

        assertThat(clock.bootId()).isEqualTo(BootId.parse("00000000000040008000000000000042"));
        assertThat(clock.bootId()).isEqualTo(clock.bootId());
        assertThat(randomCalls).hasValue(1);
        assertThat(clock.tracksKernelBoot()).isFalse();
        assertThat(clock.monotonicNanos()).isEqualTo(42);
    }

    @Test
    void bootIdWithoutReadableUptime_fallsBackToPerProcessForBoth() throws IOException {
        // A kernel boot id with a per-process monotonic base would let the server compare monotonic
        // times of two processes of one boot: wrong by the gap between their starts.
        Path bootId = Files.writeString(dir.resolve("boot_id"), "6c1b3f0e-9a7d-4d2e-8f41-0b5e2c7a9d13\n");
        Path uptime = Files.writeString(dir.resolve("uptime"), "garbage\n");

        SystemDeviceClock clock = new SystemDeviceClock(bootId, uptime, wall, nanoTime::get, random);

        assertThat(clock.tracksKernelBoot()).isFalse();
        assertThat(clock.bootId().hex()).isEqualTo("00000000000040008000000000000042");
        assertThat(clock.monotonicNanos()).isZero();
    }

    @Test
    void start_onThisMachine_givesAStableBootAndMonotonicTimeThatNeverGoesBack() {
        SystemDeviceClock clock = SystemDeviceClock.start();
        long first = clock.monotonicNanos();
        long second = clock.monotonicNanos();

        assertThat(second).isGreaterThanOrEqualTo(first).isNotNegative();
        if (clock.tracksKernelBoot()) {
            // A second start in the same boot (an app restart) keeps the boot id.
            assertThat(SystemDeviceClock.start().bootId()).isEqualTo(clock.bootId());
        } else {
            assertThat(SystemDeviceClock.start().bootId()).isNotEqualTo(clock.bootId());
        }
    }
}
