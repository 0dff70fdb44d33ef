package vn.kiosk06.server.store;

import com.google.protobuf.InvalidProtocolBufferException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.server.report.rollup.EventFacts;
import vn.kiosk06.server.report.rollup.LocalDays;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupDelta;
import vn.kiosk06.wire.EventRules;

/**
 * Voids (issue 13 item 4) on the ingest path, shared by both stores: plain SQL that SQLite and PostgreSQL both
 * run, on the writer's connection inside its transaction. A void never edits the events table: the {@code voids}
 * table names the voided seq, and the rollups lose exactly what the voided event added (not its "events stored"
 * count). Whichever of the two arrives first, the target is counted once at most and then uncounted, or never
 * counted.
 */
final class Voids {

    /** A citizen whose voided event was counted under {@code day}: loses the day unless another event remains. */
    record CitizenCheck(long day, long citizen) {
    }

    private Voids() {
    }

    /**
     * The batch with every void whose target is known (stored, or earlier in this batch) but may not be voided
     * moved to quarantine with the rule's reason, as any other event breaking a wire rule. A void of a target
     * that is missing or quarantined is kept: it takes effect if the target arrives.
     */
    static IngestBatch screen(RoundStatements st, long device, IngestBatch batch) throws SQLException {
        // A plain loop, no map of the batch's bodies: voids are rare, and this runs for every batch on the writer.
        List<IncomingEvent> events = batch.events();
        int firstVoid = -1;
        for (int i = 0; i < events.size(); i++) {
            if (isVoid(events.get(i))) {
                firstVoid = i;
                break;
            }
        }
        if (firstVoid < 0) {
            return batch;
        }
        List<IncomingEvent> good = new ArrayList<>(events.subList(0, firstVoid));
        List<QuarantinedEvent> bad = new ArrayList<>(batch.quarantined());
        for (int i = firstVoid; i < events.size(); i++) {
            IncomingEvent e = events.get(i);
            if (isVoid(e)) {
                long target = voidedSeq(e.body());
                byte[] body = earlierInBatch(good, target);
                if (body == null) {
                    body = storedBody(st, device, target);
                }
                Optional<String> refused = body == null ? Optional.empty()
                        : EventRules.checkVoidTarget(target, Optional.of(parse(body)));
                if (refused.isPresent()) {
                    bad.add(new QuarantinedEvent(e.seq(), refused.get(), e.body()));
                    continue;
                }
            }
            good.add(e);
        }
        return new IngestBatch(batch.deviceId(), good, bad, batch.clockSamples(), batch.receivedMs());
    }

    /** The body of the first event kept so far with {@code seq}, or null. */
    private static byte[] earlierInBatch(List<IncomingEvent> kept, long seq) {
        for (IncomingEvent e : kept) {
            if (e.seq() == seq) {
                return e.body();
            }
        }
        return null;
    }

    /** The seqs in [first, last] of the device already voided: stored now, they count as events only. */
    /** Sets {@link DeviceState#hasVoids} of the round's devices: one query for the whole round. */
    static void markDevicesWithVoids(RoundStatements st, Collection<DeviceState> devices) throws SQLException {
        Map<Long, DeviceState> byId = new HashMap<>();
        devices.forEach(d -> byId.put(d.id, d));
        if (byId.isEmpty()) {
            return;
        }
        PreparedStatement p = st.prepare("SELECT DISTINCT device FROM voids WHERE device IN ("
                + String.join(", ", Collections.nCopies(byId.size(), "?")) + ")");
        int k = 1;
        for (long id : byId.keySet()) {
            p.setLong(k++, id);
        }
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                byId.get(rs.getLong(1)).hasVoids = true;
            }
        }
    }

    static Set<Long> voidedBetween(RoundStatements st, long device, long first, long last) throws SQLException {
        // Prepared once per round (every batch asks): compiling it per batch showed in the writer's profile.
        PreparedStatement p = st.prepare("SELECT voided_seq FROM voids WHERE device = ? AND voided_seq BETWEEN ? AND ?");
        p.setLong(1, device);
        p.setLong(2, first);
        p.setLong(3, last);
        Set<Long> out = new HashSet<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /**
     * Records a newly stored void and, when its target is stored and this is its first void, uncounts the
     * target from {@code delta}. Call after the batch's events are inserted and counted (a target in the same
     * batch is then stored). Returns the citizen to re-check once the rollups are written, if any.
     */
    static Optional<CitizenCheck> apply(Connection c, long device, IncomingEvent voidEvent, RollupDelta delta)
            throws SQLException {
        long target = voidedSeq(voidEvent.body());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO voids (device, voided_seq, void_seq) "
                + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            p.setLong(1, device);
            p.setLong(2, target);
            p.setLong(3, voidEvent.seq());
            if (p.executeUpdate() == 0) {
                return Optional.empty(); // a second void of the same target
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "SELECT corrected_ms, body FROM events WHERE device = ? AND seq = ?")) {
            p.setLong(1, device);
            p.setLong(2, target);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty(); // not here yet: voidedBetween keeps it uncounted when it comes
                }
                long corrected = rs.getLong(1);
                long day = rs.wasNull() ? Rollup.UNKNOWN_DAY : LocalDays.of(corrected);
                EventFacts facts = EventFacts.parse(rs.getBytes(2));
                delta.uncount(day, facts);
                return facts.citizenKey() != 0 && day != Rollup.UNKNOWN_DAY
                        ? Optional.of(new CitizenCheck(day, facts.citizenKey())) : Optional.empty();
            }
        }
    }

    /**
     * Whether another un-voided event of the checked citizen remains on the device that day, so they stay counted.
     * Reads the device's events of the day (a few hundred at most; voids are rare), so the distinct count stays exact.
     */
    static boolean remains(Connection c, long device, CitizenCheck check) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT body FROM events e WHERE device = ? "
                + "AND corrected_ms >= ? AND corrected_ms < ? "
                + "AND NOT EXISTS (SELECT 1 FROM voids v WHERE v.device = e.device AND v.voided_seq = e.seq)")) {
            p.setLong(1, device);
            p.setLong(2, LocalDays.startMs(check.day()));
            p.setLong(3, LocalDays.startMs(check.day() + 1));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (EventFacts.parse(rs.getBytes(1)).citizenKey() == check.citizen()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    static boolean isVoid(IncomingEvent e) {
        return e.kind() == Event.VOID_EVENT_FIELD_NUMBER;
    }

    private static byte[] storedBody(RoundStatements st, long device, long seq) throws SQLException {
        PreparedStatement p = st.prepare("SELECT body FROM events WHERE device = ? AND seq = ?");
        p.setLong(1, device);
        p.setLong(2, seq);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getBytes(1) : null;
        }
    }

    private static long voidedSeq(byte[] body) {
        return parse(body).getVoidEvent().getVoidedSeq();
    }

    /** A body that passed the wire rules at ingest, so it parses. */
    private static Event parse(byte[] body) {
        try {
            return Event.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored event no longer parses: " + e.getMessage(), e);
        }
    }
}
