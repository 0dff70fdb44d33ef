package vn.kiosk06.server.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;


/**
 * The indicator table of a period — one row per unit (typically a unit and its children), one column
 * per figure — as CSV, with Vietnamese column headers. (The spreadsheet for people is {@link IndicatorWorkbook}.)
 *
 * <p>CSV is for machines and re-import: UTF-8 with a byte-order mark (so Excel shows Vietnamese), comma
 * separated, CRLF line ends, RFC 4180 quoting (Apache Commons CSV), unit codes and names a spreadsheet would run as
 * a formula prefixed with {@code '} ({@link CsvInjection}), plain integers without grouping, the success rate as a
 * plain decimal with a dot ({@code 79.48}) and empty when there were no look-ups. Immutable and thread-safe.
 *
 * @param period the period the figures are for (printed in the "Từ ngày"/"Đến ngày" columns)
 * @param rows   the rows, in print order
 */
public record IndicatorTableExport(ReportingPeriod period, List<Row> rows) {

    /** One unit's figures. */
    public record Row(String unitCode, String unitName, Indicators figures) {
        public Row {
            Objects.requireNonNull(unitCode, "unitCode");
            Objects.requireNonNull(unitName, "unitName");
            Objects.requireNonNull(figures, "figures");
        }
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /**
     * A figure: its label (with its unit of measure), and its value as a number (empty when it has none). The CSV's
     * columns and the spreadsheet's rows ({@link IndicatorWorkbook}).
     */
    record Column(String header, Function<Indicators, Optional<Number>> value) {
    }

    /** The figures, in print order. */
    static final List<Column> FIGURES = figureColumns();

    public IndicatorTableExport {
        Objects.requireNonNull(period, "period");
        rows = List.copyOf(rows);
    }

    /** All column headers, in order. */
    public static List<String> headers() {
        List<String> headers = new ArrayList<>(List.of("Mã đơn vị", "Tên đơn vị", "Từ ngày", "Đến ngày"));
        FIGURES.forEach(c -> headers.add(c.header()));
        return headers;
    }

    private static List<Column> figureColumns() {
        List<Column> columns = new ArrayList<>();
        columns.add(count("Kiosk tiếp nhận (ca)", Indicators::receptions));
        columns.add(count("Ca BHYT", Indicators::receptionsBhyt));
        columns.add(count("Ca thu phí", Indicators::receptionsFee));
        columns.add(count("Tạo mã giao dịch (ca)", Indicators::transactionCodes));
        columns.add(count("Thanh toán qua Kiosk (ca)", Indicators::payments));
        columns.add(count("Số tiền thanh toán (đồng)", Indicators::paymentsVnd));
        columns.add(count("Tra cứu thành công (lượt)", Indicators::cardReadsOk));
        columns.add(count("Tổng lượt tra cứu", Indicators::cardReads));
        columns.add(new Column("Tỷ lệ tra cứu thành công (%)", f -> f.cardReadSuccessPercent().map(p -> p)));
        for (FieldActivity activity : FieldActivity.values()) {
            for (AgeGroup group : List.of(AgeGroup.AGE_14_PLUS, AgeGroup.AGE_6_TO_13, AgeGroup.AGE_UNDER_6)) {
                columns.add(count(shortName(activity) + " – " + shortAge(group),
                        f -> f.fieldAssists().get(activity, group)));
            }
        }
        columns.add(count("Công dân được phục vụ (không trùng lặp)", Indicators::uniqueCitizens));
        columns.add(count("Thiết bị hoạt động", Indicators::activeDevices));
        columns.add(count("Thiết bị không gửi dữ liệu", Indicators::silentDevices));
        columns.add(count("Sự kiện chưa rõ thời điểm", Indicators::timeUnknown));
        return List.copyOf(columns);
    }

    private static Column count(String header, ToLongFunction<Indicators> value) {
        return new Column(header, f -> Optional.of(value.applyAsLong(f)));
    }

    private static String shortName(FieldActivity activity) {
        switch (activity) {
            case VNEID_L2_ACTIVATION:
                return "Kích hoạt VNeID mức 2";
            case BHYT_INTEGRATION:
                return "Tích hợp thẻ BHYT";
            case EHEALTH_BOOK:
                return "Sổ sức khỏe điện tử";
            case ONLINE_SERVICE_HELP:
                return "Hỗ trợ dịch vụ công trực tuyến";
            default:
                throw new AssertionError(activity);
        }
    }

    private static String shortAge(AgeGroup group) {
        switch (group) {
            case AGE_14_PLUS:
                return "từ 14 tuổi";
            case AGE_6_TO_13:
                return "6 đến dưới 14 tuổi";
            case AGE_UNDER_6:
                return "dưới 6 tuổi";
            default:
                throw new AssertionError(group);
        }
    }

    /** The CSV text, without the byte-order mark; unit codes and names made inert for spreadsheets ({@link CsvInjection}). */
    public String csv() {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = CSVFormat.RFC4180.print(out)) {
            printer.printRecord(headers());
            for (Row row : rows) {
                List<String> cells = new ArrayList<>(List.of(CsvInjection.inert(row.unitCode()),
                        CsvInjection.inert(row.unitName()), VietnameseDates.shortDate(period.firstDay()),
                        VietnameseDates.shortDate(period.lastDay())));
                for (Column column : FIGURES) {
                    cells.add(column.value().apply(row.figures()).map(IndicatorTableExport::plain).orElse(""));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        }
        return out.toString();
    }

    /** The CSV file's bytes: UTF-8 with a byte-order mark. */
    public byte[] csvBytes() {
        byte[] text = csv().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[UTF8_BOM.length + text.length];
        System.arraycopy(UTF8_BOM, 0, out, 0, UTF8_BOM.length);
        System.arraycopy(text, 0, out, UTF8_BOM.length, text.length);
        return out;
    }

    private static String plain(Number n) {
        return n instanceof BigDecimal d ? d.toPlainString() : n.toString();
    }
}
