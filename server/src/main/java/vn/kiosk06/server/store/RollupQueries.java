package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupTotals;

/**
 * The rollup reads as SQL over {@code rollup_daily} and {@code rollup_citizens}, for PostgreSQL: every instance
 * sees every other's commits at once. The device list travels as one array parameter, however many devices a
 * report covers. Thread-safe.
 */
final class RollupQueries implements RollupReads {

    private final Reader reader;

    RollupQueries(Reader reader) {
        this.reader = reader;
    }

    /** "coalesce(sum(col), 0)::bigint, …" in slot order. */
    private static final String SUMS = String.join(", ",
            Rollup.columnNames().stream().map(col -> "coalesce(sum(" + col + "), 0)::bigint").toList());

    /** The rollup rows of the named devices: every report query filters this way, on the (device, day) key. */
    private static final String OF_DEVICES = "device IN (SELECT id FROM devices WHERE device_id = ANY (?))";

    private static long[] counters(ResultSet rs, int firstColumn) throws SQLException {
        long[] c = new long[Rollup.SIZE];
        for (int i = 0; i < Rollup.SIZE; i++) {
            c[i] = rs.getLong(firstColumn + i);
        }
        return c;
    }

    @Override
    public RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        return sumRollups(deviceIds, "day BETWEEN ? AND ?", first.toEpochDay(), last.toEpochDay());
    }

    @Override
    public RollupTotals timeUnknownTotals(Collection<String> deviceIds) {
        return sumRollups(deviceIds, "day = ?", Rollup.UNKNOWN_DAY);
    }

    private RollupTotals sumRollups(Collection<String> deviceIds, String days, long... args) {
        if (deviceIds.isEmpty()) {
            return new RollupTotals(new long[Rollup.SIZE]);
        }
        return reader.read("sum rollups", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + SUMS + " FROM rollup_daily WHERE "
                    + OF_DEVICES + " AND " + days)) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                for (int i = 0; i < args.length; i++) {
                    p.setLong(i + 2, args[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return new RollupTotals(counters(rs, 1));
                }
            }
        });
    }

    @Override
    public long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        if (deviceIds.isEmpty()) {
            return 0;
        }
        return reader.read("count citizens", c -> {
            // DISTINCT in a subquery: PostgreSQL hashes the citizens there, where count(DISTINCT) sorts them all.
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM (SELECT DISTINCT citizen "
                    + "FROM rollup_citizens WHERE " + OF_DEVICES + " AND day BETWEEN ? AND ?) d")) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                p.setLong(2, first.toEpochDay());
                p.setLong(3, last.toEpochDay());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        if (deviceIds.isEmpty()) {
            return new TreeSet<>();
        }
        return reader.read("find active devices", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT d.device_id FROM devices d WHERE d.device_id = ANY (?) "
                    + "AND EXISTS (SELECT 1 FROM rollup_daily r WHERE r.device = d.id AND r.day BETWEEN ? AND ? "
                    + "AND r.events > 0)")) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                p.setLong(2, first.toEpochDay());
                p.setLong(3, last.toEpochDay());
                Set<String> out = new TreeSet<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        if (deviceIds.isEmpty()) {
            return new TreeMap<>();
        }
        return reader.read("read daily rollups", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT day, " + SUMS + " FROM rollup_daily WHERE "
                    + OF_DEVICES + " AND day BETWEEN ? AND ? GROUP BY day HAVING sum(events) <> 0")) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                p.setLong(2, first.toEpochDay());
                p.setLong(3, last.toEpochDay());
                SortedMap<LocalDate, RollupTotals> out = new TreeMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(LocalDate.ofEpochDay(rs.getLong(1)), new RollupTotals(counters(rs, 2)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay) {
        if (deviceIds.isEmpty()) {
            return new HashMap<>();
        }
        return reader.read("read last event days", c -> {
            // Per device, the (device, day) key read backwards from asOfDay: one index probe each.
            try (PreparedStatement p = c.prepareStatement("SELECT d.device_id, (SELECT max(r.day) FROM rollup_daily r "
                    + "WHERE r.device = d.id AND r.day > ? AND r.day <= ? AND r.events > 0) FROM devices d "
                    + "WHERE d.device_id = ANY (?)")) {
                p.setLong(1, Rollup.UNKNOWN_DAY);
                p.setLong(2, asOfDay.toEpochDay());
                p.setArray(3, c.createArrayOf("text", deviceIds.toArray()));
                Map<String, LocalDate> out = new HashMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long day = rs.getLong(2);
                        if (!rs.wasNull()) {
                            out.put(rs.getString(1), LocalDate.ofEpochDay(day));
                        }
                    }
                }
                return out;
            }
        });
    }
}
