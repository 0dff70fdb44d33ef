package vn.kiosk06.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store's reads of devices and their events, the same SQL on every engine: summaries with their gaps, the
 * quarantine, event times, events for the integrity check, counts by corrected time, and the fleet view.
 * Thread-safe (each read runs through the engine's {@link Reader}).
 */
final class DeviceQueries {

    /** The seqs stored or quarantined above a watermark, ascending (parameters: device, seq, device, seq). */
    static final String SEQS_ABOVE = "SELECT seq FROM events WHERE device = ? AND seq > ? "
            + "UNION SELECT seq FROM quarantine WHERE device = ? AND seq > ? ORDER BY seq";

    private final Reader reader;

    DeviceQueries(Reader reader) {
        this.reader = reader;
    }

    long watermark(String deviceId) {
        return reader.read("read a watermark", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT watermark FROM devices WHERE device_id = ?")) {
                p.setString(1, deviceId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /**
     * Devices with a tampering break recorded by the integrity checker (table chain_breaks, migration V6): the kinds
     * here are those of {@code ChainBreakKind} whose {@code tampering()} is true.
     */
    Map<String, Long> unverifiedDevices() {
        return reader.read("read devices with broken chains", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT device_id, min(gap_first) FROM chain_breaks "
                    + "WHERE kind IN ('HASH_MISMATCH', 'CHAIN_DROPPED', 'PLAIN_AFTER_KEYED', 'UNREADABLE') "
                    + "GROUP BY device_id");
                 ResultSet rs = p.executeQuery()) {
                Map<String, Long> out = new java.util.TreeMap<>();
                while (rs.next()) {
                    out.put(rs.getString(1), Math.max(1, rs.getLong(2)));
                }
                return out;
            }
        });
    }

    Optional<DeviceSummary> device(String deviceId) {
        return summaries("WHERE device_id = ?", deviceId).stream().findFirst();
    }

    List<DeviceSummary> devices() {
        return summaries("", null);
    }

    private List<DeviceSummary> summaries(String where, String arg) {
        return reader.read("read devices", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, device_id, events_stored, watermark, max_seq, "
                    + "quarantined, app_version, last_seen_ms, clock_measured_at_ms IS NOT NULL, "
                    + "coalesce(clock_offset_ms, 0), coalesce(clock_round_trip_ms, 0), coalesce(clock_measured_at_ms, 0), "
                    + "events_corrected, events_time_unknown FROM devices " + where + " ORDER BY device_id")) {
                if (arg != null) {
                    p.setString(1, arg);
                }
                List<DeviceSummary> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long watermark = rs.getLong(4);
                        long maxSeq = rs.getLong(5);
                        List<SeqRange> missing = maxSeq > watermark ? missing(c, rs.getLong(1), watermark) : List.of();
                        out.add(new DeviceSummary(rs.getString(2), rs.getLong(3), watermark, maxSeq, missing,
                                rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9), rs.getLong(10),
                                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14)));
                    }
                }
                return out;
            }
        });
    }

    /** Gaps between the watermark and the highest seq received (at most 100), by a window over the seqs above it. */
    private static List<SeqRange> missing(Connection c, long device, long watermark) throws SQLException {
        List<SeqRange> gaps = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT prev + 1, seq - 1 FROM (SELECT seq, "
                + "coalesce(lag(seq) OVER (ORDER BY seq), ?) AS prev FROM (" + SEQS_ABOVE + ") s) g "
                + "WHERE seq > prev + 1 ORDER BY seq LIMIT 100")) {
            p.setLong(1, watermark);
            p.setLong(2, device);
            p.setLong(3, watermark);
            p.setLong(4, device);
            p.setLong(5, watermark);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    gaps.add(new SeqRange(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return gaps;
    }

    List<QuarantinedEvent> quarantine(String deviceId, int limit) {
        return reader.read("read quarantine", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT q.seq, q.reason, q.body FROM quarantine q "
                    + "JOIN devices d ON d.id = q.device WHERE d.device_id = ? ORDER BY q.seq LIMIT ?")) {
                p.setString(1, deviceId);
                p.setInt(2, limit);
                List<QuarantinedEvent> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QuarantinedEvent(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
                return out;
            }
        });
    }

    List<StoredEventTime> eventTimes(String deviceId) {
        return reader.read("read event times", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT e.seq, e.wall_ms, e.corrected_ms, e.time_quality "
                    + "FROM events e JOIN devices d ON d.id = e.device WHERE d.device_id = ? ORDER BY e.seq")) {
                p.setString(1, deviceId);
                List<StoredEventTime> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long corrected = rs.getLong(3);
                        Optional<Instant> at = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(corrected));
                        out.add(new StoredEventTime(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), at,
                                BootMeasurements.quality(rs.getInt(4))));
                    }
                }
                return out;
            }
        });
    }

    List<StoredEvent> events(String deviceId, long afterSeq, int limit) {
        return reader.read("read events", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT e.seq, e.body FROM events e "
                    + "WHERE e.device = (SELECT id FROM devices WHERE device_id = ?) AND e.seq > ? ORDER BY e.seq LIMIT ?")) {
                p.setString(1, deviceId);
                p.setLong(2, afterSeq);
                p.setInt(3, limit);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(rs.getLong(1), rs.getBytes(2)));
                    }
                }
                return out;
            }
        });
    }

    long countByCorrectedTime(String deviceId, Instant from, Instant toExclusive) {
        return count("corrected_ms >= ? AND corrected_ms < ?", deviceId, from.toEpochMilli(), toExclusive.toEpochMilli());
    }

    long countTimeUnknown(String deviceId) {
        return count("corrected_ms IS NULL", deviceId);
    }

    /** Events of one device matching {@code condition}; both use the (device, corrected_ms) index. */
    private long count(String condition, String deviceId, long... args) {
        return reader.read("count events", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM events "
                    + "WHERE device = (SELECT id FROM devices WHERE device_id = ?) AND " + condition)) {
                p.setString(1, deviceId);
                for (int i = 0; i < args.length; i++) {
                    p.setLong(i + 2, args[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    List<FleetDetail> fleetDetails() {
        return reader.read("read the fleet", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT device_id, coalesce(last_sync_ms, 0), "
                    + "coalesce(backlog, -1), late_events, coalesce(last_late_ms, 0), last_late_day FROM devices "
                    + "ORDER BY device_id");
                 ResultSet rs = p.executeQuery()) {
                List<FleetDetail> out = new ArrayList<>();
                while (rs.next()) {
                    long day = rs.getLong(6);
                    String lateDay = rs.wasNull() || day == 0 ? "" : LocalDate.ofEpochDay(day).toString();
                    out.add(new FleetDetail(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), lateDay));
                }
                return out;
            }
        });
    }
}
