package vn.kiosk06.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's log of committed rollup changes ({@code rollup_log}, V14), which lets every instance serve the rollup
 * reads from memory ({@link CachedRollups}) and still see every other instance's writes at once: each ingest round
 * that changed the rollups appends its {@link RollupWriter.Changes} in its own transaction, and an instance applies
 * the rows after the last it applied before each read.
 *
 * <p>Ids are dense and follow commit order, so "the rows after id n" never skips one: a round takes a
 * transaction-scoped advisory lock right before its row and holds it until it commits, and its id is one more than
 * the largest committed id it then sees. A sequence would hand out ids at insert, not at commit — a reader could see
 * 105 committed while 104 was still in flight and pass over it for good — and a rolled-back round would leave a gap
 * that looks like a pruned row. The lock serialises the rollup rounds' commits of all instances (measured: README).
 *
 * <p>Rows older than a few minutes are pruned, except the newest (it carries the next id); an instance that finds
 * the row after its last one gone reloads the tables. Stateless; every method runs on the caller's connection.
 */
final class RollupLog {

    /** The advisory lock of the log's tail: "kiosk06L" as ASCII, a key nothing else in the database uses. */
    static final long TAIL_LOCK = 0x6b696f736b30364cL;

    /** A log row: its id and the changes of the round that wrote it. */
    record Entry(long id, RollupWriter.Changes changes) {
    }

    private RollupLog() {
    }

    /**
     * Appends the round's changes (nothing when there are none) as the round's last statement: the lock it takes
     * is held until the commit, so the rounds queue for it only for the commit itself. It is taken after every
     * device lock of the round and the holder waits for nothing else, so it cannot close a deadlock cycle.
     */
    static void append(RoundStatements st, RollupWriter.Changes changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        PreparedStatement lock = st.prepare("SELECT pg_advisory_xact_lock(?)");
        lock.setLong(1, TAIL_LOCK);
        lock.execute();
        // Read committed: this statement's snapshot is taken after the lock, so it sees every earlier log row.
        PreparedStatement insert = st.prepare("INSERT INTO rollup_log (id, changes) "
                + "SELECT coalesce(max(id), 0) + 1, ? FROM rollup_log");
        insert.setBytes(1, RollupChangesCodec.encode(changes));
        insert.executeUpdate();
    }

    /**
     * Makes the connection's transaction, which must not have run a statement yet, one snapshot (repeatable read)
     * and returns the log's last id in it: the rollup tables read next in that transaction are exactly the tables
     * after that row, so following the log from it misses nothing and applies nothing twice.
     */
    static long openSnapshot(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            try (ResultSet rs = s.executeQuery("SELECT coalesce(max(id), 0) FROM rollup_log")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The rows after {@code id}, in id order: one index range scan, usually empty. */
    static List<Entry> after(Connection c, long id) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT id, changes FROM rollup_log WHERE id > ? ORDER BY id")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), RollupChangesCodec.decode(rs.getBytes(2))));
                }
            }
        }
        return out;
    }

    /** Deletes the rows logged more than {@code age} ago, but never the newest; returns how many. */
    static int prune(Connection c, Duration age) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("DELETE FROM rollup_log WHERE logged_at < now() - ? * "
                + "interval '1 millisecond' AND id < (SELECT max(id) FROM rollup_log)")) {
            p.setLong(1, age.toMillis());
            return p.executeUpdate();
        }
    }
}
