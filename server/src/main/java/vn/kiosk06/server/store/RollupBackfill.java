package vn.kiosk06.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.report.rollup.EventFacts;
import vn.kiosk06.server.report.rollup.LocalDays;
import vn.kiosk06.server.report.rollup.Rollup;

/**
 * Builds the rollups of events stored before they existed (a store created before V3): once, when the store holds
 * events but no rollup row. Reads each event's corrected time and body, as ingest would have, and writes the rows
 * through the same {@link RollupWriter}. Runs on a writer connection before the store serves anything.
 */
final class RollupBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(RollupBackfill.class);

    private RollupBackfill() {
    }

    static void runIfMissing(Connection c) throws SQLException {
        boolean missing;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM events) "
                     + "AND NOT EXISTS (SELECT 1 FROM rollup_daily)")) {
            missing = rs.next() && rs.getBoolean(1);
        }
        // Ends the read only once its statement is done: SQLite would keep the snapshot of an open one, and the
        // writer's next write would fail at once with SQLITE_BUSY instead of waiting for another connection's.
        c.commit();
        if (!missing) {
            return;
        }
        LOG.info("Building report rollups for events stored before them …");
        Map<Long, DeviceState> byDevice = new HashMap<>();
        long n = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT device, corrected_ms, body, "
                     + "EXISTS (SELECT 1 FROM voids v WHERE v.device = events.device AND v.voided_seq = events.seq) "
                     + "FROM events")) {
            while (rs.next()) {
                long corrected = rs.getLong(2);
                long day = rs.wasNull() ? Rollup.UNKNOWN_DAY : LocalDays.of(corrected);
                // A voided event stays an event stored, and adds nothing else.
                EventFacts facts = rs.getBoolean(4) ? EventFacts.NONE : EventFacts.parse(rs.getBytes(3));
                byDevice.computeIfAbsent(rs.getLong(1), d -> new DeviceState("", d, 0, 0)).delta.add(day, facts, 1);
                n++;
            }
        }
        try (RoundStatements st = new RoundStatements(c)) {
            new RollupWriter(st).write(byDevice.values());
        }
        c.commit();
        LOG.info("Built report rollups for {} events of {} devices", n, byDevice.size());
    }
}
