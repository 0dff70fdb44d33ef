package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ClockMeasurementTest {

    private static final BootId BOOT = BootId.parse("6c1b3f0e-9a7d-4d2e-8f41-0b5e2c7a9d13");

    @Test
    void offset_deviceThreeDaysFast_isMinusThreeDaysWithinHalfTheRoundTrip() {
        long truth = Instant.parse("2026-03-05T02:00:00Z").toEpochMilli();
        long fast = Duration.ofDays(3).toMillis();
        ClockMeasurement m = new ClockMeasurement("kiosk-pq-01", BOOT, 7_200_000_000_000L,
                truth + fast, truth + 40, truth + 45, truth + 90 + fast);

        assertThat(m.roundTrip()).isEqualTo(Duration.ofMillis(85));
        assertThat(m.uncertainty()).isEqualTo(Duration.ofMillis(42).plusNanos(500_000));
        // 40 ms out, 45 ms back: the asymmetry puts the estimate 2.5 ms off, well inside ± 42.5 ms.
        assertThat(m.offset()).isEqualTo(Duration.ofDays(-3).minusMillis(2).minusNanos(500_000));
        assertThat(m.serverTimeAtSend()).isEqualTo(Instant.ofEpochMilli(truth).minusMillis(2).minusNanos(500_000));
    }

    @Test
    void offset_clockAt1970AgainstToday_isAboutFiftySixYearsWithoutOverflow() {
        long today = Instant.parse("2026-03-10T09:00:00Z").toEpochMilli();
        ClockMeasurement m = new ClockMeasurement("pi-field-07", BOOT, 36_000_000_000_000L,
                36_000_000L, today + 40, today + 45, 36_000_090L);

        assertThat(m.offset().toDays() / 365).isEqualTo(56);
        assertThat(m.serverTimeAtSend()).isBetween(Instant.ofEpochMilli(today - 43), Instant.ofEpochMilli(today));
    }

    @Test
    void new_answerArrivesBeforeRequestLeft_namesT3() {
        assertThatThrownBy(() -> new ClockMeasurement("kiosk-pq-01", BOOT, 0, 1_000, 5_000, 5_001, 999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t3 (deviceReceiveTimeMs) must be ≥ t0 (deviceSendTimeMs) 1000, was 999");
    }

    @Test
    void new_serverSentBeforeItReceived_namesT2() {
        assertThatThrownBy(() -> new ClockMeasurement("kiosk-pq-01", BOOT, 0, 1_000, 5_000, 4_999, 1_100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("t2 (serverTransmitTimeMs) must be ≥ t1 (serverReceiveTimeMs) 5000, was 4999");
    }

    @Test
    void new_serverHeldItLongerThanTheDeviceWaited_namesTheNegativeRoundTrip() {
        assertThatThrownBy(() -> new ClockMeasurement("kiosk-pq-01", BOOT, 0, 1_000, 5_000, 5_200, 1_100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("round trip (t3 − t0) − (t2 − t1) must be ≥ 0 ms, was -100 ms");
    }

    @Test
    void new_negativeMonotonicTime_isRefused() {
        assertThatThrownBy(() -> new ClockMeasurement("kiosk-pq-01", BOOT, -1, 1_000, 5_000, 5_001, 1_100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("monotonicNanosAtSend must be ≥ 0, was -1");
    }

    @Test
    void new_badDeviceId_isRefused() {
        assertThatThrownBy(() -> new ClockMeasurement("kiosk pq 01", BOOT, 0, 1_000, 5_000, 5_001, 1_100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("deviceId must be 1–64 chars of [A-Za-z0-9._-], was \"kiosk pq 01\"");
    }

    @Test
    void bootId_fromBytesAndUuidText_agree() {
        BootId parsed = BootId.parse("6C1B3F0E-9A7D-4D2E-8F41-0B5E2C7A9D13\n");
        assertThat(BootId.fromBytes(parsed.toBytes())).isEqualTo(parsed);
        assertThat(parsed.hex()).isEqualTo("6c1b3f0e9a7d4d2e8f410b5e2c7a9d13");
        assertThatThrownBy(() -> BootId.fromBytes(new byte[15]))
                .hasMessage("boot id must be 16 bytes, was 15 bytes");
        assertThat(BOOT.toBytes()).hasSize(16);
        assertThatThrownBy(() -> BootId.parse("not-a-boot"))
                .hasMessage("boot id must be 32 lowercase hex digits, was \"notaboot\"");
    }

    @Test
    void new_withoutOsSyncMark_isNotMarkedSynchronised() {
        ClockMeasurement m = new ClockMeasurement("kiosk-pq-01", BOOT, 0, 1_000, 5_000, 5_001, 1_100);

        assertThat(m.osClockSynchronized()).isFalse();
        assertThat(m).isEqualTo(new ClockMeasurement("kiosk-pq-01", BOOT, 0, 1_000, 5_000, 5_001, 1_100, false));
    }

    @Test
    void uncertainty_isExactlyHalfTheRoundTrip_alsoFor1970AgainstToday() {
        long today = Instant.parse("2026-03-10T09:00:00Z").toEpochMilli();
        ClockMeasurement odd = new ClockMeasurement("kiosk-pq-01", BOOT, 0, 1_000, 5_000, 5_001, 1_086);
        ClockMeasurement at1970 = new ClockMeasurement("pi-field-07", BOOT, 0, 36_000_000L, today + 40, today + 45,
                36_000_091L);

        // The device used to compute it as roundTrip() / 2 and the server in longs: one definition now, the same value.
        assertThat(odd.uncertainty()).isEqualTo(odd.roundTrip().dividedBy(2)).isEqualTo(Duration.ofNanos(42_500_000));
        assertThat(at1970.uncertainty()).isEqualTo(at1970.roundTrip().dividedBy(2)).isEqualTo(Duration.ofMillis(43));
    }

    @Property
    void offset_anyClockErrorAndNetworkAsymmetry_trueOffsetWithinUncertainty(
            @ForAll @LongRange(min = -3_000_000_000_000L, max = 3_000_000_000_000L) long trueOffsetMs,
            @ForAll @LongRange(min = 0, max = 20_000) long outboundMs,
            @ForAll @LongRange(min = 0, max = 20_000) long inboundMs,
            @ForAll @LongRange(min = 0, max = 2_000) long processingMs) {
        long serverT1 = 1_773_100_000_000L;
        long t0 = serverT1 - outboundMs - trueOffsetMs;
        long t2 = serverT1 + processingMs;
        long t3 = t2 + inboundMs - trueOffsetMs;

        ClockMeasurement m = new ClockMeasurement("kiosk-pq-01", BOOT, 0, t0, serverT1, t2, t3);

        assertThat(m.roundTrip()).isEqualTo(Duration.ofMillis(outboundMs + inboundMs));
        assertThat(m.offset().minusMillis(trueOffsetMs).abs()).isLessThanOrEqualTo(m.uncertainty());
    }
}
