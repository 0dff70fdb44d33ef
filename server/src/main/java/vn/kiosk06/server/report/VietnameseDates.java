package vn.kiosk06.server.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/**
 * Dates the way the seed reports write them.
 *
 * <p>The seeds are not uniform, so there are two styles. Period bounds use day/month without a leading
 * zero on the month ("Từ 11/12/2025 đến 10/6/2026", seed 000; "19/6/2026", seed 002). A go-live or
 * "since" date is written zero-padded ("Lũy kế Từ 06/02/2025", "từ ngày 06/02/2025", seed 000). Month
 * labels are zero-padded ("tháng 01/2026", seed 004). Stateless and thread-safe.
 */
public final class VietnameseDates {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d/M/uuuu");
    private static final DateTimeFormatter PADDED = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM/uuuu");

    private VietnameseDates() {
    }

    /** {@code 10/6/2026}: period bounds. */
    public static String shortDate(LocalDate date) {
        return SHORT.format(date);
    }

    /** {@code 06/02/2025}: go-live and cumulative "since" dates. */
    public static String paddedDate(LocalDate date) {
        return PADDED.format(date);
    }

    /** {@code tháng 01/2026}: a month label. */
    public static String monthLabel(YearMonth month) {
        return "tháng " + MONTH.format(month);
    }
}
