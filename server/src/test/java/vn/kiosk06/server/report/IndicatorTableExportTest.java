package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

class IndicatorTableExportTest {

    private static final ReportingPeriod PERIOD = PeriodSpec.parse("months:6@2025-12-11").period();

    private static IndicatorTableExport export() {
        Indicators kiosk = Indicators.builder().receptions(5_437, 17).transactionCodes(5_409).payments(17, 880_000)
                .cardReads(1_446_901, 1_820_467).activeDevices(2).build();
        Indicators team = Indicators.builder()
                .fieldAssist(FieldActivity.VNEID_L2_ACTIVATION, AgeGroup.AGE_14_PLUS, 1_200)
                .fieldAssist(FieldActivity.VNEID_L2_ACTIVATION, AgeGroup.AGE_6_TO_13, 345).timeUnknown(4).build();
        return new IndicatorTableExport(PERIOD, List.of(
                new IndicatorTableExport.Row("TTYT-PQ", "Trung tâm Y tế Phú Quốc", kiosk),
                new IndicatorTableExport.Row("TCNS-AP3", "Tổ công nghệ số \"ấp 3\", Dương Đông", team)));
    }

    @Test
    void headers_areVietnamese() {
        assertThat(IndicatorTableExport.headers()).startsWith("Mã đơn vị", "Tên đơn vị", "Từ ngày", "Đến ngày",
                "Kiosk tiếp nhận (ca)", "Ca BHYT", "Ca thu phí", "Tạo mã giao dịch (ca)", "Thanh toán qua Kiosk (ca)",
                "Số tiền thanh toán (đồng)", "Tra cứu thành công (lượt)", "Tổng lượt tra cứu",
                "Tỷ lệ tra cứu thành công (%)", "Kích hoạt VNeID mức 2 – từ 14 tuổi")
                .endsWith("Sự kiện chưa rõ thời điểm")
                .hasSize(4 + 9 + 12 + 4);
    }

    @Test
    void csv_isUtf8WithBom_quotedWhereNeeded_plainNumbers() {
        IndicatorTableExport export = export();
        byte[] bytes = export.csvBytes();

        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).isEqualTo(export.csv());
        String[] lines = text.split("\r\n", -1);
        assertThat(lines).hasSize(4); // header, two rows, and the empty string after the last CRLF
        assertThat(lines[0]).isEqualTo(String.join(",", IndicatorTableExport.headers()));
        assertThat(lines[1]).isEqualTo("TTYT-PQ,Trung tâm Y tế Phú Quốc,11/12/2025,10/6/2026,"
                + "5454,5437,17,5409,17,880000,1446901,1820467,79.48,"
                + "0,0,0,0,0,0,0,0,0,0,0,0,"
                + "0,2,0,0");
        assertThat(lines[2]).isEqualTo("TCNS-AP3,\"Tổ công nghệ số \"\"ấp 3\"\", Dương Đông\",11/12/2025,10/6/2026,"
                + "0,0,0,0,0,0,0,0,,"
                + "1200,345,0,0,0,0,0,0,0,0,0,0,"
                + "0,0,0,4");
        assertThat(lines[3]).isEmpty();
    }
}
