package vn.kiosk06.client.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

/** The device's half of a handshake; the measurement's own rules are tested in proto (ClockMeasurementTest). */
class HandshakeStartTest {

    private static final BootId BOOT = BootId.parse("6c1b3f0e-9a7d-4d2e-8f41-0b5e2c7a9d13");

    @Test
    void handshake_deviceThreeDaysFast_measuresMinusThreeDays() {
        long truth = Instant.parse("2026-03-05T02:00:00Z").toEpochMilli();
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, truth + Duration.ofDays(3).toMillis(), Duration.ofHours(2));

        HandshakeStart start = HandshakeStart.now("kiosk-pq-01", clock);
        clock.advance(Duration.ofMillis(90));
        ClockMeasurement m = start.complete(truth + 40, truth + 45, clock.wallTimeMillis());

        assertThat(start.monotonicNanos()).isEqualTo(Duration.ofHours(2).toNanos());
        assertThat(m.deviceId()).isEqualTo("kiosk-pq-01");
        assertThat(m.bootId()).isEqualTo(BOOT);
        assertThat(m.roundTrip()).isEqualTo(Duration.ofMillis(85));
        assertThat(m.offset()).isEqualTo(Duration.ofDays(-3).minusMillis(2).minusNanos(500_000));
        assertThat(m.uncertainty()).isEqualTo(Duration.ofMillis(42).plusNanos(500_000));
    }

    @Test
    void complete_clockSteppedBackInFlight_namesTheBadValue() {
        HandshakeStart start = new HandshakeStart("kiosk-pq-01", BOOT, 0, 1_000);

        assertThatThrownBy(() -> start.complete(5_000, 5_001, 999))
                .hasMessageContaining("t3 (deviceReceiveTimeMs) must be ≥ t0 (deviceSendTimeMs) 1000, was 999");
    }

    @Test
    void new_badDeviceIdOrNegativeMonotonicTime_isRefused() {
        assertThatThrownBy(() -> new HandshakeStart("kiosk pq 01", BOOT, 0, 1_000))
                .hasMessage("deviceId must be 1–64 chars of [A-Za-z0-9._-], was \"kiosk pq 01\"");
        assertThatThrownBy(() -> new HandshakeStart("kiosk-pq-01", BOOT, -5, 1_000))
                .hasMessage("monotonicNanos must be ≥ 0, was -5");
    }
}
