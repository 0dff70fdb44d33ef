package vn.kiosk06.bench.simulate;

import java.util.Arrays;

/**
 * Append-to-ack latencies of every event, kept exactly (8 bytes each: a million events is 8 MB) so the
 * percentiles are exact rather than bucketed. One writer thread (the ack watcher); read after the run.
 */
final class LatencyRecorder {

    private long[] nanos;
    private int count;

    LatencyRecorder(int expected) {
        this.nanos = new long[Math.max(16, expected)];
    }

    void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, nanos.length * 2);
        }
        nanos[count++] = latencyNanos;
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0–100), nearest rank, in ms; NaN when nothing was recorded. */
    double percentileMs(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.min(Math.max(rank - 1, 0), count - 1)] / 1e6;
    }
}
