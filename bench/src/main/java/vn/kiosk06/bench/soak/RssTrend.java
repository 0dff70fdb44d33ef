package vn.kiosk06.bench.soak;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import vn.kiosk06.bench.soak.SoakBench.RssSample;

/**
 * The device's resident memory after its warm-up: the first third of the run, in which the heap grows from its small
 * {@code -Xms}, C1 compiles the request paths, and the first link cut, server restart and full disk load the classes
 * of their code paths once. Over the rest (the steady part) the least-squares slope of the RSS samples says whether
 * memory still grows, and the slope of the RSS outside the JIT code cache says whether that is C1 still compiling
 * (bounded by the code cache's reserved size) or memory that a leak would take: live objects, threads, buffers.
 *
 * @param warmupSeconds                samples before this are the warm-up, not judged
 * @param steadySamples                samples in the steady part
 * @param steadyFirstMib               the first steady sample
 * @param steadyLastMib                the last steady sample
 * @param codeFirstMib                 the code cache in the first steady sample
 * @param codeLastMib                  the code cache in the last steady sample
 * @param slopeMibPerMinute            least-squares slope of the steady RSS
 * @param outsideCodeSlopeMibPerMinute least-squares slope of the steady RSS less the code cache
 */
record RssTrend(double warmupSeconds, int steadySamples, double steadyFirstMib, double steadyLastMib, double codeFirstMib,
                double codeLastMib, double slopeMibPerMinute, double outsideCodeSlopeMibPerMinute) {

    /**
     * The bound on a steady slope for "no growth": 0.05 MiB a minute is 3 MiB an hour — about what sampled RSS (pages
     * a GC touches, a compiled method) can tell apart in a run of minutes, while a leak of a few KiB per reconnect or
     * full disk at this soak's fault rates (a link cut every ~10 s) crosses it.
     */
    static final double FLAT_MIB_PER_MINUTE = 0.05;

    /** Fewer steady samples than this give no trend (a slope through two points is noise). */
    static final int MIN_STEADY_SAMPLES = 6;

    /** The trend of the samples taken at or after the first third of {@code runSeconds}. */
    static RssTrend after(List<RssSample> samples, double runSeconds) {
        double warmup = runSeconds / 3;
        List<RssSample> steady = samples.stream().filter(s -> s.atSeconds() >= warmup).toList();
        if (steady.isEmpty()) {
            return new RssTrend(warmup, 0, 0, 0, 0, 0, 0, 0);
        }
        RssSample first = steady.get(0);
        RssSample last = steady.get(steady.size() - 1);
        return new RssTrend(warmup, steady.size(), first.mib(), last.mib(), first.codeMib(), last.codeMib(),
                perMinute(steady, RssSample::mib), perMinute(steady, RssSample::outsideCodeMib));
    }

    /** Least-squares slope of {@code value} over the samples' times, per minute. */
    private static double perMinute(List<RssSample> samples, ToDoubleFunction<RssSample> value) {
        double meanT = samples.stream().mapToDouble(RssSample::atSeconds).average().orElse(0);
        double meanV = samples.stream().mapToDouble(value).average().orElse(0);
        double num = 0;
        double den = 0;
        for (RssSample s : samples) {
            num += (s.atSeconds() - meanT) * (value.applyAsDouble(s) - meanV);
            den += (s.atSeconds() - meanT) * (s.atSeconds() - meanT);
        }
        return den == 0 ? 0 : num / den * 60;
    }

    boolean judged() {
        return steadySamples >= MIN_STEADY_SAMPLES;
    }

    /** Judged, and the steady RSS outside the code cache within {@link #FLAT_MIB_PER_MINUTE}: no sign of a leak. */
    boolean flat() {
        return judged() && outsideCodeSlopeMibPerMinute <= FLAT_MIB_PER_MINUTE;
    }

    /** One line: RSS FLAT / FLAT BUT FOR THE JIT CODE CACHE / GROWING / TOO SHORT, with the figures it rests on. */
    String verdict() {
        if (!judged()) {
            return "RSS TOO SHORT TO JUDGE: " + steadySamples + " steady samples (need " + MIN_STEADY_SAMPLES
                    + "; a longer --minutes or a shorter --rss-every)";
        }
        String figures = String.format(Locale.ROOT, "after a %.0f s warm-up (the first third), %d samples %.1f → %.1f MiB, "
                        + "slope %+.3f MiB/min; JIT code cache %.1f → %.1f MiB; outside it %+.3f MiB/min (bound %.2f)",
                warmupSeconds, steadySamples, steadyFirstMib, steadyLastMib, slopeMibPerMinute, codeFirstMib, codeLastMib,
                outsideCodeSlopeMibPerMinute, FLAT_MIB_PER_MINUTE);
        if (!flat()) {
            return "RSS GROWING: " + figures;
        }
        return (slopeMibPerMinute <= FLAT_MIB_PER_MINUTE ? "RSS FLAT: "
                : "RSS FLAT BUT FOR THE JIT CODE CACHE (C1 still compiling; bounded by ReservedCodeCacheSize): ") + figures;
    }
}
