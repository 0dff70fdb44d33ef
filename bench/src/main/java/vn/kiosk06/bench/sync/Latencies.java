package vn.kiosk06.bench.sync;

import java.util.Arrays;

/** Percentiles of a set of latencies (ns), from a sorted copy: enough for a few hundred thousand samples. */
record Latencies(long[] sortedNanos) {

    static Latencies of(long[] nanos, int count) {
        long[] copy = Arrays.copyOf(nanos, count);
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    /** The {@code p}-th percentile (0–100), nearest rank, in ms. */
    double percentileMs(double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.min(Math.max(rank - 1, 0), sortedNanos.length - 1)] / 1e6;
    }
}
