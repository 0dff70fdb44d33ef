package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

class ReportParagraphTest {

    /** Seed 000: "Số liệu KIOSK Y TẾ 6 tháng đầu năm 2026: (Từ 11/12/2025 đến 10/6/2026)". */
    private static final ReportingPeriod SIX_MONTHS = PeriodSpec.parse("months:6@2025-12-11").period();
    private static final ReportingPeriod SINCE_GO_LIVE =
            new ReportingCalendar.Cumulative(java.time.LocalDate.of(2025, 2, 6)).through(SIX_MONTHS);

    private static final Indicators SEED_000_PERIOD = Indicators.builder()
            .receptions(5_437, 17).transactionCodes(5_409).payments(17, 880_000).build();
    private static final Indicators SEED_000_CUMULATIVE = Indicators.builder()
            .receptions(17_349, 53).transactionCodes(17_015).payments(53, 2_583_500).build();

    @Test
    void vietnamese_seed000Kiosk_reproducesTheSeedSentenceInReportNumberStyle() {
        String text = ReportParagraph.of("Trung tâm Y tế Phú Quốc", SIX_MONTHS, SEED_000_PERIOD)
                .withCumulative(SINCE_GO_LIVE, SEED_000_CUMULATIVE)
                .vietnamese();

        // The seed writes "5454" and "Lũy kế Từ"; DOMAIN.md's number style groups thousands with "."
        // and the issue writes "Lũy kế từ". The seed mixes "06/02/2025" with "10/6/2026" in one sentence; the
        // report writes every date in one form, zero-padded as seed 004 does ("16/12/2025–15/01/2026"), so
        // "10/06/2026" (issue 14). Everything else is the seed's text, character for character.
        assertThat(text).isEqualTo("- Số liệu Kiosk y tế Trung tâm Y tế Phú Quốc: (Từ 11/12/2025 đến 10/06/2026)"
                + " Kiosk tiếp nhận: 5.454 ca (trong đó 5.437 ca BHYT, 17 ca thu phí); tạo mã giao dịch là 5.409 ca;"
                + " thực hiện thanh toán qua Kiosk 17 ca 880.000đ. Lũy kế từ 06/02/2025 đến 10/06/2026 Kiosk tiếp nhận"
                + " 17.402 ca (trong đó 17.349 ca BHYT, 53 ca thu phí); tạo mã giao dịch là 17.015 ca; thực hiện"
                + " thanh toán qua Kiosk 53 ca 2.583.500đ.");
    }

    @Test
    void unfinishedPeriod_saysTinhDenNgayToday_neverTheFutureLastDay() {
        ReportingPeriod month = PeriodSpec.parse("month:11@2026-12").period(); // 11/11/2026–10/12/2026
        ReportingPeriod since = new ReportingCalendar.Cumulative(java.time.LocalDate.of(2025, 2, 6)).through(month);
        ReportParagraph p = ReportParagraph.of("Trung tâm Y tế Phú Quốc", month, SEED_000_PERIOD)
                .withCumulative(since, SEED_000_CUMULATIVE)
                .asOf(java.time.LocalDate.of(2026, 12, 4));

        assertThat(p.vietnamese()).startsWith("- Số liệu Kiosk y tế Trung tâm Y tế Phú Quốc: (Từ 11/11/2026 tính đến"
                        + " ngày 04/12/2026) Kiosk tiếp nhận: 5.454 ca")
                .contains("Lũy kế từ 06/02/2025 tính đến ngày 04/12/2026 Kiosk tiếp nhận 17.402 ca")
                .doesNotContain("10/12/2026");
        assertThat(p.english()).contains("(11 Nov 2026 up to 4 Dec 2026 (period not over))")
                .doesNotContain("10 Dec 2026");
    }

