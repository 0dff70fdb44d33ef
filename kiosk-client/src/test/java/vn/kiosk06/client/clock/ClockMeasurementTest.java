package vn.kiosk06.client.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.BootId;

class ClockMeasurementTest {

    private static final BootId BOOT = BootId.parse("6c1b3f0e-9a7d-4d2e-8f41-0b5e2c7a9d13");

    @Test
    void handshake_deviceThreeDaysFast_measuresMinusThreeDays() {
        long truth = Instant.parse("2026-03-05T02:00:00Z").toEpochMilli();
        FakeDeviceClock clock = new FakeDeviceClock(BOOT, truth + Duration.ofDays(3).toMillis(), Duration.ofHours(2));

        HandshakeStart start = HandshakeStart.now(clock);
        clock.advance(Duration.ofMillis(90));
        ClockMeasurement m = start.complete(truth + 40, truth + 45, clock.wallTimeMillis());

        assertThat(start.monotonicNanos()).isEqualTo(Duration.ofHours(2).toNanos());
        assertThat(m.bootId()).isEqualTo(BOOT);
        assertThat(m.roundTrip()).isEqualTo(Duration.ofMillis(85));
        assertThat(m.offset()).isEqualTo(Duration.ofDays(-3).minusMillis(2).minusNanos(500_000));
        assertThat(m.uncertainty()).isEqualTo(Duration.ofMillis(42).plusNanos(500_000));
    }

    @Test
    void new_inconsistentTimestamps_nameTheBadValue() {
        assertThatThrownBy(() -> new ClockMeasurement(BOOT, 0, 1_000, 5_000, 5_001, 999))
                .hasMessageContaining("t3 (deviceReceiveTimeMs) must be ≥ t0 (deviceSendTimeMs) 1000, was 999");
        assertThatThrownBy(() -> new ClockMeasurement(BOOT, 0, 1_000, 5_000, 4_999, 1_100))
                .hasMessageContaining("t2 (serverTransmitTimeMs) must be ≥ t1 (serverReceiveTimeMs) 5000, was 4999");
        assertThatThrownBy(() -> new ClockMeasurement(BOOT, 0, 1_000, 5_000, 5_200, 1_100))
                .hasMessageContaining("round trip (t3 − t0) − (t2 − t1) must be ≥ 0 ms, was -100 ms");
        assertThatThrownBy(() -> new ClockMeasurement(BOOT, -5, 1_000, 5_000, 5_001, 1_100))
                .hasMessage("monotonicNanosAtSend must be ≥ 0, was -5");
    }

    @Test
    void bootId_uuidFormAndBytes_roundTrip() {
        assertThat(BOOT.hex()).isEqualTo("6c1b3f0e9a7d4d2e8f410b5e2c7a9d13");
        assertThat(BOOT.toBytes()).hasSize(16);
        assertThatThrownBy(() -> BootId.parse("not-a-boot"))
                .hasMessage("boot id must be 32 lowercase hex digits, was \"notaboot\"");
    }
}
