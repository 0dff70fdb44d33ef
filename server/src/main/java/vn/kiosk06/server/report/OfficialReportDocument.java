package vn.kiosk06.server.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;

/**
 * A unit's report for a period as a Word document in the administrative layout the seed reports use (Nghị định
 * 30/2020 on administrative documents): the issuing unit and "Số: …/BC-…" on the left, the national motto on the
 * right, place and date, the title "BÁO CÁO", the report lines with cumulative figures, the closing sentence and
 * "Nơi nhận". Times New Roman, 13 pt body and 14 pt headings. The number is left blank for the office's clerk to
 * fill in when the document is registered, as is the practice. Immutable and thread-safe.
 *
 * @param report     the unit's report (figures, cumulative, targets, paragraph)
 * @param parentName the name of the unit above it (the governing body line), if it has one
 * @param today      the document's date
 */
public record OfficialReportDocument(UnitReport report, Optional<String> parentName, LocalDate today) {

    static final String FONT = "Times New Roman";
    static final int BODY_PT = 13;
    static final int HEADING_PT = 14;
    private static final Pattern LEVEL_PREFIX = Pattern.compile(
            "^(Tỉnh|Thành phố|Đặc khu|Phường|Xã|Trung tâm Y tế( đặc khu)?|Bệnh viện|Trạm Y tế)\\s+");

    public OfficialReportDocument {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(parentName, "parentName");
        Objects.requireNonNull(today, "today");
    }

    /** The place written before the date: the unit's name without its level ("Đặc khu Phú Quốc" → "Phú Quốc"). */
    String place() {
        return LEVEL_PREFIX.matcher(report.unitName()).replaceFirst("");
    }

    /** "(Từ ngày 11/10/2026 đến ngày 10/11/2026)", or for a period not over "(Từ ngày 11/11/2026 tính đến ngày 04/12/2026)". */
    String periodLine() {
        ReportingPeriod p = report.spec().period();
        String end = report.paragraph().asOf().map(d -> "tính đến ngày " + VietnameseDates.paddedDate(d))
                .orElseGet(() -> "đến ngày " + VietnameseDates.paddedDate(p.lastDay()));
        return "Từ ngày " + VietnameseDates.paddedDate(p.firstDay()) + " " + end;
    }

