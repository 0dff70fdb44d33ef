package vn.kiosk06.wire;

import java.time.Duration;

/**
 * Words for a duration in the device's and the dashboard's clock sentences ("3 days", "56 years", "250 ms"), rounded to its largest unit.
 * Stateless.
 */
public final class DurationText {

    private static final long[] UNIT_SECONDS = {365L * 86_400, 86_400, 3_600, 60, 1};
    private static final String[] UNIT_NAMES = {"year", "day", "hour", "minute", "second"};

    private DurationText() {
    }

    /** The magnitude of {@code d} in words; the sign is the caller's to phrase ("fast", "before"). */
    public static String of(Duration d) {
        Duration abs = d.abs();
        for (int i = 0; i < UNIT_SECONDS.length; i++) {
            Duration unit = Duration.ofSeconds(UNIT_SECONDS[i]);
            if (abs.compareTo(unit) >= 0) {
                // Round half up to whole units: "3 days" reads better than "3 days 2 hours" on a dashboard.
                long n = abs.plus(unit.dividedBy(2)).dividedBy(unit);
                return n + " " + UNIT_NAMES[i] + (n == 1 ? "" : "s");
            }
        }
        return abs.plusNanos(500_000).toMillis() + " ms";
    }
}
