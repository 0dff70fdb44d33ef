package vn.kiosk06.server.report.rollup;

/** Local days of Asia/Ho_Chi_Minh as epoch days: the day a rollup row and a report count an event under. */
public final class LocalDays {

    /** Milliseconds of UTC+7: Vietnam's zone has had no DST since 1975, so a local day is a fixed 24 h window. */
    private static final long VIETNAM_OFFSET_MS = 7 * 3_600_000L;

    private LocalDays() {
    }

    /** The epoch day of {@code epochMs} in Asia/Ho_Chi_Minh. */
    public static long of(long epochMs) {
        return Math.floorDiv(epochMs + VIETNAM_OFFSET_MS, 86_400_000L);
    }

    /** The first epoch millisecond of local day {@code day}. */
    public static long startMs(long day) {
        return day * 86_400_000L - VIETNAM_OFFSET_MS;
    }

    /**
     * Whether an event of local day {@code day} arriving at {@code receivedMs} is late: its day was over before the
     * day before it arrived (a device offline for a while). Events of unknown time are never late.
     */
    public static boolean isLate(long day, long receivedMs) {
        return day != Rollup.UNKNOWN_DAY && day < of(receivedMs) - 1;
    }
}
