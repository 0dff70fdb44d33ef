package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.report.rollup.CitizenIndex;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupCache;
import vn.kiosk06.server.report.rollup.RollupTotals;

/**
 * The rollup reads from memory, on both engines: a {@link RollupCache} and a {@link CitizenIndex} loaded from the
 * tables in one snapshot, then kept equal to them. On SQLite the store is the only writer of its file and extends
 * them with each committed round's {@link RollupWriter.Changes} ({@link #committed}). On PostgreSQL other instances
 * write too, so before each read the cache applies the rows of the {@link RollupLog} after the last it applied (one
 * indexed query, usually empty) — a read sees every round committed before it began, on any instance — and a
 * background follower calls {@link #catchUp} between reads so the log can be pruned. Finding the next row pruned
 * (this instance fell minutes behind), it reloads the tables. Thread-safe.
 */
final class CachedRollups implements RollupReads {

    private static final Logger LOG = LoggerFactory.getLogger(CachedRollups.class);
    /** Rows per round trip when loading: pgjdbc otherwise holds a whole table's result in memory. */
    private static final int LOAD_FETCH_SIZE = 10_000;

    /** The two caches as loaded together; replaced whole when reloaded. */
    private record Tables(RollupCache days, CitizenIndex citizens) {
    }

    /** The tables as loaded, and the id of the last log row they include. */
    private record Loaded(Tables tables, long logId) {
    }

    private final Reader reader;
    /** Whether other writers exist (PostgreSQL): the cache then follows {@link RollupLog}. */
    private final boolean followsLog;
    private volatile Tables tables;
    /** Guards {@link #applied}, {@link #lastCatchUpNanos}, {@link #reloads} and the application of log rows. */
    private final Object following = new Object();
    private long applied;
    /** When the last successful catch-up (or load) began, by {@link System#nanoTime()}. */
    private long lastCatchUpNanos;
    private long reloads;
    /** Device row ids by device id; refreshed from the table when a device is missing. Guarded by itself. */
    private final Map<String, Long> rowIds = new HashMap<>();

    private CachedRollups(Reader reader, boolean followsLog) {
        this.reader = reader;
        this.followsLog = followsLog;
        synchronized (following) {
            long started = System.nanoTime();
            load();
            lastCatchUpNanos = started;
        }
    }

    /** For a store that is the only writer of its tables (SQLite): loaded now, extended by {@link #committed}. */
    static CachedRollups onlyWriter(Reader reader) {
        return new CachedRollups(reader, false);
    }

    /** For a database other instances write too (PostgreSQL): loaded now, following the {@link RollupLog}. */
    static CachedRollups followingLog(Reader reader) {
        return new CachedRollups(reader, true);
    }

    /**
     * Loads the rollup rows (counters and citizens) and, following the log, the log's position, all in one
     * snapshot. Holds {@link #following}.
     */
    private void load() {
        Loaded loaded = reader.read("load the rollups", c -> {
            long logId = followsLog ? RollupLog.openSnapshot(c) : 0;
            RollupCache days = new RollupCache();
            CitizenIndex citizens = new CitizenIndex();
            try (PreparedStatement p = c.prepareStatement("SELECT device, day, " + Rollup.columnList()
                    + ", citizens FROM rollup_daily")) {
                p.setFetchSize(LOAD_FETCH_SIZE);
                try (ResultSet rs = p.executeQuery()) {
                    long[] counters = new long[Rollup.SIZE];
                    while (rs.next()) {
                        long device = rs.getLong(1);
                        long day = rs.getLong(2);
                        for (int i = 0; i < Rollup.SIZE; i++) {
                            counters[i] = rs.getLong(i + 3);
                        }
                        days.add(device, day, counters);
                        for (long citizen : PackedCitizens.unpack(rs.getBytes(Rollup.SIZE + 3))) {
                            citizens.add(day, device, citizen);
                        }
                    }
                }
            }
            return new Loaded(new Tables(days, citizens), logId);
        });
        tables = loaded.tables();
        applied = loaded.logId();
    }

    /** Extends the caches with what a round wrote; call only after that round committed (SQLite). */
    void committed(RollupWriter.Changes changes) {
        apply(tables, changes);
    }

    private static void apply(Tables t, RollupWriter.Changes changes) {
        // New rows before dropped ones: a void in the same round as its target drops the row the round added.
        for (long[] row : changes.newCitizens) {
            t.citizens().add(row[0], row[1], row[2]);
        }
        for (long[] row : changes.droppedCitizens) {
            t.citizens().remove(row[0], row[1], row[2]);
        }
        for (RollupWriter.DayCounters d : changes.counters) {
            t.days().add(d.device(), d.day(), d.counters());
        }
    }

