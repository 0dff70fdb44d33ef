package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.kiosk06.server.report.rollup.Rollup;

/**
 * Writes a round's rollup changes: one upsert per touched (device, day) row and one insert per new (device, day,
 * citizen), every device's in (device, day) order so concurrent rounds take row locks in one order. Reports what it
 * wrote, so an engine that caches the rollup tables in memory can extend its caches once the round commits.
 * Not thread-safe: one per round.
 */
final class RollupWriter {

    /** What a round wrote to the rollup tables: counter changes and citizen rows added or deleted. */
    static final class Changes {
        /** (device, day, counters) changes, in the order written. */
        final List<DayCounters> counters = new ArrayList<>();
        /** (day, device, citizen) rows that were new. */
        final List<long[]> newCitizens = new ArrayList<>();
        /** (day, device, citizen) rows a void deleted. */
        final List<long[]> droppedCitizens = new ArrayList<>();

        boolean isEmpty() {
            return counters.isEmpty() && newCitizens.isEmpty() && droppedCitizens.isEmpty();
        }
    }

    /** One device-day's counter change. */
    record DayCounters(long device, long day, long[] counters) {
    }

    private static final String UPSERT_DAY = upsertDaySql();

    private final RoundStatements st;
    private final Dialect dialect;

    RollupWriter(RoundStatements st, Dialect dialect) {
        this.st = st;
        this.dialect = dialect;
    }

    /** Writes every device's rollup changes, then re-checks the citizens of the round's voided events. */
    Changes write(Collection<DeviceState> devices) throws SQLException {
        Changes out = new Changes();
        List<DeviceState> byId = devices.stream().filter(d -> !d.delta.isEmpty())
                .sorted((a, b) -> Long.compare(a.id, b.id)).toList();
        if (!byId.isEmpty()) {
            upsertDays(byId, out);
            insertCitizens(byId, out);
        }
        for (DeviceState d : devices) {
            out.droppedCitizens.addAll(Voids.dropCitizens(st.connection(), d.id, d.citizenChecks));
        }
        return out;
    }

    private void upsertDays(List<DeviceState> byId, Changes out) throws SQLException {
        PreparedStatement p = st.prepare(UPSERT_DAY);
        for (DeviceState d : byId) {
            for (Map.Entry<Long, long[]> e : d.delta.byDay().entrySet()) {
                p.setLong(1, d.id);
                p.setLong(2, e.getKey());
                long[] c = e.getValue();
                for (int i = 0; i < Rollup.SIZE; i++) {
                    p.setLong(3 + i, c[i]);
                }
                p.addBatch();
                out.counters.add(new DayCounters(d.id, e.getKey(), c));
            }
        }
        p.executeBatch();
    }

    private void insertCitizens(List<DeviceState> byId, Changes out) throws SQLException {
        int n = 0;
        for (DeviceState d : byId) {
            for (Set<Long> citizens : d.delta.citizensByDay().values()) {
                n += citizens.size();
            }
        }
        if (n == 0) {
            return;
        }
        long[] devices = new long[n];
        long[] days = new long[n];
        long[] citizens = new long[n];
        int k = 0;
        for (DeviceState d : byId) {
            for (Map.Entry<Long, Set<Long>> e : d.delta.citizensByDay().entrySet()) {
                int from = k;
                for (long citizen : e.getValue()) {
                    devices[k] = d.id;
                    days[k] = e.getKey();
                    citizens[k++] = citizen;
                }
                // Key order within the (device, day): neighbouring index pages, and one lock order for every round.
                Arrays.sort(citizens, from, k);
            }
        }
        out.newCitizens.addAll(dialect.insertCitizens(st, devices, days, citizens));
    }

    private static String upsertDaySql() {
        StringBuilder sql = new StringBuilder("INSERT INTO rollup_daily (device, day, ").append(Rollup.columnList())
                .append(") VALUES (?, ?").append(", ?".repeat(Rollup.SIZE))
                .append(") ON CONFLICT (device, day) DO UPDATE SET ");
        for (int i = 0; i < Rollup.SIZE; i++) {
            String col = Rollup.column(i);
            sql.append(i == 0 ? "" : ", ").append(col).append(" = rollup_daily.").append(col)
                    .append(" + excluded.").append(col);
        }
        return sql.toString();
    }
}
