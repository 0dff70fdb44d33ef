package vn.kiosk06.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import vn.kiosk06.server.time.CorrectedTime;

/**
 * One batch's events as columns, with the corrected time each got on the way in: what a {@link Dialect} inserts.
 * Not thread-safe: built and used by one round.
 */
final class EventRows {

    final List<IncomingEvent> events;
    /** Corrected ms since the epoch; meaningful only where {@link #known} is set. */
    final long[] correctedMs;
    final boolean[] known;
    /** {@link BootMeasurements#qualityCode} of each event's time. */
    final short[] quality;
    /**
     * The local day each event counts under ({@link vn.kiosk06.server.report.rollup.Rollup#UNKNOWN_DAY} when its time
     * is unknown).
     */
    final long[] day;

    EventRows(List<IncomingEvent> events) {
        this.events = events;
        int n = events.size();
        correctedMs = new long[n];
        known = new boolean[n];
        quality = new short[n];
        day = new long[n];
    }

    int size() {
        return events.size();
    }

    IncomingEvent event(int i) {
        return events.get(i);
    }

    /**
     * Binds row {@code i} as the ten columns (device, seq, kind, wall_ms, boot_id, mono_ns, received_ms, body,
     * corrected_ms, time_quality) from parameter {@code first} on; returns the next parameter's index.
     */
    int bind(PreparedStatement p, int first, int i, long device, long receivedMs) throws SQLException {
        IncomingEvent e = events.get(i);
        int k = first;
        p.setLong(k++, device);
        p.setLong(k++, e.seq());
        p.setInt(k++, e.kind());
        p.setLong(k++, e.wallMs());
        p.setBytes(k++, e.bootId());
        p.setLong(k++, e.monoNs());
        p.setLong(k++, receivedMs);
        p.setBytes(k++, e.body());
        RoundStatements.setNullable(p, k++, known[i] ? correctedMs[i] : null);
        p.setShort(k++, quality[i]);
        return k;
    }

    void corrected(int i, CorrectedTime t) {
        t.instant().ifPresent(at -> {
            correctedMs[i] = at.toEpochMilli();
            known[i] = true;
        });
        quality[i] = (short) BootMeasurements.qualityCode(t.quality());
        day[i] = BootMeasurements.day(t);
    }
}
