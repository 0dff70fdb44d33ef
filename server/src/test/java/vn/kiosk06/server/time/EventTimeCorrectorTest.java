package vn.kiosk06.server.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

class EventTimeCorrectorTest {

    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String PI = "pi-field-07";
    private static final String KIOSK = "kiosk-pq-01";

    private final EventTimeCorrector corrector = new EventTimeCorrector(TimeCorrectionPolicy.defaults());

    /**
     * The reporting month an instant counts in: a month runs from the 11th at 00:00 to the 10th at 24:00,
     * Asia/Ho_Chi_Minh time, and is named after the month its 10th is in. (Only for these tests; the real
     * calendars live in server.report.)
     */
    private static YearMonth reportingMonth(Instant t) {
        LocalDate day = t.atZone(HCM).toLocalDate();
        YearMonth month = YearMonth.from(day);
        return day.getDayOfMonth() <= 10 ? month : month.plusMonths(1);
    }

    private static Instant hcm(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(HCM).toInstant();
    }

    private static Duration h(double hours) {
        return Duration.ofMillis(Math.round(hours * 3_600_000));
    }

    private static CorrectedTime.Known known(CorrectedTime t) {
        assertThat(t).as("expected a known time, got %s", t).isInstanceOf(CorrectedTime.Known.class);
        return (CorrectedTime.Known) t;
    }

    private static void assertNearTruth(CorrectedTime.Known corrected, Instant truth) {
        assertThat(Duration.between(truth, corrected.at()).abs())
                .as("%s vs truth %s", corrected, truth)
                .isLessThanOrEqualTo(corrected.uncertainty())
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void correct_piBootsAt1970Logs100EventsOfflineThenSyncs_allLandInTheRightMonth() {
        // Power cut, no network: the Pi boots at 16:00 on the 10th with its clock at the Unix epoch.
        Instant trueBoot = hcm("2026-03-10T16:00:00");
        SimulatedBoot boot = SimulatedBoot.of(PI, "0a1b2c3d4e5f60718293a4b5c6d7e8f9", trueBoot, Instant.EPOCH);
        // An event every 5 minutes from 16:01:30 to 00:16:30: 96 before midnight, 4 after.
        List<Duration> eventTimes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            eventTimes.add(Duration.ofSeconds(90).plusMinutes(5L * i));
        }
        // The network comes back at 00:30 on the 11th; the clock still reads 1970 at the handshake.
        ClockMeasurement handshake = boot.handshakeAt(h(8.5));
        assertThat(handshake.offset().toDays() / 365).isEqualTo(56);
        Instant received = boot.trueAt(h(8.5)).plusSeconds(10);

        Map<YearMonth, Integer> perMonth = new TreeMap<>();
        for (Duration at : eventTimes) {
            DeviceEventTime event = boot.eventAt(at);
            assertThat(event.wallTime().atZone(HCM).getYear()).isEqualTo(1970);

            CorrectedTime.Known corrected = known(corrector.correct(event, List.of(handshake), received));

            assertThat(corrected.quality()).isEqualTo(TimeQuality.MEASURED);
            assertNearTruth(corrected, boot.trueAt(at));
            assertThat(reportingMonth(corrected.at())).isEqualTo(reportingMonth(boot.trueAt(at)));
            perMonth.merge(reportingMonth(corrected.at()), 1, Integer::sum);
        }
        assertThat(perMonth).isEqualTo(Map.of(YearMonth.of(2026, 3), 96, YearMonth.of(2026, 4), 4));
    }

    @Test
    void correct_kioskThreeDaysFast_isCorrectedBeforeAndAfterTheHandshake() {
        Instant trueBoot = hcm("2026-03-02T07:00:00");
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "11111111222233334444555555555555",
                trueBoot, trueBoot.plus(Duration.ofDays(3)));
        List<ClockMeasurement> measurements = List.of(boot.handshakeAt(h(0.5)), boot.handshakeAt(h(8)));

