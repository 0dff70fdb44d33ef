package vn.kiosk06.bench.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.sync.SyncSettings;

class SimulatedDeviceTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceWhoseServerIsGone_countsEachFailedSyncUnderTheSecondItFailed() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", deadPort).usePlaintext().build();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        // Short deadlines and backoff so a few attempts fail within the test's time.
        SyncSettings settings = new SyncSettings(2_000, 4, 200, Duration.ofMillis(500), Duration.ofSeconds(5),
                Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofMillis(50), Duration.ofMillis(200));
        long fromSecond = System.currentTimeMillis() / 1000;
        try (SimulatedDevice device = SimulatedDevice.open("gone-1", 0, true, 5, dir, 1, SystemDeviceClock.start())) {
            device.journalBacklog();
            device.connect(new DeviceLink(channel, List.of()), settings, SystemDeviceClock.start());
            device.start(scheduler, 0);

            await().atMost(Duration.ofSeconds(30)).until(() -> device.errors() >= 3);
            device.stopSyncing();
            long toSecond = System.currentTimeMillis() / 1000;

            Map<Long, Long> bySecond = new TreeMap<>();
            device.addFailureTimes(bySecond);
            assertThat(bySecond.values().stream().mapToLong(Long::longValue).sum())
                    .as("every failed attempt under some second").isEqualTo(device.errors());
            assertThat(bySecond.keySet()).allSatisfy(second -> assertThat(second).isBetween(fromSecond, toSecond));
        } finally {
            scheduler.shutdownNow();
            channel.shutdownNow();
        }
    }
}
