package vn.kiosk06.server.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

class EventTimeCorrectorPropertiesTest {

    private static final long SIXTY_YEARS_MS = 60L * 365 * 86_400_000;
    private static final long TWO_DAYS_MS = 2L * 86_400_000;
    private static final Instant TRUE_BOOT = Instant.parse("2026-03-10T00:00:00Z");

    private final EventTimeCorrector corrector = new EventTimeCorrector(TimeCorrectionPolicy.defaults());

    @Property
    void correct_anyClockErrorAndAtMostOneStep_landsWithinItsUncertaintyOfTheTruth(
            @ForAll @LongRange(min = -SIXTY_YEARS_MS, max = SIXTY_YEARS_MS) long clockErrorAtBootMs,
            @ForAll @LongRange(min = -SIXTY_YEARS_MS, max = SIXTY_YEARS_MS) long stepMs,
            @ForAll @LongRange(min = 0, max = TWO_DAYS_MS) long stepAtMs,
            @ForAll @LongRange(min = 0, max = TWO_DAYS_MS) long handshakeAtMs,
            @ForAll @LongRange(min = 0, max = TWO_DAYS_MS) long eventAtMs) {
        // A step within the tolerance is indistinguishable from none; a handshake must not straddle the step.
        Assume.that(stepMs == 0 || Math.abs(stepMs) > 3_000);
        Assume.that(Math.abs(handshakeAtMs - stepAtMs) > 2_000);
        Instant wallAtBoot = TRUE_BOOT.plusMillis(clockErrorAtBootMs);
        SimulatedBoot boot = SimulatedBoot.of("pi-field-07", "77777777777777777777777777777777", TRUE_BOOT, wallAtBoot)
                .steppedAt(Duration.ofMillis(stepAtMs),
                        TRUE_BOOT.plusMillis(clockErrorAtBootMs + stepAtMs + stepMs));
        Duration eventAt = Duration.ofMillis(eventAtMs);
        Instant received = boot.trueAt(Duration.ofMillis(Math.max(eventAtMs, handshakeAtMs) + 60_000));

        CorrectedTime corrected = corrector.correct(
                boot.eventAt(eventAt), List.of(boot.handshakeAt(Duration.ofMillis(handshakeAtMs))), received);

        assertThat(corrected).isInstanceOf(CorrectedTime.Known.class);
        CorrectedTime.Known known = (CorrectedTime.Known) corrected;
        boolean sameSideOfStep = stepMs == 0 || (eventAtMs < stepAtMs) == (handshakeAtMs < stepAtMs);
        assertThat(known.quality()).isEqualTo(sameSideOfStep ? TimeQuality.MEASURED : TimeQuality.ANCHORED);
        assertThat(Duration.between(boot.trueAt(eventAt), known.at()).abs()).isLessThanOrEqualTo(known.uncertainty());
    }

    @Property
    void correct_whateverTheEvidence_neverBelievesATimeAfterReceiptPlusTolerance(
            @ForAll @LongRange(min = -SIXTY_YEARS_MS, max = SIXTY_YEARS_MS) long wallMs,
            @ForAll @LongRange(min = 0, max = 1L << 60) long eventMono,
            @ForAll @LongRange(min = 0, max = 1L << 60) long handshakeMono,
            @ForAll @LongRange(min = -SIXTY_YEARS_MS, max = SIXTY_YEARS_MS) long t0,
            @ForAll @LongRange(min = 0, max = 30_000) long roundTripMs) {
        BootId boot = BootId.parse("88888888888888888888888888888888");
        long serverNow = TRUE_BOOT.toEpochMilli();
        ClockMeasurement m = new ClockMeasurement("kiosk-pq-01", boot, handshakeMono,
                t0, serverNow, serverNow, t0 + roundTripMs);
        Instant received = TRUE_BOOT.plusSeconds(60);

        CorrectedTime corrected = corrector.correct(
                new DeviceEventTime("kiosk-pq-01", boot, wallMs, eventMono), List.of(m), received);

        corrected.instant().ifPresent(at -> assertThat(at).isBeforeOrEqualTo(received.plus(Duration.ofMinutes(5))));
    }

    @Property
    void correct_deviceClockRight_eventNeverMovesByMoreThanTheSamplesUncertainty_andNotAtAllWhenSynchronised(
            @ForAll @LongRange(min = 0, max = 14_900_000_000L) long outboundNs,
            @ForAll @LongRange(min = 0, max = 14_900_000_000L) long inboundNs,
            @ForAll @LongRange(min = 0, max = 50_000_000L) long processingNs,
            @ForAll @LongRange(min = 0, max = 999_999L) long subMsAtSendNs,
            @ForAll @LongRange(min = -TWO_DAYS_MS, max = TWO_DAYS_MS) long eventBeforeHandshakeMs,
            @ForAll boolean osSynchronized) {
        // Legs up to 14.9 s each keep the round trip within the 30 s a usable measurement may take.
        // The device's clock is exact; every stamp is the true time cut to the millisecond, as devices and the
        // server send them. Only the network legs (any asymmetry) and the server's processing vary.
        BootId boot = BootId.parse("99999999999999999999999999999999");
        Instant send = TRUE_BOOT.plus(Duration.ofDays(3)).plusNanos(subMsAtSendNs);
        Instant arrive = send.plusNanos(outboundNs);
        Instant leave = arrive.plusNanos(processingNs);
        Instant back = leave.plusNanos(inboundNs);
        long monoAtSend = Duration.ofDays(3).toNanos();
        ClockMeasurement m = new ClockMeasurement("kiosk-pq-01", boot, monoAtSend, send.toEpochMilli(),
                arrive.toEpochMilli(), leave.toEpochMilli(), back.toEpochMilli(), osSynchronized);
        long eventWallMs = send.toEpochMilli() - eventBeforeHandshakeMs;
        long eventMono = monoAtSend - Duration.between(Instant.ofEpochMilli(eventWallMs), send).toNanos();
        Assume.that(eventMono >= 0);

        CorrectedTime corrected = corrector.correct(new DeviceEventTime("kiosk-pq-01", boot, eventWallMs, eventMono),
                List.of(m), back.plusMillis(Math.max(0, -eventBeforeHandshakeMs)).plusSeconds(1));

        Duration moved = Duration.between(Instant.ofEpochMilli(eventWallMs), corrected.instant().orElseThrow()).abs();
        Duration allowed = m.uncertainty().plus(corrector.policy().offsetFloor());
        assertThat(moved).isLessThanOrEqualTo(allowed);
        if (osSynchronized) {
            assertThat(moved).isZero();
        }
    }
}
