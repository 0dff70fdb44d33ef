package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.kiosk06.server.report.rollup.CitizenIndex;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupCache;
import vn.kiosk06.server.report.rollup.RollupTotals;

/**
 * The rollup reads from memory, for an engine whose store is the only writer of its tables (SQLite): the
 * {@link RollupCache} and {@link CitizenIndex} are loaded when the store opens and extended with each committed
 * round's {@link RollupWriter.Changes}, so they always equal the tables. Thread-safe.
 */
final class CachedRollups implements RollupReads {

    private final Reader reader;
    private final RollupCache days = new RollupCache();
    private final CitizenIndex citizens = new CitizenIndex();
    /** Device row ids by device id; refreshed from the table when a device is missing. Guarded by itself. */
    private final Map<String, Long> rowIds = new HashMap<>();

    CachedRollups(Reader reader) {
        this.reader = reader;
        reader.read("load the rollups", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT device, day, " + Rollup.columnList()
                    + " FROM rollup_daily"); ResultSet rs = p.executeQuery()) {
                long[] counters = new long[Rollup.SIZE];
                while (rs.next()) {
                    for (int i = 0; i < Rollup.SIZE; i++) {
                        counters[i] = rs.getLong(i + 3);
                    }
                    days.add(rs.getLong(1), rs.getLong(2), counters);
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT day, device, citizen FROM rollup_citizens");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    citizens.add(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
            return null;
        });
    }

    /** Extends the caches with what a round wrote; call only after that round committed. */
    void committed(RollupWriter.Changes changes) {
        for (long[] row : changes.newCitizens) {
            citizens.add(row[0], row[1], row[2]);
        }
        for (long[] row : changes.droppedCitizens) {
            citizens.remove(row[0], row[1], row[2]);
        }
        for (RollupWriter.DayCounters d : changes.counters) {
            days.add(d.device(), d.day(), d.counters());
        }
    }

    @Override
    public RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        return new RollupTotals(days.sum(rows(deviceIds), first.toEpochDay(), last.toEpochDay()));
    }

    @Override
    public RollupTotals timeUnknownTotals(Collection<String> deviceIds) {
        return new RollupTotals(days.unknown(rows(deviceIds)));
    }

    @Override
    public long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        long[] rows = rows(deviceIds);
        boolean[] mask = new boolean[(int) Arrays.stream(rows).max().orElse(-1) + 1];
        for (long r : rows) {
            mask[(int) r] = true;
        }
        return citizens.countDistinct(first.toEpochDay(), last.toEpochDay(), mask);
    }

    @Override
    public Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last) {
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
