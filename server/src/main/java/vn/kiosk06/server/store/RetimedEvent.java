package vn.kiosk06.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import vn.kiosk06.server.report.rollup.EventFacts;
import vn.kiosk06.server.report.rollup.LocalDays;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupDelta;
import vn.kiosk06.server.time.CorrectedTime;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeQuality;

/**
 * A stored event whose time changed on re-correction (a new sample of its boot), with what that changes in the
 * device's counters and the rollups. Shared by the stores, which read and update the rows with their own SQL.
 *
 * @param seq        the event's seq
 * @param time       its new time
 * @param knownDelta +1 when it went from unknown to known, −1 the other way, else 0
 * @param fromDay    the local day it counted under (or {@link Rollup#UNKNOWN_DAY})
 * @param toDay      the local day it counts under now
 * @param voided     whether a void names it: it moves as a stored event only, its figures were uncounted
 */
record RetimedEvent(long seq, CorrectedTime time, long knownDelta, long fromDay, long toDay, boolean voided) {

    /** The columns {@link #read} expects, in order. */
    static final String COLUMNS = "seq, wall_ms, mono_ns, received_ms, body, corrected_ms, time_quality, "
            + "(SELECT count(*) FROM voids v WHERE v.device = events.device AND v.voided_seq = events.seq)";

    /** The current row of {@link #COLUMNS} re-corrected by {@code m}, if its time changes. */
    static Optional<RetimedEvent> read(ResultSet rs, BootMeasurements m, EventTimeCorrector corrector)
            throws SQLException {
        long stored = rs.getLong(6);
        Long storedMs = rs.wasNull() ? null : stored;
        int storedQuality = rs.getInt(7);
        long seq = rs.getLong(1);
        boolean voided = rs.getLong(8) > 0;
        return m.changed(corrector, rs.getLong(2), rs.getLong(3), rs.getLong(4), storedMs, storedQuality)
                .map(t -> new RetimedEvent(seq, t,
                        (t.quality() != TimeQuality.UNKNOWN ? 1 : 0) - (storedQuality != 0 ? 1 : 0),
                        storedMs == null ? Rollup.UNKNOWN_DAY : LocalDays.of(storedMs), BootMeasurements.day(t), voided));
    }

    /** Moves the event from its old day (or the "time unknown" line) to its new one: uncounted there, counted here. */
    void move(RollupDelta delta, byte[] body) {
        if (fromDay != toDay) {
            EventFacts facts = voided ? EventFacts.NONE : EventFacts.parse(body);
            delta.add(fromDay, facts, -1);
            delta.add(toDay, facts, 1);
        }
    }
}
