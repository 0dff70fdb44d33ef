package vn.kiosk06.server.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * Computes {@link Indicators} from events for every unit of a subtree, each unit's figures including
 * everything under it. One pass over the events: each event is added to its unit and to every ancestor
 * up to the subtree's root, so distinct citizens are counted exactly at each level (not summed).
 *
 * <p>Events whose time is unknown are counted only in {@link Indicators#timeUnknown()}, never placed in
 * a period. Events whose unit is not in the subtree are ignored (they belong to another subtree or to a
 * unit not configured yet). A device is <em>active</em> if it logged any event in the period, and
 * <em>silent</em> if it has gone live by {@code asOf} and its latest event at or before {@code asOf} is
 * more than {@code silentAfter} earlier (or it has none). Immutable and thread-safe.
 */
public final class IndicatorCalculator {

    private final OrgUnitTree tree;
    private final Duration silentAfter;

    public IndicatorCalculator(OrgUnitTree tree, Duration silentAfter) {
        this.tree = Objects.requireNonNull(tree, "tree");
        Objects.requireNonNull(silentAfter, "silentAfter");
        if (silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException("silentAfter must be > 0, was " + silentAfter);
        }
        this.silentAfter = silentAfter;
    }

    /** The figures of {@code unitCode} (with its subtree) for {@code period}; see {@link #rollUp}. */
    public Indicators compute(String unitCode, ReportingPeriod period, Instant asOf,
            Iterable<? extends ReportEvent> events) {
        return rollUp(unitCode, period, asOf, events).get(unitCode);
    }

    /**
     * The figures of {@code rootCode} and of every unit under it, keyed by code, parents before children.
     *
     * @param asOf the instant device silence is judged at, usually the earlier of now and the period end
     */
    public Map<String, Indicators> rollUp(String rootCode, ReportingPeriod period, Instant asOf,
            Iterable<? extends ReportEvent> events) {
        Map<String, Totals> totals = new LinkedHashMap<>();
        totals.put(rootCode, new Totals());
        tree.descendants(rootCode).forEach(u -> totals.put(u.code(), new Totals()));

        Set<String> activeDevices = new HashSet<>();
        Map<String, Instant> lastSeen = new HashMap<>();
        for (ReportEvent event : events) {
            EventOrigin origin = event.origin();
            origin.time().filter(t -> !t.isAfter(asOf))
                    .ifPresent(t -> lastSeen.merge(origin.device(), t, (a, b) -> a.isAfter(b) ? a : b));
            if (!totals.containsKey(origin.unit())) {
                continue;
            }
            List<Totals> chain = chain(origin.unit(), rootCode, totals);
            if (origin.time().isEmpty()) {
                chain.forEach(t -> t.timeUnknown++);
                continue;
            }
            if (!period.contains(origin.time().get())) {
                continue;
            }
            activeDevices.add(origin.device());
            chain.forEach(t -> t.add(event));
        }

        LocalDate asOfDay = LocalDate.ofInstant(asOf, ReportingPeriod.ZONE);
        Instant silentBefore = asOf.minus(silentAfter);
        for (OrgUnit device : tree.devices(rootCode)) {
            boolean live = device.goLive().map(d -> !d.isAfter(asOfDay)).orElse(true);
            Instant seen = lastSeen.get(device.code());
            boolean silent = live && (seen == null || seen.isBefore(silentBefore));
            boolean active = activeDevices.contains(device.code());
            for (Totals t : chain(device.code(), rootCode, totals)) {
                t.activeDevices += active ? 1 : 0;
                t.silentDevices += silent ? 1 : 0;
            }
        }

        Map<String, Indicators> out = new LinkedHashMap<>();
        totals.forEach((code, t) -> out.put(code, t.toIndicators()));
        return out;
    }

    /** The totals of {@code unit} and its ancestors up to {@code root}. */
    private List<Totals> chain(String unit, String root, Map<String, Totals> totals) {
        List<Totals> chain = new ArrayList<>();
        chain.add(totals.get(unit));
        if (!unit.equals(root)) {
            for (OrgUnit ancestor : tree.ancestors(unit)) {
                chain.add(totals.get(ancestor.code()));
                if (ancestor.code().equals(root)) {
                    break;
                }
            }
        }
        return chain;
    }

    /** Mutable running figures of one unit during a pass; confined to the calling thread. */
    private static final class Totals {
        long bhyt;
        long fee;
        long codes;
        long payments;
        long paymentsVnd;
        long readsOk;
        long reads;
        final Map<FieldActivity, Map<AgeGroup, Long>> assists = new EnumMap<>(FieldActivity.class);
        final Set<String> citizens = new HashSet<>();
        long activeDevices;
        long silentDevices;
        long timeUnknown;

        void add(ReportEvent event) {
            if (event instanceof ReportEvent.Reception r) {
                if (r.caseType() == CaseType.BHYT) {
                    bhyt++;
                } else {
                    fee++;
                }
            } else if (event instanceof ReportEvent.TransactionCodeCreated) {
                codes++;
            } else if (event instanceof ReportEvent.Payment p) {
                if (p.confirmed()) {
                    payments++;
                    paymentsVnd = Math.addExact(paymentsVnd, p.amountVnd());
                }
            } else if (event instanceof ReportEvent.CardRead c) {
                reads++;
                if (c.ok()) {
                    readsOk++;
                }
                c.citizenKey().ifPresent(citizens::add);
            } else if (event instanceof ReportEvent.FieldAssist f) {
                assists.computeIfAbsent(f.activity(), a -> new EnumMap<>(AgeGroup.class))
                        .merge(f.ageGroup(), 1L, Long::sum);
                f.citizenKey().ifPresent(citizens::add);
            }
            // Heartbeats only prove the device alive (handled by the caller).
        }

        Indicators toIndicators() {
            return Indicators.builder()
                    .receptions(bhyt, fee)
                    .transactionCodes(codes)
                    .payments(payments, paymentsVnd)
                    .cardReads(readsOk, reads)
                    .fieldAssists(new FieldAssistCounts(assists))
                    .uniqueCitizens(citizens.size())
                    .activeDevices(activeDevices)
                    .silentDevices(silentDevices)
                    .timeUnknown(timeUnknown)
                    .build();
        }
    }
}
