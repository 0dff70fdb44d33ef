package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

class IndicatorCalculatorTest {

    private static final OrgUnitTree TREE = OrgUnitTree.parse(new StringReader(String.join("\n",
            "code,name,level,parent,go_live",
            "AG,Tỉnh An Giang,PROVINCE,,",
            "PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,",
            "TTYT-PQ,Trung tâm Y tế Phú Quốc,FACILITY,PQ,",
            "k1,Kiosk 1,DEVICE,TTYT-PQ,2025-02-06",
            "k2,Kiosk 2,DEVICE,TTYT-PQ,2025-02-06",
            "k3,Kiosk 3 (chưa vận hành),DEVICE,TTYT-PQ,2026-07-01",
            "TEAM3,Tổ công nghệ số ấp 3,TEAM,PQ,",
            "pi1,Máy cầm tay,DEVICE,TEAM3,2026-06-19",
            "AP3,Ấp 3 (địa bàn),WARD,AG,")), "test");

    private static final ReportingPeriod JUNE = PeriodSpec.parse("month:11@2026-06").period(); // 11/5–10/6/2026
    private static final Instant AS_OF = JUNE.end();

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(ReportingPeriod.ZONE).toInstant();
    }

    private final IndicatorCalculator calculator = new IndicatorCalculator(TREE, Duration.ofDays(7));

    @Test
    void rollUp_countsEachEventAtItsUnitAndEveryAncestor_andOnlyInItsPeriod() {
        List<ReportEvent> events = List.of(
                new ReportEvent.Reception(EventOrigin.at("k1", local("2026-05-11T00:00")), CaseType.BHYT),
                new ReportEvent.Reception(EventOrigin.at("k1", local("2026-06-10T23:59:59.999")), CaseType.FEE),
                new ReportEvent.Reception(EventOrigin.at("k2", local("2026-06-11T00:00")), CaseType.BHYT), // next period
                new ReportEvent.TransactionCodeCreated(EventOrigin.at("k1", local("2026-05-20T08:00"))),
                new ReportEvent.Payment(EventOrigin.at("k1", local("2026-05-20T08:05")), 50_000, true),
                new ReportEvent.Payment(EventOrigin.at("k1", local("2026-05-20T08:06")), 50_000, false),
                new ReportEvent.CardRead(EventOrigin.at("k2", local("2026-05-21T09:00")), true, Optional.of("c1")),
                new ReportEvent.CardRead(EventOrigin.at("k2", local("2026-05-21T09:01")), false, Optional.empty()),
                new ReportEvent.Reception(EventOrigin.timeUnknown("k2"), CaseType.BHYT));

        Map<String, Indicators> byUnit = calculator.rollUp("AG", JUNE, AS_OF, events);

        Indicators k1 = byUnit.get("k1");
        assertThat(k1.receptions()).isEqualTo(2);
        assertThat(k1.receptionsBhyt()).isEqualTo(1);
        assertThat(k1.receptionsFee()).isEqualTo(1);
        assertThat(k1.payments()).isEqualTo(1);
        assertThat(k1.paymentsVnd()).isEqualTo(50_000);
        Indicators province = byUnit.get("AG");
        assertThat(province.receptions()).isEqualTo(2);
        assertThat(province.transactionCodes()).isEqualTo(1);
        assertThat(province.cardReadsOk()).isEqualTo(1);
        assertThat(province.cardReads()).isEqualTo(2);
        assertThat(province.cardReadSuccessPercent()).contains(new BigDecimal("50.00"));
        assertThat(province.timeUnknown()).isEqualTo(1);
        assertThat(byUnit.get("k2").timeUnknown()).isEqualTo(1);
        assertThat(byUnit.get("k1").timeUnknown()).isZero();
        assertThat(byUnit.get("AP3")).isEqualTo(Indicators.ZERO.toBuilder().build());
    }

    @Test
    void rollUp_uniqueCitizens_areDistinctAtEachLevelNotSummed() {
        Instant t = local("2026-06-01T10:00");
        List<ReportEvent> events = List.of(
                new ReportEvent.CardRead(EventOrigin.at("k1", t), true, Optional.of("citizen-A")),
                new ReportEvent.CardRead(EventOrigin.at("k2", t), true, Optional.of("citizen-A")),
                new ReportEvent.FieldAssist(EventOrigin.at("pi1", t).countedAt("AP3"), FieldActivity.EHEALTH_BOOK,
                        AgeGroup.AGE_14_PLUS, Optional.of("citizen-A")),
                new ReportEvent.FieldAssist(EventOrigin.at("pi1", t).countedAt("AP3"), FieldActivity.VNEID_L2_ACTIVATION,
                        AgeGroup.AGE_6_TO_13, Optional.of("citizen-B")));

        Map<String, Indicators> byUnit = calculator.rollUp("AG", JUNE, AS_OF, events);

        assertThat(byUnit.get("k1").uniqueCitizens()).isEqualTo(1);
        assertThat(byUnit.get("k2").uniqueCitizens()).isEqualTo(1);
        assertThat(byUnit.get("TTYT-PQ").uniqueCitizens()).isEqualTo(1);
        assertThat(byUnit.get("AP3").uniqueCitizens()).isEqualTo(2);
        assertThat(byUnit.get("AG").uniqueCitizens()).isEqualTo(2);
        // plus() is only an upper bound for distinct citizens:
        assertThat(byUnit.get("TTYT-PQ").plus(byUnit.get("AP3")).uniqueCitizens()).isEqualTo(3);
        // Field assists count where the citizen was helped (AP3), not under the team's zone.
        assertThat(byUnit.get("AP3").fieldAssists().total()).isEqualTo(2);
        assertThat(byUnit.get("PQ").fieldAssists().total()).isZero();
    }

    @Test
    void rollUp_devices_activeInPeriodOrSilentForMoreThanThreshold() {
        List<ReportEvent> events = List.of(
                new ReportEvent.Heartbeat(EventOrigin.at("k1", local("2026-06-09T12:00"))), // active, recent
                new ReportEvent.Heartbeat(EventOrigin.at("k2", local("2026-05-12T12:00"))), // active, then silent
                new ReportEvent.Heartbeat(EventOrigin.at("pi1", local("2026-07-01T12:00")))); // after asOf: unseen

        Indicators province = calculator.compute("AG", JUNE, AS_OF, events);

        assertThat(province.activeDevices()).isEqualTo(2); // k1, k2
        // k2 was last seen 29 days before asOf; pi1 (live 19/6) and k3 (live 1/7) are not live on 11/6.
        assertThat(province.silentDevices()).isEqualTo(1);
    }

    @Test
    void target_progress_countsBaselinePlusAssistsOfItsAgeGroups() {
        Indicators ward = Indicators.builder()
                .fieldAssist(FieldActivity.VNEID_L2_ACTIVATION, AgeGroup.AGE_14_PLUS, 150)
                .fieldAssist(FieldActivity.VNEID_L2_ACTIVATION, AgeGroup.AGE_6_TO_13, 40)
                .build();
        Target adults = new Target("AP3", FieldActivity.VNEID_L2_ACTIVATION, Set.of(AgeGroup.AGE_14_PLUS), 1_000, 800,
                new BigDecimal("95"));

        TargetProgress progress = adults.progress(ward);

        assertThat(progress.achieved()).isEqualTo(950);
        assertThat(progress.percent()).isEqualByComparingTo("95.00");
        assertThat(progress.required()).isEqualTo(950);
        assertThat(progress.met()).isTrue();
        assertThat(new Target("AP3", FieldActivity.VNEID_L2_ACTIVATION, Set.of(AgeGroup.AGE_6_TO_13), 101, 0,
                new BigDecimal("70")).progress(ward).shortfall()).isEqualTo(31); // ⌈70.7⌉ − 40
    }

    @Test
    void indicators_plus_addsEveryFigure() {
        Indicators a = Indicators.builder().receptions(5_437, 17).transactionCodes(5_409).payments(17, 880_000)
                .cardReads(3, 4).timeUnknown(2).fieldAssist(FieldActivity.EHEALTH_BOOK, AgeGroup.AGE_14_PLUS, 5).build();

        Indicators sum = a.plus(a);

        assertThat(sum.receptions()).isEqualTo(10_908);
        assertThat(sum.paymentsVnd()).isEqualTo(1_760_000);
        assertThat(sum.cardReads()).isEqualTo(8);
        assertThat(sum.timeUnknown()).isEqualTo(4);
        assertThat(sum.fieldAssists().get(FieldActivity.EHEALTH_BOOK, AgeGroup.AGE_14_PLUS)).isEqualTo(10);
    }
}
