package vn.kiosk06.client.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

class ClockQualityTest {

    private static final String DEVICE = "kiosk-pq-01";
    private static final BootId BOOT = BootId.parse("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    private static final long TODAY = Instant.parse("2026-03-10T02:00:00Z").toEpochMilli();

    private final AtomicReference<NtpSync> os = new AtomicReference<>(NtpSync.UNKNOWN);

    private ClockQuality quality(FakeDeviceClock clock) {
        return new ClockQuality(clock, os::get, ClockQualityPolicy.defaults());
    }

    /** A handshake against a server whose clock reads {@code serverNow}: 40 ms out, 5 ms inside, 45 ms back. */
    private static ClockMeasurement handshake(FakeDeviceClock clock, long serverNow) {
        HandshakeStart start = HandshakeStart.now(DEVICE, clock);
        clock.advance(Duration.ofMillis(90));
        return start.complete(serverNow + 40, serverNow + 45, clock.wallTimeMillis());
    }

    @Test
    void assess_piBootedAt1970NeverReachedTheServer_isUntrusted() {
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, 35_000, Duration.ofSeconds(35));

        ClockAssessment verdict = quality(clock).assess();

        assertThat(verdict.trust()).isEqualTo(ClockTrust.UNTRUSTED);
        assertThat(verdict.reason()).isEqualTo("clock never checked against the server since boot");
    }

    @Test
    void assess_measuredCloseToTheServer_isTrustedUntilTheMeasurementGrowsOld() {
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, TODAY + 300, Duration.ofHours(1));
        ClockQuality quality = quality(clock);
        quality.record(handshake(clock, TODAY));

        assertThat(quality.assess().trust()).isEqualTo(ClockTrust.TRUSTED);
        assertThat(quality.assess().reason()).startsWith("clock within 303 ms of the server");

        clock.advance(Duration.ofHours(12).plusSeconds(1));
        assertThat(quality.assess()).isEqualTo(
                new ClockAssessment(ClockTrust.UNTRUSTED, "clock last checked against the server 12 hours ago"));
    }

    @Test
    void assess_deviceThreeDaysFast_isUntrustedSayingSo() {
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, TODAY + Duration.ofDays(3).toMillis(), Duration.ofHours(1));
        ClockQuality quality = quality(clock);
        quality.record(handshake(clock, TODAY));
        os.set(NtpSync.SYNCHRONIZED);

        ClockAssessment verdict = quality.assess();

        assertThat(verdict.trust()).isEqualTo(ClockTrust.UNTRUSTED);
        assertThat(verdict.reason()).startsWith("clock 3 days fast");
    }

    @Test
    void assess_osReportsNtpSync_isTrustedWithoutAMeasurement() {
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, TODAY, Duration.ofMinutes(3));
        os.set(NtpSync.SYNCHRONIZED);

        assertThat(quality(clock).assess())
                .isEqualTo(new ClockAssessment(ClockTrust.TRUSTED, "clock synchronised by the operating system (NTP)"));
    }

    @Test
    void assess_1970ClockMeasuredThenSetByNtp_theOldMeasurementNoLongerCounts() {
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, 600_000, Duration.ofMinutes(10));
        ClockQuality quality = quality(clock);
        quality.record(handshake(clock, TODAY));
        assertThat(quality.assess().reason()).startsWith("clock 56 years slow");

        clock.advance(Duration.ofMinutes(1)).setWall(TODAY + 60_100);
        os.set(NtpSync.NOT_SYNCHRONIZED);
        assertThat(quality.assess().trust()).isEqualTo(ClockTrust.UNTRUSTED);
        assertThat(quality.assess().reason())
                .isEqualTo("clock was changed by 56 years since it was last checked against the server");

        os.set(NtpSync.SYNCHRONIZED);
        assertThat(quality.assess().trust()).isEqualTo(ClockTrust.TRUSTED);
    }

    @Test
    void assess_wallClockSetBackTo1970_doesNotMakeAMeasurementLookYoung() {
        // Age runs on the monotonic clock: a wall clock set back must not stretch the trust window.
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, TODAY, Duration.ofHours(1));
        ClockQuality quality = quality(clock);
        quality.record(handshake(clock, TODAY));
        clock.advance(Duration.ofHours(13)).setWall(0);

        assertThat(quality.assess().trust()).isEqualTo(ClockTrust.UNTRUSTED);
    }

    @Test
    void record_measurementOfAnotherBoot_isRefused() {
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, TODAY, Duration.ofHours(1));
        ClockQuality quality = quality(clock);
        ClockMeasurement before = handshake(clock, TODAY);
        clock.reboot(BootId.parse("ffffffffffffffffffffffffffffffff"), 0);

        assertThatThrownBy(() -> quality.record(before))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("measurement of boot 0a1b2c3d4e5f60718293a4b5c6d7e8f9 recorded in boot"
                        + " ffffffffffffffffffffffffffffffff");
    }

    @Test
    void record_fromManyThreadsInAnyOrder_keepsTheLatestByMonotonicTime() throws Exception {
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, TODAY, Duration.ofHours(1));
        ClockQuality quality = quality(clock);
        List<ClockMeasurement> measurements = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            measurements.add(new ClockMeasurement(DEVICE, BOOT, i * 1_000_000L, TODAY, TODAY, TODAY, TODAY + 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = measurements.size() - 1 - offset; i >= 0; i -= 4) {
                        quality.record(measurements.get(i));
                        quality.assess();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(quality.latestMeasurement()).contains(measurements.get(199));
    }
}
