package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NtpTimesTest {

    /** The definition the long arithmetic must equal: Durations all the way, halved by Duration.dividedBy. */
    private static Duration offsetByDurations(long t0, long t1, long t2, long t3) {
        return Duration.ofMillis(t1).minusMillis(t0).plus(Duration.ofMillis(t2).minusMillis(t3)).dividedBy(2);
    }

    @Test
    void halfOfMillis_equalsDurationDividedByTwo_forOddEvenNegativeAndExtremeCounts() {
        long[] samples = {0, 1, -1, 2, -2, 3, -3, 999, -999, 1_000_001, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
        for (long ms : samples) {
            assertThat(NtpTimes.halfOfMillis(ms)).as("half of %d ms", ms).isEqualTo(Duration.ofMillis(ms).dividedBy(2));
        }
        SplittableRandom r = new SplittableRandom(16);
        for (int i = 0; i < 10_000; i++) {
            long ms = r.nextLong();
            assertThat(NtpTimes.halfOfMillis(ms)).isEqualTo(Duration.ofMillis(ms).dividedBy(2));
        }
    }

    @Test
    void offset_equalsTheDurationDefinition_forEverydayClocksAnd1970ClocksAndOverflowingStamps() {
        long now = 1_780_000_000_000L;
        long[][] exchanges = {
                {now - 3, now, now + 1, now + 5},        // odd sum: half a millisecond
                {0, now, now + 2, 40},                   // a 1970 device clock
                {Long.MIN_VALUE, now, now, Long.MIN_VALUE + 10}, // t1 − t0 overflows a long
                {Long.MAX_VALUE - 5, 0, Long.MAX_VALUE, Long.MAX_VALUE}, // t2 − t3 near the edge
        };
        for (long[] e : exchanges) {
            assertThat(NtpTimes.offset(e[0], e[1], e[2], e[3])).isEqualTo(offsetByDurations(e[0], e[1], e[2], e[3]));
        }
        SplittableRandom r = new SplittableRandom(61);
        for (int i = 0; i < 10_000; i++) {
            long t0 = r.nextLong(-now, 2 * now);
            long t1 = now + r.nextLong(-100_000, 100_000);
            long t2 = t1 + r.nextLong(0, 500);
            long t3 = t0 + (t2 - t1) + r.nextLong(0, 5_000);
            assertThat(NtpTimes.offset(t0, t1, t2, t3)).isEqualTo(offsetByDurations(t0, t1, t2, t3));
        }
    }
}