    /** The .docx bytes. */
    public byte[] docx() {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            header(doc);
            XWPFParagraph date = paragraph(doc, ParagraphAlignment.RIGHT);
            run(date, place() + ", ngày " + pad(today.getDayOfMonth()) + " tháng " + pad(today.getMonthValue()) + " năm "
                    + today.getYear(), BODY_PT, false, true);
            date.setSpacingAfter(240);

            XWPFParagraph title = paragraph(doc, ParagraphAlignment.CENTER);
            run(title, "BÁO CÁO", HEADING_PT, true, false);
            XWPFParagraph subject = paragraph(doc, ParagraphAlignment.CENTER);
            run(subject, "Kết quả Kiosk y tế thông minh và Tổ công nghệ số cộng đồng (Đề án 06)", HEADING_PT, true, false);
            XWPFParagraph period = paragraph(doc, ParagraphAlignment.CENTER);
            run(period, "(" + periodLine() + ")", HEADING_PT, false, false);
            period.setSpacingAfter(240);

            body(doc, report.unitName() + " báo cáo kết quả tiếp nhận người bệnh qua Kiosk y tế, tra cứu thông tin"
                    + " bằng thẻ Căn cước/CCCD, VNeID và hỗ trợ người dân của Tổ công nghệ số cộng đồng trong kỳ báo cáo"
                    + " như sau:");
            for (String line : report.paragraph().vietnamese().split("\n")) {
                body(doc, line);
            }
            body(doc, "Trên đây là báo cáo kết quả của " + report.unitName() + " (số liệu " + lowerFirst(periodLine())
                    + "), số liệu được tổng hợp tự động từ các thiết bị Kiosk và máy cầm tay của đơn vị./.");

            footer(doc);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write DOCX", e);
        }
    }

    /** Left: governing body, unit, number; right: the national motto. A table without borders, as Word templates do. */
    private void header(XWPFDocument doc) {
        XWPFTable table = twoColumns(doc, "40%", "60%");
        XWPFTableCell left = table.getRow(0).getCell(0);
        XWPFTableCell right = table.getRow(0).getCell(1);
        XWPFParagraph l1 = first(left);
        l1.setAlignment(ParagraphAlignment.CENTER);
        run(l1, parentName.map(n -> n.toUpperCase(Locale.ROOT)).orElse(""), BODY_PT, false, false);
        XWPFParagraph l2 = left.addParagraph();
        l2.setAlignment(ParagraphAlignment.CENTER);
        run(l2, report.unitName().toUpperCase(Locale.ROOT), BODY_PT, true, false);
        XWPFParagraph l3 = left.addParagraph();
        l3.setAlignment(ParagraphAlignment.CENTER);
        run(l3, "Số:        /BC-" + report.unitCode().toUpperCase(Locale.ROOT), BODY_PT, false, false);
        XWPFParagraph r1 = first(right);
        r1.setAlignment(ParagraphAlignment.CENTER);
        run(r1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BODY_PT, true, false);
        XWPFParagraph r2 = right.addParagraph();
        r2.setAlignment(ParagraphAlignment.CENTER);
        run(r2, "Độc lập - Tự do - Hạnh phúc", HEADING_PT, true, false);
    }

    /** "Nơi nhận" on the left, the head of the unit's signature block on the right. */
    private void footer(XWPFDocument doc) {
        XWPFTable table = twoColumns(doc, "50%", "50%");
        XWPFTableCell left = table.getRow(0).getCell(0);
        XWPFTableCell right = table.getRow(0).getCell(1);
        XWPFParagraph to = first(left);
        run(to, "Nơi nhận:", 12, true, true);
        for (String line : List.of("- Như trên;", "- Ban Chỉ đạo Đề án 06 cấp trên (báo cáo);", "- Lưu: VT.")) {
            run(left.addParagraph(), line, 11, false, false);
        }
        XWPFParagraph head = first(right);
        head.setAlignment(ParagraphAlignment.CENTER);
        run(head, "THỦ TRƯỞNG ĐƠN VỊ", BODY_PT, true, false);
        XWPFParagraph sign = right.addParagraph();
        sign.setAlignment(ParagraphAlignment.CENTER);
        run(sign, "(Ký, ghi rõ họ tên và đóng dấu)", BODY_PT, false, true);
    }

    /** A full-width one-row table of two cells without borders: how Word templates set blocks side by side. */
    private static XWPFTable twoColumns(XWPFDocument doc, String leftWidth, String rightWidth) {
        XWPFTable table = doc.createTable(1, 2);
        noBorders(table);
        table.setWidth("100%");
        table.getRow(0).getCell(0).setWidth(leftWidth);
        table.getRow(0).getCell(1).setWidth(rightWidth);
        return table;
    }

    private static void noBorders(XWPFTable table) {
        XWPFTable.XWPFBorderType none = XWPFTable.XWPFBorderType.NONE;
        table.setTopBorder(none, 0, 0, "auto");
        table.setBottomBorder(none, 0, 0, "auto");
        table.setLeftBorder(none, 0, 0, "auto");
        table.setRightBorder(none, 0, 0, "auto");
        table.setInsideHBorder(none, 0, 0, "auto");
        table.setInsideVBorder(none, 0, 0, "auto");
    }

    private static XWPFParagraph first(XWPFTableCell cell) {
        return cell.getParagraphs().isEmpty() ? cell.addParagraph() : cell.getParagraphs().get(0);
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, ParagraphAlignment alignment) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(alignment);
        return p;
    }

    /** A justified body paragraph with the first-line indent of administrative texts (1 cm). */
    private static void body(XWPFDocument doc, String text) {
        XWPFParagraph p = paragraph(doc, ParagraphAlignment.BOTH);
        p.setIndentationFirstLine(567);
        p.setSpacingAfter(120);
        run(p, text, BODY_PT, false, false);
    }

    private static void run(XWPFParagraph p, String text, int points, boolean bold, boolean italic) {
        XWPFRun r = p.createRun();
        r.setFontFamily(FONT);
        r.setFontSize(points);
        r.setBold(bold);
        r.setItalic(italic);
        r.setText(text);
    }

    private static String pad(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