    @Test
    void finishedPeriod_asOfAfterItsEnd_keepsTheUsualWording() {
        ReportingPeriod month = PeriodSpec.parse("month:11@2026-11").period(); // 11/10/2026–10/11/2026
        String text = ReportParagraph.of("Trung tâm Y tế Phú Quốc", month, SEED_000_PERIOD)
                .asOf(java.time.LocalDate.of(2026, 12, 4)).vietnamese();

        assertThat(text).contains("(Từ 11/10/2026 đến 10/11/2026)").doesNotContain("tính đến");
    }

    @Test
    void vietnamese_seed003LookUps_givesTheRateSentence() {
        Indicators lookUps = Indicators.builder().cardReads(1_446_901, 1_820_467).build();

        String text = ReportParagraph.of("Tỉnh Kiên Giang", SIX_MONTHS, lookUps).vietnamese();

        assertThat(text).isEqualTo("- Tra cứu thông tin bằng thẻ Căn cước/CCCD, VNeID tại Kiosk:"
                + " tra cứu thành công 1.446.901/1.820.467 lượt, đạt tỷ lệ 79,48%.");
    }

    /** A full dataset: kiosk, look-ups, field teams, a target, devices and events of unknown time. */
    private static ReportParagraph fullParagraph() {
        ReportingPeriod week = PeriodSpec.parse("week:WED@2026-07-01").period();
        Indicators figures = SEED_000_PERIOD.toBuilder()
                .cardReads(1_446_901, 1_820_467)
                .fieldAssist(FieldActivity.VNEID_L2_ACTIVATION, AgeGroup.AGE_14_PLUS, 1_200)
                .fieldAssist(FieldActivity.VNEID_L2_ACTIVATION, AgeGroup.AGE_6_TO_13, 345)
                .fieldAssist(FieldActivity.BHYT_INTEGRATION, AgeGroup.AGE_14_PLUS, 800)
                .fieldAssist(FieldActivity.EHEALTH_BOOK, AgeGroup.AGE_14_PLUS, 600)
                .fieldAssist(FieldActivity.EHEALTH_BOOK, AgeGroup.AGE_UNDER_6, 12)
                .uniqueCitizens(4_321).activeDevices(3).silentDevices(1).timeUnknown(12)
                .build();
        Indicators cumulative = SEED_000_CUMULATIVE.toBuilder().cardReads(3_000_000, 3_500_000).build();
        Target adults = new Target("AP3", FieldActivity.VNEID_L2_ACTIVATION, Set.of(AgeGroup.AGE_14_PLUS), 10_000,
                8_000, new BigDecimal("95"));
        return ReportParagraph.of("Đặc khu Phú Quốc", week, figures)
                .withCumulative(new ReportingCalendar.Cumulative(java.time.LocalDate.of(2025, 2, 6)).through(week),
                        cumulative)
                .withTargets(List.of(adults.progress(figures)))
                .withSilentAfterDays(7);
    }

