package vn.kiosk06.server.report.rollup;

import java.util.List;

/**
 * The counters of the daily rollup ({@code rollup_daily}, see V3__rollups.sql): one array slot per metric, in
 * column order. Kept as indices into a {@code long[]} because the writer adds thousands of events per batch and
 * the query side sums whole rows; {@link RollupTotals} gives them names.
 */
public final class Rollup {

    public static final int EVENTS = 0;
    public static final int BHYT = 1;
    public static final int FEE = 2;
    public static final int CODES = 3;
    public static final int PAYMENTS = 4;
    public static final int PAYMENTS_VND = 5;
    public static final int READS_OK = 6;
    public static final int READS_FAILED = 7;
    /** First of the 4 activities × 3 age groups field-assist cells (activity-major). */
    public static final int ASSISTS = 8;
    public static final int SIZE = ASSISTS + 12;

    /** Column names in slot order. */
    private static final String[] COLUMNS = columns();

    /** The local day that stands for "time unknown" in {@code rollup_daily.day}. */
    public static final long UNKNOWN_DAY = -1_000_000L;

    private Rollup() {
    }

    /** The slot of a field-assist cell; activity 0..3 and age group 0..2 in wire-enum order minus one. */
    public static int assistMetric(int activity, int ageGroup) {
        return ASSISTS + activity * 3 + ageGroup;
    }

    private static String[] columns() {
        String[] c = new String[SIZE];
        String[] fixed = {"events", "bhyt", "fee", "codes", "payments", "payments_vnd", "reads_ok", "reads_failed"};
        System.arraycopy(fixed, 0, c, 0, fixed.length);
        for (int a = 0; a < 4; a++) {
            for (int g = 0; g < 3; g++) {
                c[assistMetric(a, g)] = "assist_" + a + "_" + g;
            }
        }
        return c;
    }

    /** The {@code rollup_daily} column of {@code slot}. */
    public static String column(int slot) {
        return COLUMNS[slot];
    }

    /** Every column in slot order, for the stores' SQL. */
    public static List<String> columnNames() {
        return List.of(COLUMNS);
    }

    /** "col1, col2, …" in slot order. */
    public static String columnList() {
        return String.join(", ", COLUMNS);
    }
}
