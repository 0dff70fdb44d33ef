package vn.kiosk06.server.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/**
 * Dates the way the seed reports write them.
 *
 * <p>The seeds are not uniform, so there are two styles. Short dates without leading zeros ("10/6/2026",
 * seed 000; "19/6/2026", seed 002) label periods in tables. Report sentences write every date zero-padded
 * ("Lũy kế từ 06/02/2025 đến 10/06/2026"; seed 004's "16/12/2025–15/01/2026"), never one form beside the other
 * in a sentence as seed 000 does. Month labels are zero-padded ("tháng 01/2026", seed 004). Stateless and
 * thread-safe.
 */
public final class VietnameseDates {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d/M/uuuu");
    private static final DateTimeFormatter PADDED = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM/uuuu");

    private VietnameseDates() {
    }

    /** {@code 10/6/2026}: period labels in tables. */
    public static String shortDate(LocalDate date) {
        return SHORT.format(date);
    }

    /** {@code 06/02/2025}: every date in a report sentence. */
    public static String paddedDate(LocalDate date) {
        return PADDED.format(date);
    }

    /** {@code tháng 01/2026}: a month label. */
    public static String monthLabel(YearMonth month) {
        return "tháng " + MONTH.format(month);
    }
}
