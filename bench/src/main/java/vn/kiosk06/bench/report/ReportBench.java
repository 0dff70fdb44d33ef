package vn.kiosk06.bench.report;

import vn.kiosk06.bench.scale.Cleanup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.report.PeriodSpec;
import vn.kiosk06.server.report.ReportService;
import vn.kiosk06.server.report.ReportingCalendar;
import vn.kiosk06.server.report.UnitReport;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.FleetDetail;
import vn.kiosk06.server.store.EventStore;

/**
 * {@code kiosk06 bench report}: loads a synthetic province (default 10,000,000 events, 2,000 devices, 200 units)
 * into a real store (SQLite, or with {@code --db postgresql} an embedded PostgreSQL) through the store's ingest path — the writer thread, time correction and rollup
 * maintenance the gRPC endpoint uses, minus gRPC itself, which at this volume would take too long on two cores —
 * then times, warm, a custom-month report of the root with full roll-up, a cumulative report, and the dashboard's
 * fleet query (median of several runs). It also measures what maintaining the rollups costs at ingest: the same
 * workload into fresh stores with and without rollups, alternating, the best of each side compared. A harness that prints figures, not a test.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Measure report and fleet query times over a large synthetic store, and the ingest cost of rollups.")
public final class ReportBench implements Callable<Integer> {

    @Option(names = "--json", description = "Print one JSON object with the figures, nothing else on stdout.")
    boolean json;

    @Option(names = "--events", defaultValue = "10000000", description = "Events to load (default ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--devices", defaultValue = "2000", description = "Devices (default ${DEFAULT-VALUE}).")
    int devices;

    @Option(names = "--units", defaultValue = "200", description = "Org units above the devices (default ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--days", defaultValue = "200", description = "Days of data, ending yesterday (default ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--slowdown-events", defaultValue = "1000000",
            description = "Events in each with/without-rollups ingest run (default ${DEFAULT-VALUE}).")
    long slowdownEvents;

    @Option(names = "--runs", defaultValue = "7", description = "Timed runs of each query after 2 warm-ups (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--json-file", description = "Also write the JSON object to this file (with the table on stdout).")
    Path jsonFile;

    @Option(names = "--db", defaultValue = "sqlite",
            description = "Engine: sqlite (default) or postgresql (an embedded PostgreSQL 16, files in the working directory).")
    String db;

    @Option(names = "--slowdown-rounds", defaultValue = "3",
            description = "Alternating without/with-rollups load pairs; the best of each side counts (default ${DEFAULT-VALUE}).")
    int slowdownRounds;

    @Option(names = "--dir", description = "Working directory (default: a new temporary directory, deleted after).")
    Path dir;

    private static final int DAYS_PER_BATCH = 20;
    private static final int SUBMITTERS = 4;
    private static final double TARGET_MS = 300;
    private static final double MONTH_TARGET_MS = 100;
    private static final double SLOWDOWN_TARGET_PCT = 10;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kiosk06-bench-report-");
        try (BenchStores stores = BenchStores.of(db, work)) {
            LocalDate yesterday = LocalDate.now(SyntheticProvince.HCM).minusDays(1);
            SyntheticProvince province = new SyntheticProvince(devices, units, events, yesterday, days);
            log("[bench] %,d devices × %d days × %d events a day = %,d events, %d units; working in %s",
                    devices, days, province.eventsPerDeviceDay(), (long) devices * days * province.eventsPerDeviceDay(),
                    province.tree.units().size() - devices, work);

            // Rollup cost: same smaller workload, fresh stores, alternating, best of two each, after an untimed
            // warm-up load so that neither side pays for the JIT.
            int slowDays = (int) Math.max(1, Math.min(days, slowdownEvents / ((long) devices * province.eventsPerDeviceDay())));
            load(stores.open("warm-up", true), province, Math.max(1, slowDays / 2));
            double bestWithout = 0;
            double bestWith = 0;
            double writerCpuWithout = Double.MAX_VALUE;
            double writerCpuWith = Double.MAX_VALUE;
            for (int round = 0; round < slowdownRounds; round++) {
                Loaded without = load(stores.open("slow-off-" + round, false), province, slowDays);
                Loaded with = load(stores.open("slow-on-" + round, true), province, slowDays);
                log("[bench] rollup cost, round %d: %,.0f ev/s without rollups, %,.0f ev/s with; store writer CPU "
                        + "%.2f → %.2f µs/event", round + 1, without.rate, with.rate, without.writerCpuUs, with.writerCpuUs);
                bestWithout = Math.max(bestWithout, without.rate);
                bestWith = Math.max(bestWith, with.rate);
                writerCpuWithout = Math.min(writerCpuWithout, without.writerCpuUs);
                writerCpuWith = Math.min(writerCpuWith, with.writerCpuUs);
            }
            double slowdownPct = (bestWithout - bestWith) / bestWithout * 100;

            log("[bench] loading the full store …");
            Loaded full = load(stores.open("full", true), province, days);
            log("[bench] loaded %,d events in %.1f s (%,.0f ev/s, rollups maintained)", full.events, full.seconds, full.rate);

            Timed timed = timeQueries(stores, province, yesterday);
            // The heap with the store open, less the heap once it is closed and its method returned (a local still
            // in scope would keep it reachable).
            double cacheMib = (timed.heapWithStore() - usedHeapAfterGc()) / 1048576.0;
            log("[bench] in-memory rollups of the open store: %.1f MiB of heap", cacheMib);
            Figures f = new Figures(full.events, devices, province.tree.units().size() - devices, timed.month(),
                    timed.monthMs(), timed.cumulativeMs(), timed.fleetMs(), bestWithout, bestWith, slowdownPct,
                    writerCpuWithout, writerCpuWith, full.rate, stores.engine(), cacheMib);
            System.out.print(json ? f.json() : f.table());
            if (jsonFile != null) {
                Files.writeString(jsonFile, f.json());
            }
            System.out.flush();
            return 0;
        } finally {
            if (dir == null) {
                Cleanup.deleteTree(work);
            }
        }
    }

    /** The timed queries, and the heap in use while the store is open. */
    private record Timed(String month, double monthMs, double cumulativeMs, double fleetMs, long heapWithStore) {
    }

    private Timed timeQueries(BenchStores stores, SyntheticProvince province, LocalDate yesterday) throws Exception {
        try (EventStore store = stores.open("full", true)) {
            ReportService reports = new ReportService(store,
                    new OrgUnitDirectory(province.tree), List.of(), Clock.systemUTC(), 3);
            LocalDate inMonth = yesterday.minusDays(20);
            ReportingCalendar.Monthly monthly = new ReportingCalendar.Monthly(11);
            PeriodSpec month = new PeriodSpec(monthly, monthly.periodOn(inMonth));
            PeriodSpec cumulative = PeriodSpec.parse("cumulative:" + province.firstDay + ".." + yesterday);
            UnitReport sample = reports.report("P", month);
            log("[bench] %s for P: %,d receptions, %,d look-ups, %,d unique citizens, %,d time unknown", month.format(),
                    sample.figures().receptions(), sample.figures().cardReads(), sample.figures().uniqueCitizens(),
                    sample.figures().timeUnknown());
            double monthMs = median(() -> reports.report("P", month));
            double cumulativeMs = median(() -> reports.report("P", cumulative));
            double fleetMs = median(() -> fleet(store));
            // After the timed queries: the full collections let the JVM shrink the heap, and queries measured right
            // after them ran up to twice as slow (more young collections).
            return new Timed(month.format(), monthMs, cumulativeMs, fleetMs, usedHeapAfterGc());
        }
    }

    /** Heap in use after a full collection, in bytes. */
    private static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** What the dashboard's fleet endpoint reads: every device's summary and fleet details, joined by id. */
    private static int fleet(EventStore store) {
        Map<String, FleetDetail> details = new HashMap<>();
        store.fleetDetails().forEach(d -> details.put(d.deviceId(), d));
        int n = 0;
        for (DeviceSummary d : store.devices()) {
            n += details.containsKey(d.deviceId()) ? 1 : 0;
        }
        return n;
    }

    /** A load's events, wall time, rate, and the CPU its store's writer thread(s) spent per event. */
    private record Loaded(long events, double seconds, double rate, double writerCpuUs) {
    }

    /** Loads days 0..days-1 of every device into a fresh store, {@value #SUBMITTERS} submitters for group commit. */
    private static Loaded load(EventStore fresh, SyntheticProvince p, int days) throws Exception {
        try (EventStore store = fresh) {
            AtomicLong stored = new AtomicLong();
            long receivedMs = System.currentTimeMillis();
            ExecutorService pool = Executors.newFixedThreadPool(SUBMITTERS);
            long t0 = System.nanoTime();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int s = 0; s < SUBMITTERS; s++) {
                    int submitter = s;
                    futures.add(pool.submit(() -> {
                        Random random = new Random(submitter);
                        // Day chunks outermost: every device syncs its next 20 days before any device goes further.
                        for (int from = 0; from < days; from += DAYS_PER_BATCH) {
                            int to = Math.min(days - 1, from + DAYS_PER_BATCH - 1);
                            for (int d = submitter; d < p.devices.size(); d += SUBMITTERS) {
                                long firstSeq = (long) from * p.eventsPerDeviceDay() + 1;
                                stored.addAndGet(store.ingest(p.batch(d, from, to, firstSeq, receivedMs, random)).stored());
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // Read while the store is open: its writer threads end when it closes.
            return new Loaded(stored.get(), seconds, stored.get() / seconds,
                    StoreWriterCpu.nanos() / 1e3 / Math.max(1, stored.get()));
        }
    }

    /** Median wall time in ms of {@code runs} calls after two warm-up calls. */
    private double median(Supplier<?> query) {
        query.get();
        query.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            query.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private record Figures(long events, int devices, int units, String month, double monthMs, double cumulativeMs,
                           double fleetMs, double ingestWithout, double ingestWith, double slowdownPct,
                           double writerCpuWithout, double writerCpuWith, double loadRate, String engine, double cacheMib) {

        /** What the rollups add to the store writer's CPU per event: wall-clock free, so steadier than the rates. */
        double writerCpuIncreasePct() {
            return (writerCpuWith - writerCpuWithout) / writerCpuWithout * 100;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"db\":\"%s\",\"events\":%d,\"devices\":%d,\"units\":%d,\"custom_month_report_ms\":%.1f,"
                            + "\"cumulative_report_ms\":%.1f,\"fleet_query_ms\":%.1f,\"ingest_slowdown_pct\":%.1f,"
                            + "\"ingest_without_rollups_events_per_s\":%.0f,\"ingest_with_rollups_events_per_s\":%.0f,"
                            + "\"writer_cpu_without_rollups_us_per_event\":%.2f,\"writer_cpu_with_rollups_us_per_event\":%.2f,"
                            + "\"rollup_cache_heap_mib\":%.1f}%n",
                    engine, events, devices, units, monthMs, cumulativeMs, fleetMs, slowdownPct, ingestWithout, ingestWith,
                    writerCpuWithout, writerCpuWith, cacheMib);
        }

        String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Kiosk06 report benchmark on %s — one run on this machine: %d cores, Java %s, load avg %.2f at end%n",
                    engine, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            s.append(String.format(Locale.ROOT, "%,d events, %,d devices, %d units; loaded through the store's ingest path "
                    + "(not gRPC) at %,.0f ev/s%n%n", events, devices, units, loadRate));
            String row = "%-58s %16s  %-9s %s%n";
            s.append(String.format(Locale.ROOT, row, "figure", "measured", "target", ""));
            s.append(String.format(Locale.ROOT, row, "custom-month report, root, full roll-up (" + month + ")",
                    String.format(Locale.ROOT, "%.1f ms", monthMs), "≤ 100 ms", verdict(monthMs <= MONTH_TARGET_MS)));
            s.append(String.format(Locale.ROOT, row, "cumulative report, root", String.format(Locale.ROOT, "%.1f ms", cumulativeMs),
                    "≤ 300 ms", verdict(cumulativeMs <= TARGET_MS)));
            s.append(String.format(Locale.ROOT, row, "dashboard fleet query", String.format(Locale.ROOT, "%.1f ms", fleetMs),
                    "≤ 300 ms", verdict(fleetMs <= TARGET_MS)));
            s.append(String.format(Locale.ROOT, row,
                    String.format(Locale.ROOT, "ingest slowdown from rollups (%,.0f → %,.0f ev/s)", ingestWithout, ingestWith),
                    String.format(Locale.ROOT, "%.1f %%", slowdownPct), "≤ 10 %", verdict(slowdownPct <= SLOWDOWN_TARGET_PCT)));
            s.append(String.format(Locale.ROOT, row,
                    String.format(Locale.ROOT, "store writer CPU per event (%.2f → %.2f µs)", writerCpuWithout, writerCpuWith),
                    String.format(Locale.ROOT, "+%.1f %%", writerCpuIncreasePct()), "", ""));
            s.append(String.format(Locale.ROOT, row, "heap of the in-memory rollups (loaded at open)",
                    String.format(Locale.ROOT, "%.1f MiB", cacheMib), "", ""));
            s.append("(query times: median of warm runs; each report includes its cumulative-since-go-live figures;\n"
                    + " ingest rates: best of each side's loads; writer CPU: least of each side's loads)\n");
            return s.toString();
        }

        private static String verdict(boolean pass) {
            return pass ? "PASS" : "MISS";
        }
    }

    private static void log(String format, Object... args) {
        System.err.println(String.format(Locale.ROOT, format, args));
    }
}
