package vn.kiosk06.server.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import vn.kiosk06.wire.AgeGroup;

/**
 * The spreadsheet a secretary files: laid out as official tables are, indicators as rows and units as columns, each
 * unit with its period ("Trong kỳ") and cumulative ("Lũy kế") figures, under a title, the period as real date cells
 * and when it was made; the unit's targets below; a second sheet with every facility and team. The first unit column
 * is the unit's total; the others are its children, headed "Trong đó:" because they are already inside that total,
 * so summing a row across columns never double counts by accident. Immutable and thread-safe.
 *
 * @param unitName    the unit the spreadsheet is for
 * @param period      the period
 * @param generatedAt when it was made
 * @param units       the unit's total first, then its direct children
 * @param targets     the unit's targets, counted over the period
 * @param facilities  every facility and team in the unit's subtree
 */
public record IndicatorWorkbook(String unitName, ReportingPeriod period, Instant generatedAt, List<UnitColumn> units,
                                List<TargetProgress> targets, List<UnitColumn> facilities) {

    /** The sheet names. */
    public static final String SUMMARY = "Tổng hợp";
    public static final String FACILITIES = "Cơ sở, tổ";

    /** One unit's column pair. {@code cumulative} is empty for a unit with no go-live date. */
    public record UnitColumn(String code, String heading, Indicators figures, Optional<Indicators> cumulative,
                             Optional<LocalDate> since) {
        public UnitColumn {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(figures, "figures");
            Objects.requireNonNull(cumulative, "cumulative");
            Objects.requireNonNull(since, "since");
        }
    }

    public IndicatorWorkbook {
        Objects.requireNonNull(unitName, "unitName");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(generatedAt, "generatedAt");
        units = List.copyOf(units);
        if (units.isEmpty()) {
            throw new IllegalArgumentException("units must hold at least the unit's own total");
        }
        targets = List.copyOf(targets);
        facilities = List.copyOf(facilities);
    }

    /** The workbook's bytes (.xlsx). */
    public byte[] xlsx() {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(book);
            Sheet summary = book.createSheet(SUMMARY);
            int row = title(summary, styles, "BẢNG TỔNG HỢP CHỈ SỐ KIOSK Y TẾ VÀ TỔ CÔNG NGHỆ SỐ — " + unitName, units.size());
            summary.createRow(row++).createCell(0).setCellValue("Cột đầu là tổng của đơn vị; các cột \"Trong đó\" là"
                    + " đơn vị trực thuộc, đã nằm trong tổng (không cộng thêm).");
            row = table(summary, styles, row + 1, units);
            targets(summary, styles, row + 1);
            Sheet facilitySheet = book.createSheet(FACILITIES);
            int frow = title(facilitySheet, styles, "CHỈ SỐ THEO CƠ SỞ Y TẾ VÀ TỔ CÔNG NGHỆ SỐ — " + unitName,
                    facilities.size());
            if (facilities.isEmpty()) {
                facilitySheet.createRow(frow + 1).createCell(0).setCellValue("Không có cơ sở y tế hay tổ nào trực thuộc.");
            } else {
                table(facilitySheet, styles, frow + 1, facilities);
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write XLSX", e);
        }
    }

    /** Title, period and generated-at rows; returns the next free row. */
    private int title(Sheet sheet, Styles s, String text, int columnPairs) {
        Cell title = sheet.createRow(0).createCell(0);
        title.setCellValue(text);
        title.setCellStyle(s.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, Math.max(3, 1 + 2 * columnPairs)));
        Row p = sheet.createRow(1);
        p.createCell(0).setCellValue("Kỳ báo cáo");
        p.createCell(1).setCellValue("Từ ngày");
        date(p.createCell(2), period.firstDay(), s);
        p.createCell(3).setCellValue("Đến ngày");
        date(p.createCell(4), period.lastDay(), s);
        Row g = sheet.createRow(2);
        g.createCell(0).setCellValue("Lập lúc");
        Cell at = g.createCell(1);
        at.setCellValue(LocalDateTime.ofInstant(generatedAt, ReportingPeriod.ZONE));
        at.setCellStyle(s.dateTime);
        sheet.setColumnWidth(0, 6 * 256);
        sheet.setColumnWidth(1, 46 * 256);
        return 3;
    }

    /** The indicator rows under a two-row header of unit columns; returns the next free row. */
    private int table(Sheet sheet, Styles s, int first, List<UnitColumn> columns) {
        Row head = sheet.createRow(first);
        Row sub = sheet.createRow(first + 1);
        header(head.createCell(0), "STT", s);
        header(head.createCell(1), "Chỉ số", s);
        header(sub.createCell(0), "", s);
        header(sub.createCell(1), "", s);
        sheet.addMergedRegion(new CellRangeAddress(first, first + 1, 0, 0));
        sheet.addMergedRegion(new CellRangeAddress(first, first + 1, 1, 1));
        for (int u = 0; u < columns.size(); u++) {
            int c = 2 + 2 * u;
            header(head.createCell(c), columns.get(u).heading(), s);
            header(head.createCell(c + 1), "", s);
            sheet.addMergedRegion(new CellRangeAddress(first, first, c, c + 1));
            header(sub.createCell(c), "Trong kỳ", s);
            header(sub.createCell(c + 1), "Lũy kế", s);
            sheet.setColumnWidth(c, 15 * 256);
            sheet.setColumnWidth(c + 1, 15 * 256);
        }
        int r = first + 2;
        Row since = sheet.createRow(r++);
        since.createCell(1).setCellValue("Lũy kế tính từ ngày");
        for (int u = 0; u < columns.size(); u++) {
            Optional<LocalDate> day = columns.get(u).since();
            if (day.isPresent()) {
                date(since.createCell(3 + 2 * u), day.get(), s);
            }
        }
        int number = 1;
        for (IndicatorTableExport.Column figure : IndicatorTableExport.FIGURES) {
            Row row = sheet.createRow(r++);
            row.createCell(0).setCellValue(number++);
            row.createCell(1).setCellValue(figure.header());
            for (int u = 0; u < columns.size(); u++) {
                UnitColumn column = columns.get(u);
                number(row.createCell(2 + 2 * u), figure.value().apply(column.figures()), s);
                Cell cumulative = row.createCell(3 + 2 * u);
                column.cumulative().ifPresent(f -> number(cumulative, figure.value().apply(f), s));
            }
        }
        sheet.createFreezePane(2, first + 2);
        return r;
    }

    private void targets(Sheet sheet, Styles s, int first) {
        Row title = sheet.createRow(first);
        title.createCell(0).setCellValue("CHỈ TIÊU CỦA " + unitName.toUpperCase(java.util.Locale.ROOT) + " (tính trong kỳ)");
        title.getCell(0).setCellStyle(s.bold);
        if (targets.isEmpty()) {
            sheet.createRow(first + 1).createCell(1).setCellValue("Không có chỉ tiêu cho đơn vị này.");
            return;
        }
        Row head = sheet.createRow(first + 1);
        String[] headers = {"STT", "Chỉ tiêu", "Mẫu số (số dân)", "Đã đạt", "Tỷ lệ đạt (%)", "Chỉ tiêu (%)", "Còn thiếu"};
        for (int i = 0; i < headers.length; i++) {
            header(head.createCell(i), headers[i], s);
        }
        int r = first + 2;
        for (TargetProgress p : targets) {
            Target t = p.target();
            Row row = sheet.createRow(r);
            row.createCell(0).setCellValue(r - first - 1);
            row.createCell(1).setCellValue(t.activity().vietnamese() + " (" + t.ageGroups().stream()
                    .sorted().map(AgeGroup::vietnamese).reduce((a, b) -> a + ", " + b).orElse("") + ")");
            number(row.createCell(2), Optional.of(t.denominator()), s);
            number(row.createCell(3), Optional.of(p.achieved()), s);
            number(row.createCell(4), Optional.of(p.percent()), s);
            number(row.createCell(5), Optional.of(t.targetPercent()), s);
            number(row.createCell(6), Optional.of(p.shortfall()), s);
            r++;
        }
    }

    private static void header(Cell cell, String text, Styles s) {
        cell.setCellValue(text);
        cell.setCellStyle(s.header);
    }

    private static void date(Cell cell, LocalDate day, Styles s) {
        cell.setCellValue(day);
        cell.setCellStyle(s.date);
    }

    private static void number(Cell cell, Optional<? extends Number> value, Styles s) {
        value.ifPresent(n -> {
            cell.setCellValue(n.doubleValue());
            cell.setCellStyle(n instanceof BigDecimal ? s.decimal : s.integer);
        });
    }

    /** The workbook's cell styles, made once per workbook. */
    private static final class Styles {
        final CellStyle title;
        final CellStyle bold;
        final CellStyle header;
        final CellStyle integer;
        final CellStyle decimal;
        final CellStyle date;
        final CellStyle dateTime;

        Styles(XSSFWorkbook book) {
            Font boldFont = book.createFont();
            boldFont.setBold(true);
            Font big = book.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = book.createCellStyle();
            title.setFont(big);
            bold = book.createCellStyle();
            bold.setFont(boldFont);
            header = book.createCellStyle();
            header.setFont(boldFont);
            header.setWrapText(true);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            integer = book.createCellStyle();
            integer.setDataFormat(book.createDataFormat().getFormat("#,##0"));
            decimal = book.createCellStyle();
            decimal.setDataFormat(book.createDataFormat().getFormat("0.00"));
            date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy"));
            dateTime = book.createCellStyle();
            dateTime.setDataFormat(book.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
        }
    }
}
