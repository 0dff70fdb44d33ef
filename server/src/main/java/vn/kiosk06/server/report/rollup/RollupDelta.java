package vn.kiosk06.server.report.rollup;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One batch's (or one commit's) changes to a device's rollup rows, summed in memory so each store writes each
 * touched day once. Days iterate in ascending order, so a store that upserts in this order takes its row locks in
 * a fixed order. Not thread-safe: one per batch on the thread that ingests it.
 */
public final class RollupDelta {

    private final Map<Long, long[]> byDay = new TreeMap<>();
    private final SortedMap<Long, Set<Long>> citizensByDay = new TreeMap<>();
    /**
     * The counters of the day {@link #add} saw last: a batch's events run through their days in order, so most
     * events skip the map look-up (and its boxing) — this runs for every event on the store's single writer.
     */
    private long lastDay = Long.MIN_VALUE;
    private long[] lastCounters;

    /** Counts ({@code sign} +1) or uncounts (-1) one event under {@code day}. */
    public void add(long day, EventFacts f, int sign) {
        long[] c = counters(day);
        c[Rollup.EVENTS] += sign;
        if (f.metric() >= 0) {
            c[f.metric()] += sign;
            if (f.metric() == Rollup.PAYMENTS) {
                c[Rollup.PAYMENTS_VND] += sign * f.amountVnd();
            }
        }
        if (sign > 0 && f.citizenKey() != 0 && day != Rollup.UNKNOWN_DAY) {
            citizensByDay.computeIfAbsent(day, d -> new HashSet<>()).add(f.citizenKey());
        }
    }

    /**
     * Uncounts a voided event under {@code day}: its metric and amount, not its "events stored" count (the event
     * stays stored). Its citizen is re-checked by the store, since another event may still count them.
     */
    public void uncount(long day, EventFacts f) {
        if (f.metric() >= 0) {
            long[] c = counters(day);
            c[f.metric()]--;
            if (f.metric() == Rollup.PAYMENTS) {
                c[Rollup.PAYMENTS_VND] -= f.amountVnd();
            }
        }
    }

    private long[] counters(long day) {
        if (day != lastDay || lastCounters == null) {
            lastCounters = byDay.computeIfAbsent(day, d -> new long[Rollup.SIZE]);
            lastDay = day;
        }
        return lastCounters;
    }

    public boolean isEmpty() {
        return byDay.isEmpty();
    }

    /** The counter changes by day, ascending; arrays in {@link Rollup} slot order. */
    public Map<Long, long[]> byDay() {
        return byDay;
    }

    /** The citizens served by day, ascending (unknown-time events name no day, so none here). */
    public SortedMap<Long, Set<Long>> citizensByDay() {
        return citizensByDay;
    }
}
