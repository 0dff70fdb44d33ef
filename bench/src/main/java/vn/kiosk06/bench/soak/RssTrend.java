package vn.kiosk06.bench.soak;

import java.util.List;
import java.util.Locale;
import vn.kiosk06.bench.soak.SoakBench.RssSample;

/**
 * The device's resident memory after its warm-up: the first third of the run, in which the heap grows from its small
 * {@code -Xms}, C1 compiles the request paths, and the first link cut, server restart and full disk load the classes
 * of their code paths once. Over the rest (the steady part) the least-squares slope of the RSS samples says whether
 * memory still grows; a leak grows with every fault cycle, so it shows there as a slope that a few MiB of warm-up
 * steps at the start cannot fake.
 *
 * @param warmupSeconds     samples before this are the warm-up, not judged
 * @param steadySamples     samples in the steady part
 * @param steadyFirstMib    the first steady sample
 * @param steadyLastMib     the last steady sample
 * @param minMib            the lowest steady sample
 * @param maxMib            the highest steady sample
 * @param slopeMibPerMinute least-squares slope of the steady samples
 */
record RssTrend(double warmupSeconds, int steadySamples, double steadyFirstMib, double steadyLastMib, double minMib,
                double maxMib, double slopeMibPerMinute) {

    /**
     * The bound on the steady slope for "no growth": 0.05 MiB a minute is 3 MiB an hour — below what a sampled RSS
     * (pages touched by a GC, a compiled method) can tell apart in a run of minutes, and a leak of a few KiB per
     * reconnect or full disk, at this soak's fault rates (a cut every ~10 s), crosses it.
     */
    static final double FLAT_MIB_PER_MINUTE = 0.05;

    /** Fewer steady samples than this give no trend (a slope through two points is noise). */
    static final int MIN_STEADY_SAMPLES = 6;

    /** The trend of the samples taken at or after the first third of {@code runSeconds}. */
    static RssTrend after(List<RssSample> samples, double runSeconds) {
        double warmup = runSeconds / 3;
        List<RssSample> steady = samples.stream().filter(s -> s.atSeconds() >= warmup).toList();
        if (steady.isEmpty()) {
            return new RssTrend(warmup, 0, 0, 0, 0, 0, 0);
        }
        int n = steady.size();
        double meanT = steady.stream().mapToDouble(RssSample::atSeconds).average().orElse(0);
        double meanM = steady.stream().mapToDouble(RssSample::mib).average().orElse(0);
        double num = 0;
        double den = 0;
        for (RssSample s : steady) {
            num += (s.atSeconds() - meanT) * (s.mib() - meanM);
            den += (s.atSeconds() - meanT) * (s.atSeconds() - meanT);
        }
        double slopePerSecond = den == 0 ? 0 : num / den;
        return new RssTrend(warmup, n, steady.get(0).mib(), steady.get(n - 1).mib(),
                steady.stream().mapToDouble(RssSample::mib).min().orElse(0),
                steady.stream().mapToDouble(RssSample::mib).max().orElse(0), slopePerSecond * 60);
    }

    boolean judged() {
        return steadySamples >= MIN_STEADY_SAMPLES;
    }

    /** Judged and the steady slope within {@link #FLAT_MIB_PER_MINUTE}. */
    boolean flat() {
        return judged() && slopeMibPerMinute <= FLAT_MIB_PER_MINUTE;
    }

    /** One line: FLAT / GROWING / TOO SHORT, with the figures it rests on. */
    String verdict() {
        String figures = String.format(Locale.ROOT, "after a %.0f s warm-up (the first third), %d samples %.1f → %.1f MiB "
                        + "(range %.1f–%.1f), slope %+.3f MiB/min (bound %.2f)", warmupSeconds, steadySamples,
                steadyFirstMib, steadyLastMib, minMib, maxMib, slopeMibPerMinute, FLAT_MIB_PER_MINUTE);
        if (!judged()) {
            return "RSS TOO SHORT TO JUDGE: " + steadySamples + " steady samples (need " + MIN_STEADY_SAMPLES
                    + "; a longer --minutes or a shorter --rss-every)";
        }
        return (flat() ? "RSS FLAT: " : "RSS GROWING: ") + figures;
    }
}
