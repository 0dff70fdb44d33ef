package vn.kiosk06.server.report;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import vn.kiosk06.server.ServerConfig;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitLevel;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupTotals;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * Reports from the rollups the store maintains at ingest: a unit's figures are the sums over the daily rollup rows
 * of every device in its subtree for the period's days, so any unit at any level rolls up in one query, and late
 * data changes the figures of the period it belongs to as soon as it is committed. Distinct citizens are counted
 * exactly over the subtree (never summed from children). Devices that synced but are in no configured unit are
 * reported under the pseudo-unit {@link OrgUnitDirectory#UNASSIGNED}. Thread-safe.
 */
@Singleton
public final class ReportService {

    private final EventStore store;
    private final OrgUnitDirectory units;
    private final UnitTargets targets;
    private final Clock clock;
    private final int silentAfterDays;

    @jakarta.inject.Inject
    public ReportService(EventStore store, OrgUnitDirectory units, UnitTargets targets, ServerConfig config, Clock clock) {
        this(store, units, targets, clock, config.silentAfterDays());
    }

    /** Over fixed targets; {@link #setTarget} then changes them in memory only (tools, benchmarks). */
    public ReportService(EventStore store, OrgUnitDirectory units, List<Target> targets, Clock clock, int silentAfterDays) {
        this(store, units, new UnitTargets(targets), clock, silentAfterDays);
    }

    public ReportService(EventStore store, OrgUnitDirectory units, UnitTargets targets, Clock clock, int silentAfterDays) {
        this.store = store;
        this.units = units;
        this.targets = targets;
        this.clock = clock;
        if (silentAfterDays < 1) {
            throw new IllegalArgumentException("silentAfterDays must be ≥ 1, was " + silentAfterDays);
        }
        this.silentAfterDays = silentAfterDays;
    }

    /** The targets now in force (shared by every instance on the database). */
    public List<Target> targets() {
        return targets.all();
    }

    /**
     * Sets {@code target}, replacing the unit's target for the same activity and age groups if there is one.
     *
     * @return the target it replaced
     */
    public Optional<Target> setTarget(Target target) {
        return targets.set(target);
    }

    /** Today in Vietnam, by the server's clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ReportingPeriod.ZONE);
    }

    /** The silence threshold in days. */
    public int silentAfterDays() {
        return silentAfterDays;
    }

    /** The unit's report for {@code spec}, with cumulative figures since its go-live and its targets. */
    public UnitReport report(String unitCode, PeriodSpec spec) {
        OrgUnitTree tree = units.tree();
        String name = unitName(tree, unitCode);
        Split split = split(devices(tree, unitCode));
        List<String> devices = split.verified();
        ReportingPeriod period = spec.period();
        Indicators figures = figures(tree, devices, period);
        Optional<ReportParagraph.Unverified> unverified = split.unverified().isEmpty() ? Optional.empty()
                : Optional.of(new ReportParagraph.Unverified(split.unverified(), figures(tree, split.unverified(), period)));
        Optional<ReportParagraph.CumulativeFigures> cumulative = Optional.empty();
        Optional<LocalDate> since = isUnassigned(unitCode) ? Optional.empty() : tree.goLive(unitCode);
        if (since.isPresent() && !since.get().isAfter(period.lastDay())) {
            ReportingPeriod span = new ReportingPeriod(since.get(), period.lastDay());
            // A cumulative spec's span is often the period itself: its figures are already at hand.
            Indicators spanFigures = span.equals(period) ? figures : figures(tree, devices, span);
            cumulative = Optional.of(new ReportParagraph.CumulativeFigures(span, spanFigures));
        }
        List<TargetProgress> progress = targets.all().stream().filter(t -> t.unitCode().equals(unitCode))
                .map(t -> t.progress(figures)).toList();
        ReportParagraph paragraph = new ReportParagraph(name, period, figures, cumulative, progress, silentAfterDays)
                .withUnverified(unverified).asOf(today());
        return new UnitReport(unitCode, name, spec, figures, cumulative, progress, paragraph);
    }

    /** The unit and its direct children, one export row each, for {@code period}. */
    public IndicatorTableExport table(String unitCode, PeriodSpec spec) {
        OrgUnitTree tree = units.tree();
        List<IndicatorTableExport.Row> rows = new ArrayList<>();
        Split top = split(devices(tree, unitCode));
        rows.add(new IndicatorTableExport.Row(unitCode, unitName(tree, unitCode), figures(tree, top.verified(), spec.period())));
        if (!isUnassigned(unitCode)) {
            for (OrgUnit child : tree.children(unitCode)) {
                rows.add(new IndicatorTableExport.Row(child.code(), child.name(),
                        figures(tree, split(devices(tree, child.code())).verified(), spec.period())));
            }
        }
        if (!top.unverified().isEmpty()) {
            // Its own row, after the others, so no sum of the rows above includes it.
            rows.add(new IndicatorTableExport.Row(unitCode, unverifiedHeading(top.unverified()),
                    figures(tree, top.unverified(), spec.period())));
        }
        return new IndicatorTableExport(spec.period(), rows);
    }

    /**
     * The spreadsheet for {@code unitCode}: its total and each direct child as columns (period and cumulative), its
     * targets, and every facility and team in its subtree on a second sheet.
     */
    public IndicatorWorkbook workbook(String unitCode, PeriodSpec spec) {
        OrgUnitTree tree = units.tree();
        UnitReport top = report(unitCode, spec);
        List<IndicatorWorkbook.UnitColumn> columns = new ArrayList<>();
        columns.add(column(top, top.unitName() + " (tổng)"));
        top.paragraph().unverified().ifPresent(u -> columns.add(new IndicatorWorkbook.UnitColumn(unitCode,
                unverifiedHeading(u.devices()), u.figures(), Optional.empty(), Optional.empty())));
        List<IndicatorWorkbook.UnitColumn> facilities = new ArrayList<>();
        if (!isUnassigned(unitCode)) {
            for (OrgUnit child : tree.children(unitCode)) {
                columns.add(column(report(child.code(), spec), "Trong đó: " + child.name()));
            }
            List<OrgUnit> subtree = new ArrayList<>(List.of(tree.get(unitCode)));
            subtree.addAll(tree.descendants(unitCode));
            for (OrgUnit u : subtree) {
                if (u.level() == OrgUnitLevel.FACILITY || u.level() == OrgUnitLevel.TEAM) {
                    String kind = u.level() == OrgUnitLevel.FACILITY ? "Cơ sở y tế" : "Tổ công nghệ số";
                    facilities.add(column(report(u.code(), spec), u.name() + " (" + kind + ")"));
                }
            }
        }
        return new IndicatorWorkbook(top.unitName(), spec.period(), clock.instant(), columns, top.targets(), facilities);
    }

    private static IndicatorWorkbook.UnitColumn column(UnitReport r, String heading) {
        return new IndicatorWorkbook.UnitColumn(r.unitCode(), heading, r.figures(),
                r.cumulative().map(ReportParagraph.CumulativeFigures::figures),
                r.cumulative().map(c -> c.span().firstDay()));
    }

    /** The unit's report for {@code spec} as an official Word document dated today. */
    public OfficialReportDocument document(String unitCode, PeriodSpec spec) {
        UnitReport report = report(unitCode, spec);
        OrgUnitTree tree = units.tree();
        Optional<String> parent = isUnassigned(unitCode) ? Optional.empty()
                : tree.find(unitCode).flatMap(OrgUnit::parent).flatMap(tree::find).map(OrgUnit::name);
        return new OfficialReportDocument(report, parent, today());
    }

    /** One point of a chart: a day or week of the period and its main figures. */
    public record SeriesPoint(LocalDate from, LocalDate to, long receptions, long transactionCodes, long cardReads,
                              long fieldAssists, long events) {
    }

    /** The unit's figures per day or per week (weeks starting Monday, clipped to the period). */
    public List<SeriesPoint> series(String unitCode, PeriodSpec spec, boolean weekly) {
        OrgUnitTree tree = units.tree();
        ReportingPeriod p = spec.period();
        SortedMap<LocalDate, RollupTotals> days = store.dailyTotals(split(devices(tree, unitCode)).verified(), p.firstDay(),
                p.lastDay());
        Map<LocalDate, long[]> buckets = new LinkedHashMap<>();
        for (LocalDate d = p.firstDay(); !d.isAfter(p.lastDay()); d = d.plusDays(1)) {
            LocalDate key = weekly ? max(p.firstDay(), d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))) : d;
            long[] b = buckets.computeIfAbsent(key, k -> new long[5]);
            RollupTotals t = days.get(d);
            if (t != null) {
                b[0] += t.get(Rollup.BHYT) + t.get(Rollup.FEE);
                b[1] += t.get(Rollup.CODES);
                b[2] += t.get(Rollup.READS_OK) + t.get(Rollup.READS_FAILED);
                for (int i = Rollup.ASSISTS; i < Rollup.SIZE; i++) {
                    b[3] += t.get(i);
                }
                b[4] += t.get(Rollup.EVENTS);
            }
        }
        List<SeriesPoint> out = new ArrayList<>();
        List<LocalDate> keys = new ArrayList<>(buckets.keySet());
        for (int i = 0; i < keys.size(); i++) {
            LocalDate to = i + 1 < keys.size() ? keys.get(i + 1).minusDays(1) : p.lastDay();
            long[] b = buckets.get(keys.get(i));
            out.add(new SeriesPoint(keys.get(i), to, b[0], b[1], b[2], b[3], b[4]));
        }
        return out;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** The figures of {@code devices} over {@code period}, judged for silence at min(now, period end). */
    private Indicators figures(OrgUnitTree tree, List<String> devices, ReportingPeriod period) {
        RollupTotals t = store.rollupTotals(devices, period.firstDay(), period.lastDay());
        Instant now = clock.instant();
        Instant asOf = now.isBefore(period.end()) ? now : period.end();
        Indicators.Builder b = Indicators.builder()
                .receptions(t.get(Rollup.BHYT), t.get(Rollup.FEE))
                .transactionCodes(t.get(Rollup.CODES))
                .payments(t.get(Rollup.PAYMENTS), t.get(Rollup.PAYMENTS_VND))
                .cardReads(t.get(Rollup.READS_OK), t.get(Rollup.READS_OK) + t.get(Rollup.READS_FAILED))
                .uniqueCitizens(store.uniqueCitizens(devices, period.firstDay(), period.lastDay()))
                .activeDevices(store.activeDevices(devices, period.firstDay(), period.lastDay()).size())
                .silentDevices(silent(tree, devices, asOf, asOf == now))
                .timeUnknown(store.timeUnknownTotals(devices).get(Rollup.EVENTS));
        FieldActivity[] activities = FieldActivity.values();
        AgeGroup[] groups = AgeGroup.values();
        for (int a = 0; a < activities.length; a++) {
            for (int g = 0; g < groups.length; g++) {
                b.fieldAssist(activities[a], groups[g], t.get(Rollup.assistMetric(a, g)));
            }
        }
        return b.build();
    }

    /**
     * Live devices (gone live by {@code asOf}) with no sign of life in the {@code silentAfterDays} before it: no
     * dated event (day-granular: an event on day D counts as the end of D), nor, when {@code asOf} is now, a call.
     * Judging a past period by its events keeps its report the same whenever it is printed.
     */
    private long silent(OrgUnitTree tree, List<String> devices, Instant asOf, boolean current) {
        LocalDate asOfDay = LocalDate.ofInstant(asOf, ReportingPeriod.ZONE);
        Map<String, LocalDate> lastDays = store.lastEventDays(devices, asOfDay);
        Map<String, Long> lastSeen = new HashMap<>();
        if (current) {
            for (DeviceSummary d : store.devices()) {
                lastSeen.put(d.deviceId(), d.lastSeenMs());
            }
        }
        long before = asOf.minus(Duration.ofDays(silentAfterDays)).toEpochMilli();
        long n = 0;
        for (String device : devices) {
            boolean live = tree.find(device).flatMap(OrgUnit::goLive).map(d -> !d.isAfter(asOfDay)).orElse(true);
            long seen = Math.max(lastSeen.getOrDefault(device, Long.MIN_VALUE),
                    lastDays.containsKey(device)
                            ? lastDays.get(device).plusDays(1).atStartOfDay(ReportingPeriod.ZONE).toInstant().toEpochMilli()
                            : Long.MIN_VALUE);
            if (live && seen < before) {
                n++;
            }
        }
        return n;
    }

    /** A unit's devices: those whose figures count, and those whose hash chain is broken (reported apart). */
    private record Split(List<String> verified, List<String> unverified) {
    }

    private Split split(List<String> devices) {
        Map<String, Long> broken = store.unverifiedDevices();
        if (broken.isEmpty()) {
            return new Split(devices, List.of());
        }
        List<String> verified = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        for (String d : devices) {
            (broken.containsKey(d) ? unverified : verified).add(d);
        }
        return new Split(verified, unverified);
    }

    /** The heading of the unverified figures' row or column in a spreadsheet. */
    private static String unverifiedHeading(List<String> devices) {
        return "CHƯA XÁC MINH – không cộng vào tổng (" + devices.size() + " thiết bị có chuỗi nhật ký bị phá vỡ: "
                + String.join(", ", devices) + ")";
    }

    /** Device codes in the unit's subtree; for the unassigned pseudo-unit, synced devices in no unit. */
    public List<String> devices(OrgUnitTree tree, String unitCode) {
        if (isUnassigned(unitCode)) {
            return tree.unassigned(store.devices().stream().map(DeviceSummary::deviceId).toList());
        }
        return tree.devices(unitCode).stream().map(OrgUnit::code).toList();
    }

    private static String unitName(OrgUnitTree tree, String unitCode) {
        if (isUnassigned(unitCode)) {
            return "Thiết bị chưa gán đơn vị";
        }
        return tree.find(unitCode).map(OrgUnit::name)
                .orElseThrow(() -> new UnknownUnitException(unitCode));
    }

    private static boolean isUnassigned(String unitCode) {
        return OrgUnitDirectory.UNASSIGNED.equals(unitCode);
    }
}