    @Test
    void vietnamese_fullDataset_isExactText() {
        assertThat(fullParagraph().vietnamese()).isEqualTo(String.join("\n",
                "- Số liệu Kiosk y tế Đặc khu Phú Quốc: (Từ 01/07/2026 đến 07/07/2026) Kiosk tiếp nhận: 5.454 ca (trong đó"
                        + " 5.437 ca BHYT, 17 ca thu phí); tạo mã giao dịch là 5.409 ca; thực hiện thanh toán qua Kiosk"
                        + " 17 ca 880.000đ. Lũy kế từ 06/02/2025 đến 07/07/2026 Kiosk tiếp nhận 17.402 ca (trong đó"
                        + " 17.349 ca BHYT, 53 ca thu phí); tạo mã giao dịch là 17.015 ca; thực hiện thanh toán qua"
                        + " Kiosk 53 ca 2.583.500đ.",
                "- Tra cứu thông tin bằng thẻ Căn cước/CCCD, VNeID tại Kiosk: tra cứu thành công 1.446.901/1.820.467"
                        + " lượt, đạt tỷ lệ 79,48%. Lũy kế từ 06/02/2025 đến 07/07/2026 tra cứu thành công"
                        + " 3.000.000/3.500.000 lượt, đạt tỷ lệ 85,71%.",
                "- Tổ công nghệ số cộng đồng: kích hoạt tài khoản định danh điện tử mức 2 cho 1.545 công dân (trong đó"
                        + " 1.200 công dân từ đủ 14 tuổi trở lên, 345 công dân từ đủ 6 tuổi đến dưới 14 tuổi); tích hợp"
                        + " thẻ BHYT trên VNeID cho 800 công dân; tạo lập Sổ sức khỏe điện tử trên VNeID cho 612 công"
                        + " dân (trong đó 600 công dân từ đủ 14 tuổi trở lên, 12 công dân dưới 6 tuổi).",
                "- Chỉ tiêu kích hoạt tài khoản định danh điện tử mức 2 (công dân từ đủ 14 tuổi trở lên): 9.200/10.000,"
                        + " đạt tỷ lệ 92% (chỉ tiêu 95%; còn thiếu 300).",
                "- Số công dân được phục vụ (không trùng lặp): 4.321; thiết bị hoạt động trong kỳ: 3; thiết bị không"
                        + " gửi dữ liệu quá 7 ngày: 1.",
                "- Có 12 sự kiện chưa rõ thời điểm (đồng hồ thiết bị chưa được hiệu chỉnh), chưa được tính vào kỳ"
                        + " báo cáo nào."));
    }

    @Test
    void english_fullDataset_isExactText() {
        assertThat(fullParagraph().english()).isEqualTo(String.join("\n",
                "- Health kiosk figures, Đặc khu Phú Quốc (1 Jul 2026 to 7 Jul 2026): kiosk receptions: 5,454 cases"
                        + " (5,437 insured (BHYT), 17 fee-paying); transaction codes created: 5,409; payments at the"
                        + " kiosk: 17 cases, 880,000 VND. Cumulative from 6 Feb 2025 to 7 Jul 2026: kiosk receptions:"
                        + " 17,402 cases (17,349 insured (BHYT), 53 fee-paying); transaction codes created: 17,015;"
                        + " payments at the kiosk: 53 cases, 2,583,500 VND.",
                "- ID card / VNeID look-ups at kiosks: 1,446,901 of 1,820,467 successful (79.48%). Cumulative from"
                        + " 6 Feb 2025 to 7 Jul 2026: 3,000,000 of 3,500,000 successful (85.71%).",
                "- Community digital-technology teams: VNeID level-2 activations: 1,545 citizens (1,200 aged 14 and"
                        + " over, 345 aged 6–13); health-insurance cards integrated into VNeID: 800 citizens; e-health"
                        + " books set up: 612 citizens (600 aged 14 and over, 12 under 6).",
                "- Target for VNeID level-2 activations (citizens aged 14 and over): 9,200 of 10,000, 92% (target 95%;"
                        + " 300 short).",
                "- Distinct citizens served: 4,321; devices active in the period: 3; devices silent for more than 7"
                        + " days: 1.",
                "- 12 events have an unknown time (device clock not corrected) and are not counted in any period."));
    }

    @Test
    void vietnamese_noFiguresAtAll_saysSoInsteadOfEmptyText() {
        assertThat(ReportParagraph.of("Phường Rạch Giá", SIX_MONTHS, Indicators.ZERO).vietnamese())
                .isEqualTo("- Phường Rạch Giá: (Từ 11/12/2025 đến 10/06/2026) không có số liệu.");
    }

    @Test
    void vietnamese_onlyTimeUnknown_isNotSilentlyDropped() {
        String text = ReportParagraph.of("Trạm Y tế", SIX_MONTHS, Indicators.builder().timeUnknown(3).build())
                .vietnamese();

        // The words of README's "chưa rõ thời điểm" line and the dashboard's card, not a second phrasing.
        assertThat(text).isEqualTo("- Có 3 sự kiện chưa rõ thời điểm (đồng hồ thiết bị chưa được hiệu chỉnh), chưa"
                + " được tính vào kỳ báo cáo nào.");
    }
}
