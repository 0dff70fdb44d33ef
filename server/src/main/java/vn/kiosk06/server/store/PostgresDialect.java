package vn.kiosk06.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL, shared by several server instances: a round locks its devices' rows ({@code SELECT … FOR UPDATE}, in
 * device-id order, so two rounds never wait on each other in a cycle). A batch that only continues its device's
 * events (ascending, above the locked max_seq: the usual upload) goes in by {@code COPY}, which PostgreSQL takes about
 * half again as fast as an INSERT (issue 16: {@code PgIngestBench}'s raw paths); any other batch — a resend, a gap
 * filled — as multi-row {@code INSERT … ON CONFLICT DO NOTHING RETURNING seq}, which names the rows that were new.
 */
final class PostgresDialect implements Dialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    /** Rows per INSERT: 10 parameters each, well under the protocol's 32,767 bind parameters. */
    private static final int ROWS_PER_INSERT = 1000;
    private static final Map<Integer, String> INSERT_EVENTS_SQL = new ConcurrentHashMap<>();

    private PostgresDialect() {
    }

    @Override
    public String migrations() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public Map<String, DeviceState> lockDevices(RoundStatements st, SortedMap<String, Long> firstSeenByDevice)
            throws SQLException {
        Connection c = st.connection();
        String[] ids = firstSeenByDevice.keySet().toArray(String[]::new);
        Long[] seen = firstSeenByDevice.values().toArray(Long[]::new);
        // Only the devices not yet there reach the insert: ON CONFLICT alone took a sequence value for every known
        // device in every round, which spread 2,000 devices' ids over hundreds of thousands.
        PreparedStatement ins = st.prepare("INSERT INTO devices (device_id, first_seen_ms, last_seen_ms) "
                + "SELECT d, s, s FROM unnest(?::text[], ?::bigint[]) AS t(d, s) "
                + "WHERE NOT EXISTS (SELECT 1 FROM devices x WHERE x.device_id = t.d) ORDER BY d "
                + "ON CONFLICT (device_id) DO NOTHING");
        ins.setArray(1, c.createArrayOf("text", ids));
        ins.setArray(2, c.createArrayOf("int8", seen));
        ins.executeUpdate();
        PreparedStatement sel = st.prepare("SELECT device_id, id, watermark, max_seq FROM devices "
                + "WHERE device_id = ANY (?) ORDER BY device_id FOR UPDATE");
        sel.setArray(1, c.createArrayOf("text", ids));
        Map<String, DeviceState> out = new HashMap<>();
        try (ResultSet rs = sel.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new DeviceState(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
            }
        }
        return out;
    }

    @Override
    public boolean[] insertEvents(RoundStatements st, long device, long maxSeq, long receivedMs, EventRows rows)
            throws SQLException {
        if (allNew(rows, maxSeq)) {
            EventCopy.copy(st.connection(), device, receivedMs, rows);
            boolean[] inserted = new boolean[rows.size()];
            java.util.Arrays.fill(inserted, true);
            return inserted;
        }
        int n = rows.size();
        Set<Long> newSeqs = new HashSet<>();
        // Every value travels as a bound parameter (bytea in binary); RETURNING names the rows that were new.
        for (int from = 0; from < n; from += ROWS_PER_INSERT) {
            int count = Math.min(ROWS_PER_INSERT, n - from);
            PreparedStatement p = st.prepare(insertEventsSql(count));
            int k = 1;
            for (int i = from; i < from + count; i++) {
                k = rows.bind(p, k, i, device, receivedMs);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    newSeqs.add(rs.getLong(1));
                }
            }
        }
        boolean[] inserted = new boolean[n];
        for (int i = 0; i < n; i++) {
            // remove(): a seq repeated within the batch is new once.
            inserted[i] = newSeqs.remove(rows.event(i).seq());
        }
        return inserted;
    }

    /**
     * Whether every row is above {@code maxSeq} and above the one before: none can be stored (the device row is locked,
     * so no other round adds any meanwhile) and none repeats, so COPY, which has no ON CONFLICT, cannot fail on one.
     */
    static boolean allNew(EventRows rows, long maxSeq) {
        long previous = maxSeq;
        for (int i = 0; i < rows.size(); i++) {
            long seq = rows.event(i).seq();
            if (seq <= previous) {
                return false;
            }
            previous = seq;
        }
        return true;
    }

    private static String insertEventsSql(int rows) {
        return INSERT_EVENTS_SQL.computeIfAbsent(rows, r -> {
            StringBuilder sql = new StringBuilder(64 + r * 24).append("INSERT INTO events (device, seq, kind, wall_ms, "
                    + "boot_id, mono_ns, received_ms, body, corrected_ms, time_quality) VALUES ");
            for (int i = 0; i < r; i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?)");
            }
            return sql.append(" ON CONFLICT (device, seq) DO NOTHING RETURNING seq").toString();
        });
    }

    @Override
    public String greatest(String a, String b) {
        return "greatest(" + a + ", " + b + ")";
    }
}
