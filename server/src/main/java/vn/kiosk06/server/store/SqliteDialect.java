package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;

/**
 * SQLite: one writer at a time, so a round "locks" its devices by holding the file's write lock, taken with its
 * first statement; events go in as one JDBC batch of single-row inserts, whose update counts say which were new.
 */
final class SqliteDialect implements Dialect {

    static final SqliteDialect INSTANCE = new SqliteDialect();

    private static final String INSERT_EVENT = "INSERT INTO events (device, seq, kind, wall_ms, boot_id, mono_ns, "
            + "received_ms, body, corrected_ms, time_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (device, seq) DO NOTHING";

    private SqliteDialect() {
    }

    @Override
    public String migrations() {
        return "classpath:db/migration/sqlite";
    }

    /**
     * Starts the round's transaction with a write, before any read: SQLite then waits (busy timeout) for another
     * connection's write to finish — the device registry, sessions and the integrity check write to this file too —
     * instead of failing the round with SQLITE_BUSY when a read of this transaction saw the file before that write.
     * (Not {@code BEGIN IMMEDIATE} on the writer: the driver begins the next transaction right after each commit,
     * so an idle writer would hold the lock between rounds.)
     */
    @Override
    public Map<String, DeviceState> lockDevices(RoundStatements st, SortedMap<String, Long> firstSeenByDevice)
            throws SQLException {
        try (Statement s = st.connection().createStatement()) {
            s.executeUpdate("UPDATE devices SET id = id WHERE 0");
        }
        PreparedStatement ins = st.prepare("INSERT INTO devices (device_id, first_seen_ms, last_seen_ms) "
                + "VALUES (?, ?, ?) ON CONFLICT (device_id) DO NOTHING");
        PreparedStatement sel = st.prepare("SELECT id, watermark, max_seq FROM devices WHERE device_id = ?");
        Map<String, DeviceState> out = new HashMap<>();
        for (Map.Entry<String, Long> d : firstSeenByDevice.entrySet()) {
            ins.setString(1, d.getKey());
            ins.setLong(2, d.getValue());
            ins.setLong(3, d.getValue());
            ins.executeUpdate();
            sel.setString(1, d.getKey());
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                out.put(d.getKey(), new DeviceState(d.getKey(), rs.getLong(1), rs.getLong(2), rs.getLong(3)));
            }
        }
        return out;
    }

    @Override
    public boolean[] insertEvents(RoundStatements st, long device, long maxSeq, long receivedMs, EventRows rows)
            throws SQLException {
        PreparedStatement p = st.prepare(INSERT_EVENT);
        for (int i = 0; i < rows.size(); i++) {
            rows.bind(p, 1, i, device, receivedMs);
            p.addBatch();
        }
        int[] counts = p.executeBatch();
        boolean[] inserted = new boolean[counts.length];
        for (int i = 0; i < counts.length; i++) {
            inserted[i] = counts[i] > 0;
        }
        return inserted;
    }

    @Override
    public String greatest(String a, String b) {
        return "max(" + a + ", " + b + ")";
    }
}
