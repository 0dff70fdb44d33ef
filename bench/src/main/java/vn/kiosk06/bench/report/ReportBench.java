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
import vn.kiosk06.server.store.SqliteEventStore;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;

/**
 * {@code kiosk06 bench report}: loads a synthetic province (default 10,000,000 events, 2,000 devices, 200 units)
 * into a real SQLite store through the store's ingest path — the writer thread, time correction and rollup
 * maintenance the gRPC endpoint uses, minus gRPC itself, which at this volume would take too long on two cores —
 * then times, warm, a custom-month report of the root with full roll-up, a cumulative report, and the dashboard's
 * fleet query (median of several runs). It also measures what maintaining the rollups costs at ingest: the same
 * workload into a fresh store with and without rollups. A harness that prints figures, not a test.
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

    @Option(names = "--dir", description = "Working directory (default: a new temporary directory, deleted after).")
    Path dir;

    private static final int DAYS_PER_BATCH = 20;
    private static final int SUBMITTERS = 4;
    private static final double TARGET_MS = 300;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kiosk06-bench-report-");
        try {
            LocalDate yesterday = LocalDate.now(SyntheticProvince.HCM).minusDays(1);
            SyntheticProvince province = new SyntheticProvince(devices, units, events, yesterday, days);
            log("[bench] %,d devices × %d days × %d events a day = %,d events, %d units; working in %s",
                    devices, days, province.eventsPerDeviceDay(), (long) devices * days * province.eventsPerDeviceDay(),
                    province.tree.units().size() - devices, work);

            // Rollup cost: same smaller workload, fresh stores, alternating, best of two each, after an untimed
            // warm-up load so that neither side pays for the JIT.
            int slowDays = (int) Math.max(1, Math.min(days, slowdownEvents / ((long) devices * province.eventsPerDeviceDay())));
            load(province, work.resolve("warm-up"), true, Math.max(1, slowDays / 2));
            double[] without = new double[2];
            double[] with = new double[2];
            for (int round = 0; round < 2; round++) {
                without[round] = load(province, work.resolve("slow-off-" + round), false, slowDays).rate;
                with[round] = load(province, work.resolve("slow-on-" + round), true, slowDays).rate;
                log("[bench] rollup cost, round %d: %,.0f ev/s without rollups, %,.0f ev/s with", round + 1,
                        without[round], with[round]);
            }
            double bestWithout = Math.max(without[0], without[1]);
            double bestWith = Math.max(with[0], with[1]);
            double slowdownPct = (bestWithout - bestWith) / bestWithout * 100;

            log("[bench] loading the full store …");
            Loaded full = load(province, work.resolve("full"), true, days);
            log("[bench] loaded %,d events in %.1f s (%,.0f ev/s, rollups maintained)", full.events, full.seconds, full.rate);

            try (SqliteEventStore store = SqliteEventStore.open(work.resolve("full"))) {
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
                Figures f = new Figures(full.events, devices, province.tree.units().size() - devices, month.format(),
                        monthMs, cumulativeMs, fleetMs, bestWithout, bestWith, slowdownPct, full.rate);
                System.out.print(json ? f.json() : f.table());
                if (jsonFile != null) {
                    Files.writeString(jsonFile, f.json());
                }
                System.out.flush();
            }
            return 0;
        } finally {
            if (dir == null) {
                Cleanup.deleteTree(work);
            }
        }
    }

    /** What the dashboard's fleet endpoint reads: every device's summary and fleet details, joined by id. */
    private static int fleet(SqliteEventStore store) {
        Map<String, FleetDetail> details = new HashMap<>();
        store.fleetDetails().forEach(d -> details.put(d.deviceId(), d));
        int n = 0;
        for (DeviceSummary d : store.devices()) {
            n += details.containsKey(d.deviceId()) ? 1 : 0;
        }
        return n;
    }

    private record Loaded(long events, double seconds, double rate) {
    }

    /** Loads days 0..days-1 of every device into a fresh store, {@value #SUBMITTERS} submitters for group commit. */
    private static Loaded load(SyntheticProvince p, Path storeDir, boolean rollups, int days) throws Exception {
        try (SqliteEventStore store = SqliteEventStore.open(storeDir,
                new EventTimeCorrector(TimeCorrectionPolicy.defaults()), rollups)) {
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
            return new Loaded(stored.get(), seconds, stored.get() / seconds);
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
                           double fleetMs, double ingestWithout, double ingestWith, double slowdownPct, double loadRate) {

        String json() {
            return String.format(Locale.ROOT, "{\"events\":%d,\"devices\":%d,\"units\":%d,\"custom_month_report_ms\":%.1f,"
                            + "\"cumulative_report_ms\":%.1f,\"fleet_query_ms\":%.1f,\"ingest_slowdown_pct\":%.1f,"
                            + "\"ingest_without_rollups_events_per_s\":%.0f,\"ingest_with_rollups_events_per_s\":%.0f}%n",
                    events, devices, units, monthMs, cumulativeMs, fleetMs, slowdownPct, ingestWithout, ingestWith);
        }

        String table() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(Locale.ROOT, "Kiosk06 report benchmark — one run on this machine: %d cores, Java %s, load avg %.2f at end%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
            s.append(String.format(Locale.ROOT, "%,d events, %,d devices, %d units; loaded through the store's ingest path "
                    + "(not gRPC) at %,.0f ev/s%n%n", events, devices, units, loadRate));
            String row = "%-58s %16s  %-9s %s%n";
            s.append(String.format(Locale.ROOT, row, "figure", "measured", "target", ""));
            s.append(String.format(Locale.ROOT, row, "custom-month report, root, full roll-up (" + month + ")",
                    String.format(Locale.ROOT, "%.1f ms", monthMs), "≤ 300 ms", verdict(monthMs <= TARGET_MS)));
            s.append(String.format(Locale.ROOT, row, "cumulative report, root", String.format(Locale.ROOT, "%.1f ms", cumulativeMs),
                    "≤ 300 ms", verdict(cumulativeMs <= TARGET_MS)));
            s.append(String.format(Locale.ROOT, row, "dashboard fleet query", String.format(Locale.ROOT, "%.1f ms", fleetMs),
                    "≤ 300 ms", verdict(fleetMs <= TARGET_MS)));
            s.append(String.format(Locale.ROOT, row,
                    String.format(Locale.ROOT, "ingest slowdown from rollups (%,.0f → %,.0f ev/s)", ingestWithout, ingestWith),
                    String.format(Locale.ROOT, "%.1f %%", slowdownPct), "≤ 20 %", verdict(slowdownPct <= 20)));
            s.append("(query times: median of warm runs; each report includes its cumulative-since-go-live figures)\n");
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
