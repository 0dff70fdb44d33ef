package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;

class StorageWatchTest {

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));

    @Test
    void check_sendsAnHourlyHeartbeatWithFreeDisk_andAnExtraOneAsSoonAsTheDiskRunsLow() {
        // The hour counts on the monotonic clock: a wall clock set back or forward does not skip or repeat a beat.
        AtomicLong free = new AtomicLong(10L << 30);
        try (Journal journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock,
                JournalStorage.reporting(free::get), 0)) {
            StorageWatch watch = new StorageWatch(journal, "0.1.0", clock);

            watch.check();                       // all is well, within the first hour: none
            clock.advance(Duration.ofHours(1));
            watch.check();                       // hourly
            clock.advance(Duration.ofMinutes(5));
            watch.check();                       // nothing new: none
            free.set(100L << 20);                // below 4 × the 32 MiB reserve: LOW
            clock.advance(Duration.ofMinutes(5));
            watch.check();                       // worse: at once
            clock.advance(Duration.ofMinutes(5));
            watch.check();                       // still LOW, not yet an hour: none
            clock.advance(Duration.ofHours(1));
            watch.check();                       // hourly

            List<DeviceHeartbeat> beats = journal.readAfter(0, 100).stream().map(e -> e.parse().getHeartbeat()).toList();
            assertThat(beats).extracting(DeviceHeartbeat::getFreeDiskBytes)
                    .containsExactly(10L << 30, 100L << 20, 100L << 20);
            assertThat(beats).extracting(DeviceHeartbeat::getBacklog).containsExactly(0L, 1L, 2L);
            assertThat(journal.space().state()).isEqualTo(JournalSpace.State.LOW);
        }
    }
}
