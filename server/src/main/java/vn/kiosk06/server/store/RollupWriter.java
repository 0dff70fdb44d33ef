package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import vn.kiosk06.server.report.rollup.Rollup;

/**
 * Writes a round's rollup changes: one upsert per touched (device, day) row — its counters, and its citizens when
 * the round served one not yet stored there — every device's in (device, day) order so concurrent rounds take row
 * locks in one order. The stored citizens are read from the rows themselves under the round's device lock, so an
 * instance whose cache lags another's writes still merges with what is committed. Reports what it wrote, so an
 * engine that caches the rollup tables in memory can extend its caches once the round commits.
 * Not thread-safe: one per round.
 */
final class RollupWriter {

    /** What a round wrote to the rollup tables: counter changes and citizens added to or dropped from a day. */
    static final class Changes {
        /** (device, day, counters) changes, in the order written. */
        final List<DayCounters> counters = new ArrayList<>();
        /** (day, device, citizen) that were new to their day. */
        final List<long[]> newCitizens = new ArrayList<>();
        /** (day, device, citizen) a void dropped from their day. */
        final List<long[]> droppedCitizens = new ArrayList<>();

        boolean isEmpty() {
            return counters.isEmpty() && newCitizens.isEmpty() && droppedCitizens.isEmpty();
        }
    }

    /** One device-day's counter change. */
    record DayCounters(long device, long day, long[] counters) {
    }

    private static final String UPSERT_DAY = upsertDaySql();
    private static final String STORED_CITIZENS = "SELECT day, citizens FROM rollup_daily "
            + "WHERE device = ? AND day BETWEEN ? AND ? AND citizens IS NOT NULL";

    private final RoundStatements st;

    RollupWriter(RoundStatements st) {
        this.st = st;
    }

    /** Writes every device's rollup changes, then re-checks the citizens of the round's voided events. */
    Changes write(Collection<DeviceState> devices) throws SQLException {
        Changes out = new Changes();
        List<DeviceState> byId = devices.stream().filter(d -> !d.delta.isEmpty())
                .sorted((a, b) -> Long.compare(a.id, b.id)).toList();
        if (!byId.isEmpty()) {
            PreparedStatement p = st.prepare(UPSERT_DAY);
            for (DeviceState d : byId) {
                upsertDays(p, d, out);
            }
            p.executeBatch();
        }
        for (DeviceState d : devices) {
            for (Voids.CitizenCheck check : d.citizenChecks) {
                if (!Voids.remains(st.connection(), d.id, check)) {
                    dropCitizen(d.id, check, out);
                }
            }
        }
        return out;
    }

    /** Takes a voided event's citizen out of their day's citizens, if there (after this round's upserts). */
    private void dropCitizen(long device, Voids.CitizenCheck check, Changes out) throws SQLException {
        long[] stored = storedCitizens(device, check.day(), check.day()).getOrDefault(check.day(), PackedCitizens.NONE);
        long[] kept = PackedCitizens.without(stored, check.citizen());
        if (kept != stored) {
            PreparedStatement p = st.prepare("UPDATE rollup_daily SET citizens = ? WHERE device = ? AND day = ?");
            p.setBytes(1, PackedCitizens.pack(kept));
            p.setLong(2, device);
            p.setLong(3, check.day());
            p.executeUpdate();
            out.droppedCitizens.add(new long[] {check.day(), device, check.citizen()});
        }
    }

    private void upsertDays(PreparedStatement p, DeviceState d, Changes out) throws SQLException {
        SortedMap<Long, Set<Long>> servedByDay = d.delta.citizensByDay();
        Map<Long, long[]> stored = servedByDay.isEmpty() ? Map.of()
                : storedCitizens(d.id, servedByDay.firstKey(), servedByDay.lastKey());
        for (Map.Entry<Long, long[]> e : d.delta.byDay().entrySet()) {
            long day = e.getKey();
            p.setLong(1, d.id);
            p.setLong(2, day);
            long[] c = e.getValue();
            for (int i = 0; i < Rollup.SIZE; i++) {
                p.setLong(3 + i, c[i]);
            }
            Set<Long> served = d.delta.citizensByDay().get(day);
            byte[] citizens = null; // null keeps the stored value (see the upsert)
            if (served != null) {
                long[] before = stored.getOrDefault(day, PackedCitizens.NONE);
                long[] added = PackedCitizens.notIn(before, served);
                if (added.length > 0) {
                    citizens = PackedCitizens.pack(PackedCitizens.union(before, added));
                    for (long citizen : added) {
                        out.newCitizens.add(new long[] {day, d.id, citizen});
                    }
                }
            }
            p.setBytes(3 + Rollup.SIZE, citizens);
            p.addBatch();
            out.counters.add(new DayCounters(d.id, day, c));
        }
    }

    /** The citizens stored on the device's days {@code firstDay..lastDay}, by day (days with none left out). */
    private Map<Long, long[]> storedCitizens(long device, long firstDay, long lastDay) throws SQLException {
        PreparedStatement p = st.prepare(STORED_CITIZENS);
        p.setLong(1, device);
        p.setLong(2, firstDay);
        p.setLong(3, lastDay);
        Map<Long, long[]> out = new HashMap<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), PackedCitizens.unpack(rs.getBytes(2)));
            }
        }
        return out;
    }

    private static String upsertDaySql() {
        StringBuilder sql = new StringBuilder("INSERT INTO rollup_daily (device, day, ").append(Rollup.columnList())
                .append(", citizens) VALUES (?, ?").append(", ?".repeat(Rollup.SIZE + 1))
                .append(") ON CONFLICT (device, day) DO UPDATE SET ");
        for (int i = 0; i < Rollup.SIZE; i++) {
            String col = Rollup.column(i);
            sql.append(i == 0 ? "" : ", ").append(col).append(" = rollup_daily.").append(col)
                    .append(" + excluded.").append(col);
        }
        return sql.append(", citizens = coalesce(excluded.citizens, rollup_daily.citizens)").toString();
    }
}
