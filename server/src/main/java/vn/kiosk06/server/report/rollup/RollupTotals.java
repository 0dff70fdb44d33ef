package vn.kiosk06.server.report.rollup;

import java.util.Arrays;

/**
 * Summed rollup counters of some devices over some days (see {@link Rollup} for the slots). Immutable: the array
 * is copied in and out.
 */
public record RollupTotals(long[] counters) {

    public static final RollupTotals ZERO = new RollupTotals(new long[Rollup.SIZE]);

    public RollupTotals {
        if (counters.length != Rollup.SIZE) {
            throw new IllegalArgumentException("counters must have " + Rollup.SIZE + " slots, had " + counters.length);
        }
        counters = counters.clone();
    }

    /** The counter in {@code slot}. */
    public long get(int slot) {
        return counters[slot];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RollupTotals t && Arrays.equals(counters, t.counters);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counters);
    }

    @Override
    public String toString() {
        return "RollupTotals" + Arrays.toString(counters);
    }
}
