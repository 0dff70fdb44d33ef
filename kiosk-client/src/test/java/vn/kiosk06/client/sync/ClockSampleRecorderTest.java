package vn.kiosk06.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.clock.ClockAssessment;
import vn.kiosk06.client.clock.ClockQuality;
import vn.kiosk06.client.clock.ClockQualityPolicy;
import vn.kiosk06.client.clock.ClockTrust;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.clock.NtpSync;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.proto.sync.v1.ClockSample;

/** The sync worker's handshakes feed the device's clock verdict, over real gRPC against a fake aggregator. */
class ClockSampleRecorderTest {

    @TempDir
    Path dir;
    FakeSyncServer server;
    ManagedChannel channel;
    Journal journal;
    SyncWorker worker;

    private final DeviceClock deviceClock = SystemDeviceClock.start();
    // The OS says nothing about NTP here, so only the server's measurement can make the clock trusted.
    private final ClockQuality quality =
            new ClockQuality(deviceClock, () -> NtpSync.NOT_SYNCHRONIZED, ClockQualityPolicy.defaults());

    private SyncWorker workerAgainst(FakeSyncServer s) {
        server = s;
        channel = NettyChannelBuilder.forAddress("127.0.0.1", s.port()).usePlaintext().build();
        journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), deviceClock);
        SyncSettings settings = SyncSettings.defaults();
        worker = new SyncWorker("kiosk-pq-01", "0.1.0", journal, channel, settings, deviceClock, Clock.systemUTC(),
                new Backoff(settings.backoffBase(), settings.backoffCap(), new Random()));
        worker.onClockSample(new ClockSampleRecorder("kiosk-pq-01", quality));
        return worker;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
            journal.close();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
    }

    @Test
    void beforeAnySync_clockIsUntrusted_afterSyncingWithAServerOnTime_itIsTrusted() throws Exception {
        SyncWorker sync = workerAgainst(FakeSyncServer.start(Duration.ZERO));
        ClockAssessment before = quality.assess();

        sync.syncOnce();

        assertThat(before.trust()).isEqualTo(ClockTrust.UNTRUSTED);
        assertThat(before.reason()).contains("never checked");
        ClockAssessment after = quality.assess();
        assertThat(after.trust()).as(after.reason()).isEqualTo(ClockTrust.TRUSTED);
        assertThat(quality.latestMeasurement()).hasValueSatisfying(m ->
                assertThat(m.offset().abs()).isLessThan(Duration.ofSeconds(1)));
    }

    @Test
    void syncWithAServerThreeDaysAhead_clockIsUntrustedAsThreeDaysSlow() throws Exception {
        SyncWorker sync = workerAgainst(FakeSyncServer.start(Duration.ofDays(3)));

        sync.syncOnce();

        ClockAssessment after = quality.assess();
        assertThat(after.trust()).isEqualTo(ClockTrust.UNTRUSTED);
        assertThat(after.reason()).contains("3 days slow");
        assertThat(quality.latestMeasurement()).hasValueSatisfying(m ->
                assertThat(m.offset().minus(Duration.ofDays(3)).abs()).isLessThan(Duration.ofSeconds(1)));
    }

    @Test
    void inconsistentSample_isSkipped_andTheVerdictStands() {
        ClockSampleRecorder recorder = new ClockSampleRecorder("kiosk-pq-01", quality);
        long t0 = deviceClock.wallTimeMillis();
        ClockSample steppedBack = ClockSample.newBuilder()
                .setBootId(ByteString.copyFrom(deviceClock.bootId().toBytes()))
                .setMonotonicNanos(deviceClock.monotonicNanos())
                .setDeviceSendTimeMs(t0).setServerReceiveTimeMs(t0).setServerTransmitTimeMs(t0)
                .setDeviceReceiveTimeMs(t0 - 60_000)
                .build();

        recorder.accept(steppedBack);

        assertThat(quality.latestMeasurement()).isEmpty();
        assertThat(quality.assess().trust()).isEqualTo(ClockTrust.UNTRUSTED);
    }
}