        for (Duration at : List.of(h(0.1), h(2), h(4), h(6), h(7.9))) {
            CorrectedTime.Known corrected =
                    known(corrector.correct(boot.eventAt(at), measurements, boot.trueAt(h(8.01))));

            assertThat(corrected.quality()).isEqualTo(TimeQuality.MEASURED);
            assertNearTruth(corrected, boot.trueAt(at));
            assertThat(corrected.reason()).contains("3 days fast");
        }
    }

    @Test
    void correct_piRebootsTwiceWithoutReachingTheServer_thoseBootsAreTimeUnknown() {
        Instant day = hcm("2026-03-04T07:00:00");
        SimulatedBoot reached = SimulatedBoot.of(PI, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", day, day);
        SimulatedBoot cutOnce = SimulatedBoot.of(PI, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", day.plus(h(3)), Instant.EPOCH);
        SimulatedBoot cutTwice = SimulatedBoot.of(PI, "cccccccccccccccccccccccccccccccc", day.plus(h(5)), Instant.EPOCH);
        SimulatedBoot syncs = SimulatedBoot.of(PI, "dddddddddddddddddddddddddddddddd", day.plus(h(7)), Instant.EPOCH);
        List<ClockMeasurement> measurements = List.of(reached.handshakeAt(h(0.2)), syncs.handshakeAt(h(0.05)));
        Instant received = syncs.trueAt(h(0.06));

        for (DeviceEventTime event : List.of(cutOnce.eventAt(h(0.05)), cutOnce.eventAt(h(1)),
                cutTwice.eventAt(h(0.04)), cutTwice.eventAt(h(1.5)))) {
            CorrectedTime corrected = corrector.correct(event, measurements, received);

            assertThat(corrected).isInstanceOf(CorrectedTime.Unknown.class);
            assertThat(corrected.quality()).isEqualTo(TimeQuality.UNKNOWN);
            assertThat(corrected.instant()).isEmpty();
            assertThat(((CorrectedTime.Unknown) corrected).cause())
                    .isEqualTo(CorrectedTime.UnknownCause.NO_MEASUREMENT_IN_BOOT);
            assertThat(corrected.reason()).contains(event.bootId().hex());
        }
        // The boot that did reach the server is corrected, its monotonic times overlapping the lost boots'.
        CorrectedTime.Known current = known(corrector.correct(syncs.eventAt(h(0.04)), measurements, received));
        assertNearTruth(current, syncs.trueAt(h(0.04)));
    }

    @Test
    void correct_eventStampedFiveYearsAheadAfterTheMeasurement_isPlacedByMonotonicTimeNotItsStamp() {
        Instant trueBoot = hcm("2026-03-04T07:00:00");
        // Measured on time at 08:00; at 09:00 someone sets the clock five years ahead by hand.
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", trueBoot, trueBoot)
                .steppedAt(h(2), trueBoot.plus(h(2)).plus(Duration.ofDays(5 * 365 + 1)));
        DeviceEventTime event = boot.eventAt(h(3));
        assertThat(event.wallTime().atZone(HCM).getYear()).isEqualTo(2031);

        CorrectedTime.Known corrected =
                known(corrector.correct(event, List.of(boot.handshakeAt(h(1))), boot.trueAt(h(4))));

        assertThat(corrected.quality()).isEqualTo(TimeQuality.ANCHORED);
        assertNearTruth(corrected, boot.trueAt(h(3)));
    }

    @Test
    void correct_correctedTimeFiveYearsAfterTheServerReceivedIt_isNotBelieved() {
        // A corrupt journal row: wall and monotonic time both five years past the handshake, so nothing in
        // the evidence contradicts the stamp except the server's own receive time.
        Instant trueBoot = hcm("2026-03-04T07:00:00");
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b", trueBoot, trueBoot);
        Duration fiveYears = Duration.ofDays(5 * 365 + 1);

        CorrectedTime corrected = corrector.correct(boot.eventAt(h(1).plus(fiveYears)),
                List.of(boot.handshakeAt(h(1))), boot.trueAt(h(2)));

        assertThat(corrected).isInstanceOf(CorrectedTime.Unknown.class);
        assertThat(((CorrectedTime.Unknown) corrected).cause()).isEqualTo(CorrectedTime.UnknownCause.IN_THE_FUTURE);
        assertThat(corrected.reason()).contains("in the future").contains("5 years after");
    }

    @Test
    void correct_kioskSetFiveYearsAheadAndMeasuredSo_isCorrected() {
        Instant trueBoot = hcm("2026-03-04T07:00:00");
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c",
                trueBoot, trueBoot.plus(Duration.ofDays(5 * 365 + 1)));

        CorrectedTime.Known corrected = known(corrector.correct(boot.eventAt(h(2)),
                List.of(boot.handshakeAt(h(1))), boot.trueAt(h(2.5))));

        assertThat(corrected.quality()).isEqualTo(TimeQuality.MEASURED);
        assertNearTruth(corrected, boot.trueAt(h(2)));
        assertThat(corrected.reason()).contains("5 years fast");
    }

    @Test
    void correct_futureTolerance_isInclusive() {
        Instant trueBoot = hcm("2026-03-04T07:00:00");
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d5d", trueBoot, trueBoot);
        DeviceEventTime event = boot.eventAt(h(3));
        List<ClockMeasurement> measurements = List.of(boot.handshakeAt(h(1)));
        Instant at = known(corrector.correct(event, measurements, Instant.MAX.minusSeconds(3_600))).at();

        assertThat(corrector.correct(event, measurements, at.minus(Duration.ofMinutes(5))).quality())
                .isEqualTo(TimeQuality.MEASURED);
        assertThat(corrector.correct(event, measurements, at.minus(Duration.ofMinutes(5)).minusNanos(1)).quality())
                .isEqualTo(TimeQuality.UNKNOWN);
    }

    @Test
    void correct_eventAtOneSecondBeforeMidnightOnThe10thOnAFastKiosk_countsInTheMonthEndingThatDay() {
        Instant truth = hcm("2026-03-10T23:59:59.500");
        Instant trueBoot = hcm("2026-03-10T07:00:00");
        // Three minutes fast: the raw stamp reads 00:02:59.5 on the 11th, the next reporting month.
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "10101010101010101010101010101010",
                trueBoot, trueBoot.plus(Duration.ofMinutes(3)));
        Duration at = Duration.between(trueBoot, truth);
        DeviceEventTime event = boot.eventAt(at);
        assertThat(reportingMonth(event.wallTime())).isEqualTo(YearMonth.of(2026, 4));

        CorrectedTime.Known corrected = known(corrector.correct(event,
                List.of(boot.handshakeAt(h(1)), boot.handshakeAt(h(25))), boot.trueAt(h(25.01))));

        assertThat(reportingMonth(corrected.at())).isEqualTo(YearMonth.of(2026, 3));
        assertNearTruth(corrected, truth);
    }

    @Test
    void correct_eventJustAfterMidnightOnThe11thOnASlowKiosk_countsInTheNextMonth() {
        Instant truth = hcm("2026-03-11T00:00:00.500");
        Instant trueBoot = hcm("2026-03-10T07:00:00");
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "11011011011011011011011011011011",
                trueBoot, trueBoot.minus(Duration.ofMinutes(3)));
        DeviceEventTime event = boot.eventAt(Duration.between(trueBoot, truth));
        assertThat(reportingMonth(event.wallTime())).isEqualTo(YearMonth.of(2026, 3));

        CorrectedTime.Known corrected = known(corrector.correct(event,
                List.of(boot.handshakeAt(h(1))), boot.trueAt(h(20))));

        assertThat(reportingMonth(corrected.at())).isEqualTo(YearMonth.of(2026, 4));
        assertNearTruth(corrected, truth);
    }

    @Test
    void correct_ntpStepsA1970ClockMidBootBeforeTheHandshake_earlierEventsAreAnchoredViaMonotonicTime() {
        Instant trueBoot = hcm("2026-03-10T06:30:00");
        // Offline from boot; at 08:45 the network comes up and NTP steps the clock from 1970 to the truth.
        SimulatedBoot boot = SimulatedBoot.of(PI, "20202020202020202020202020202020", trueBoot, Instant.EPOCH)
                .steppedAt(h(2.25), trueBoot.plus(h(2.25)));
        List<ClockMeasurement> measurements = List.of(boot.handshakeAt(h(3)));
        Instant received = boot.trueAt(h(3.01));

        for (Duration at : List.of(h(0.1), h(1), h(2), h(2.24))) {
            CorrectedTime.Known corrected = known(corrector.correct(boot.eventAt(at), measurements, received));
            assertThat(corrected.quality()).isEqualTo(TimeQuality.ANCHORED);
            assertThat(corrected.reason()).contains("stepped by 56 years");
            assertNearTruth(corrected, boot.trueAt(at));
        }
        for (Duration at : List.of(h(2.26), h(2.9), h(3.005))) {
            CorrectedTime.Known corrected = known(corrector.correct(boot.eventAt(at), measurements, received));
            assertThat(corrected.quality()).isEqualTo(TimeQuality.MEASURED);
            assertNearTruth(corrected, boot.trueAt(at));
        }
    }

    @Test
    void correct_clockSteppedAfterTheOnlyHandshake_laterEventsAreAnchoredOnTheEarlierMeasurement() {
        Instant trueBoot = hcm("2026-03-10T06:30:00");
        // Handshake at 07:00 while the clock still reads 1970; NTP sets it at 07:30; offline afterwards.
        SimulatedBoot boot = SimulatedBoot.of(PI, "30303030303030303030303030303030", trueBoot, Instant.EPOCH)
                .steppedAt(h(1), trueBoot.plus(h(1)));
        List<ClockMeasurement> measurements = List.of(boot.handshakeAt(h(0.5)));
        Instant received = boot.trueAt(h(6));

        CorrectedTime.Known before = known(corrector.correct(boot.eventAt(h(0.2)), measurements, received));
        CorrectedTime.Known after = known(corrector.correct(boot.eventAt(h(5)), measurements, received));

        assertThat(before.quality()).isEqualTo(TimeQuality.MEASURED);
        assertNearTruth(before, boot.trueAt(h(0.2)));
        assertThat(after.quality()).isEqualTo(TimeQuality.ANCHORED);
        assertNearTruth(after, boot.trueAt(h(5)));
    }

    @Test
    void correct_driftingClockMeasuredTwice_usesTheMeasurementNearestInMonotonicTime() {
        // The oscillator runs 50 ppm slow, so the offset grows by 8.64 s over two days; both measurements
        // agree with the event's wall clock (no step), and the nearer one is the better estimate.
        BootId bootId = BootId.parse("40404040404040404040404040404040");
        Instant trueBoot = hcm("2026-03-01T07:00:00");
        long deviceWallAtBoot = trueBoot.toEpochMilli();
        java.util.function.LongFunction<Instant> trueAtMono =
                mono -> trueBoot.plusNanos(Math.round(mono * (1 + 50e-6)));
        java.util.function.LongFunction<ClockMeasurement> handshakeAtMono = mono -> new ClockMeasurement(
                KIOSK, bootId, mono, deviceWallAtBoot + mono / 1_000_000,
                trueAtMono.apply(mono).toEpochMilli() + 40, trueAtMono.apply(mono).toEpochMilli() + 45,
                deviceWallAtBoot + mono / 1_000_000 + 90);
        ClockMeasurement early = handshakeAtMono.apply(h(1).toNanos());
        ClockMeasurement late = handshakeAtMono.apply(h(49).toNanos());
        long eventMono = h(47).toNanos();
        DeviceEventTime event = new DeviceEventTime(KIOSK, bootId, deviceWallAtBoot + eventMono / 1_000_000, eventMono);

        CorrectedTime.Known corrected = known(corrector.correct(event, List.of(early, late), trueAtMono.apply(h(50).toNanos())));

        assertThat(corrected.quality()).isEqualTo(TimeQuality.MEASURED);
        assertThat(corrected.basis()).isEqualTo(late);
        assertThat(Duration.between(trueAtMono.apply(eventMono), corrected.at()).abs()).isLessThan(Duration.ofMillis(500));
    }

    @Test
    void correct_onlyMeasurementTookLongerThanTheMaxRoundTrip_isUnknown() {
        Instant trueBoot = hcm("2026-03-04T07:00:00");
        SimulatedBoot boot = SimulatedBoot.of(KIOSK, "50505050505050505050505050505050", trueBoot, trueBoot);
        ClockMeasurement fine = boot.handshakeAt(h(1));
        ClockMeasurement slow = new ClockMeasurement(KIOSK, fine.bootId(), fine.monotonicNanosAtSend(),
                fine.deviceSendTimeMs(), fine.serverReceiveTimeMs(), fine.serverTransmitTimeMs(),
                fine.deviceSendTimeMs() + 31_000);

        CorrectedTime corrected = corrector.correct(boot.eventAt(h(2)), List.of(slow), boot.trueAt(h(3)));

        assertThat(corrected.quality()).isEqualTo(TimeQuality.UNKNOWN);
        assertThat(corrected.reason()).contains("no usable clock measurement");
    }

    @Test
    void correct_measurementOfAnotherDevice_isAWiringMistake() {
        Instant trueBoot = hcm("2026-03-04T07:00:00");
        SimulatedBoot kiosk = SimulatedBoot.of(KIOSK, "60606060606060606060606060606060", trueBoot, trueBoot);
        SimulatedBoot pi = SimulatedBoot.of(PI, "60606060606060606060606060606060", trueBoot, trueBoot);

        assertThatThrownBy(() -> corrector.correct(kiosk.eventAt(h(1)), List.of(pi.handshakeAt(h(1))), trueBoot))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("measurement of device pi-field-07 given to correct an event of device kiosk-pq-01");
    }

    /** A handshake of a device whose clock is exact, over a network that takes {@code outMs} there and 1 ms back. */
    private static ClockMeasurement exactClockHandshake(BootId boot, long monoNs, Instant at, long outMs,
                                                        boolean osSynchronized) {
        long t0 = at.toEpochMilli();
        return new ClockMeasurement(KIOSK, boot, monoNs, t0, t0 + outMs, t0 + outMs, t0 + outMs + 1, osSynchronized);
    }

    @Test
    void correct_exactSynchronisedClockMeasuredOverAnAsymmetricNetwork_eventsAtTheMonthEdgeKeepTheirDays() {
        // The handshake's request takes 9 ms, the answer 1 ms: the measurement says "4 ms slow ± 5 ms", which is
        // the network's asymmetry, not the clock. The device says its OS clock is NTP-synchronised.
        BootId boot = BootId.parse("60606060606060606060606060606060");
        Instant handshake = hcm("2026-06-11T08:00:00");
        long monoAtHandshake = h(12).toNanos();
        ClockMeasurement m = exactClockHandshake(boot, monoAtHandshake, handshake, 9, true);
        assertThat(m.offset()).isEqualTo(Duration.ofMillis(4));
        for (String edge : List.of("2026-06-10T23:59:59.999", "2026-06-11T00:00:00.000")) {
            Instant truth = hcm(edge);
            long mono = monoAtHandshake - Duration.between(truth, handshake).toNanos();
            CorrectedTime.Known corrected = known(corrector.correct(
                    new DeviceEventTime(KIOSK, boot, truth.toEpochMilli(), mono), List.of(m), handshake));

            assertThat(corrected.at()).isEqualTo(truth);
            assertThat(reportingMonth(corrected.at())).isEqualTo(reportingMonth(truth));
            assertThat(corrected.reason()).contains("on time").contains("synchronised");
        }
    }

    @Test
    void correct_sameHandshakeFromADeviceThatDoesNotSayItIsSynchronised_appliesTheMeasuredOffset() {
        BootId boot = BootId.parse("61616161616161616161616161616161");
        Instant handshake = hcm("2026-06-11T08:00:00");
        ClockMeasurement m = exactClockHandshake(boot, h(12).toNanos(), handshake, 9, false);
        Instant wall = hcm("2026-06-10T23:59:59.999");
        long mono = h(12).toNanos() - Duration.between(wall, handshake).toNanos();

        CorrectedTime.Known corrected = known(corrector.correct(
                new DeviceEventTime(KIOSK, boot, wall.toEpochMilli(), mono), List.of(m), handshake));

        assertThat(corrected.at()).isEqualTo(wall.plusMillis(4));
    }

    @Test
    void correct_synchronisedClockWithAnOffsetBeyondItsUncertainty_isCorrected() {
        // 2 ms round trip, yet 3 s off: the OS's word does not outweigh the measurement.
        BootId boot = BootId.parse("62626262626262626262626262626262");
        Instant handshake = hcm("2026-06-11T08:00:00");
        long t0 = handshake.toEpochMilli() - 3_000;
        ClockMeasurement m = new ClockMeasurement(KIOSK, boot, h(1).toNanos(), t0, t0 + 3_001, t0 + 3_001, t0 + 2, true);

        CorrectedTime.Known corrected = known(corrector.correct(
                new DeviceEventTime(KIOSK, boot, t0, h(1).toNanos()), List.of(m), handshake));

        assertThat(corrected.at()).isEqualTo(handshake);
    }

    @Test
    void correct_severalMeasurementsOfTheBoot_theSmallestRoundTripWins() {
        BootId boot = BootId.parse("63636363636363636363636363636363");
        Instant at = hcm("2026-06-11T08:00:00");
        ClockMeasurement near = exactClockHandshake(boot, h(2).toNanos(), at.plus(h(1)), 20, false);
        ClockMeasurement tight = exactClockHandshake(boot, h(5).toNanos(), at.plus(h(4)), 1, false);

        CorrectedTime.Known corrected = known(corrector.correct(
                new DeviceEventTime(KIOSK, boot, at.toEpochMilli(), h(1).toNanos()), List.of(near, tight), at.plus(h(5))));

        assertThat(corrected.basis()).isEqualTo(tight);
        assertThat(corrected.at()).isEqualTo(at); // offset (1 + (−1)) / 2 = 0
    }

    @Test
    void correct_offsetOfAnOddNumberOfHalfMilliseconds_isRoundedOnceTowardTheDevicesReading() {
        BootId boot = BootId.parse("64646464646464646464646464646464");
        Instant wall = hcm("2026-06-10T23:59:59.999");
        long t0 = wall.toEpochMilli();
        // Out 2 ms, back 1 ms (t3 = t0 + 3): offset (2 + (−1)) / 2 = +0.5 ms, which must not carry the event
        // over midnight; −2.5 ms becomes −2.
        ClockMeasurement half = new ClockMeasurement(KIOSK, boot, 1_000, t0, t0 + 2, t0 + 2, t0 + 3);
        ClockMeasurement minus = new ClockMeasurement(KIOSK, boot, 1_000, t0, t0 - 1, t0 - 1, t0 + 3);
        assertThat(half.offset()).isEqualTo(Duration.ofNanos(500_000));
        assertThat(minus.offset()).isEqualTo(Duration.ofNanos(-2_500_000));
        DeviceEventTime event = new DeviceEventTime(KIOSK, boot, t0, 1_000);

        assertThat(known(corrector.correct(event, List.of(half), wall.plusSeconds(1))).at()).isEqualTo(wall);
        assertThat(known(corrector.correct(event, List.of(minus), wall.plusSeconds(1))).at()).isEqualTo(wall.minusMillis(2));
        assertThat(EventTimeCorrector.roundToMillis(wall.plusNanos(500_000), wall.plusMillis(5))).isEqualTo(wall.plusMillis(1));
        assertThat(EventTimeCorrector.roundToMillis(wall.plusNanos(500_001), wall)).isEqualTo(wall.plusMillis(1));
        assertThat(EventTimeCorrector.roundToMillis(wall.minusNanos(400_000), wall)).isEqualTo(wall);
    }
}