    /**
     * Applies the log rows committed since the last applied (following the log; nothing otherwise). Concurrent
     * callers share one query: a caller that waited while a catch-up begun after its own call ran needs no other.
     */
    void catchUp() {
        if (!followsLog) {
            return;
        }
        long asked = System.nanoTime();
        synchronized (following) {
            if (lastCatchUpNanos - asked > 0) {
                return;
            }
            long started = System.nanoTime();
            List<RollupLog.Entry> rows = reader.read("follow the rollup log", c -> RollupLog.after(c, applied));
            long expected = applied + 1;
            for (RollupLog.Entry e : rows) {
                if (e.id() != expected) {
                    // Ids are dense: a missing one was pruned before this instance applied it.
                    LOG.warn("Rollup log rows {}..{} were pruned before this instance applied them (it fell behind); "
                            + "reloading the rollups from the tables", expected, e.id() - 1);
                    reloads++;
                    load();
                    lastCatchUpNanos = started;
                    return;
                }
                expected++;
            }
            Tables t = tables;
            for (RollupLog.Entry e : rows) {
                apply(t, e.changes());
                applied = e.id();
            }
            lastCatchUpNanos = started;
        }
    }

    /** The id of the last log row applied (0 when not following the log). */
    long applied() {
        synchronized (following) {
            return applied;
        }
    }

    /** How often the cache reloaded because the log rows it needed were pruned. */
    long reloads() {
        synchronized (following) {
            return reloads;
        }
    }

    @Override
    public RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        catchUp();
        return new RollupTotals(tables.days().sum(rows(deviceIds), first.toEpochDay(), last.toEpochDay()));
    }

    @Override
    public RollupTotals timeUnknownTotals(Collection<String> deviceIds) {
        catchUp();
        return new RollupTotals(tables.days().unknown(rows(deviceIds)));
    }

    @Override
    public long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        catchUp();
        return tables.citizens().countDistinct(first.toEpochDay(), last.toEpochDay(), rows(deviceIds));
    }

    @Override
    public Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        catchUp();
        RollupCache days = tables.days();
        Set<String> out = new TreeSet<>();
        for (String id : deviceIds) {
            long[] row = rows(List.of(id));
            if (row.length == 1 && days.lastEventDay(row[0], first.toEpochDay(), last.toEpochDay()) != Long.MIN_VALUE) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first,
                                                          LocalDate last) {
        catchUp();
        RollupCache days = tables.days();
        Map<Long, long[]> byDay = new HashMap<>();
        for (long device : rows(deviceIds)) {
            days.days(device, first.toEpochDay(), last.toEpochDay(), (block, offset, day) -> {
                long[] sum = byDay.computeIfAbsent(day, d -> new long[Rollup.SIZE]);
                for (int i = 0; i < Rollup.SIZE; i++) {
                    sum[i] += block[offset + i];
                }
            });
        }
        SortedMap<LocalDate, RollupTotals> out = new TreeMap<>();
        byDay.forEach((day, c) -> {
            if (c[Rollup.EVENTS] != 0) {
                out.put(LocalDate.ofEpochDay(day), new RollupTotals(c));
            }
        });
        return out;
    }

    @Override
    public Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay) {
        catchUp();
        RollupCache days = tables.days();
        Map<String, LocalDate> out = new HashMap<>();
        for (String id : deviceIds) {
            long[] row = rows(List.of(id));
            if (row.length == 1) {
                long day = days.lastEventDay(row[0], Rollup.UNKNOWN_DAY + 1, asOfDay.toEpochDay());
                if (day != Long.MIN_VALUE) {
                    out.put(id, LocalDate.ofEpochDay(day));
                }
            }
        }
        return out;
    }

    /** Row ids of the known devices among {@code deviceIds}. */
    private long[] rows(Collection<String> deviceIds) {
        synchronized (rowIds) {
            if (deviceIds.stream().anyMatch(d -> !rowIds.containsKey(d))) {
                reader.read("read devices", c -> {
                    try (PreparedStatement p = c.prepareStatement("SELECT id, device_id FROM devices");
                         ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            rowIds.put(rs.getString(2), rs.getLong(1));
                        }
                    }
                    return null;
                });
            }
            return deviceIds.stream().map(rowIds::get).filter(Objects::nonNull).mapToLong(Long::longValue).toArray();
        }
    }
}
