package vn.kiosk06.server.integrity;

import com.google.protobuf.ByteString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC over the V6 tables ({@code chain_progress}, {@code chain_breaks}) in SQL that SQLite and PostgreSQL
 * both accept. Every write is idempotent: breaks are inserted with {@code ON CONFLICT DO NOTHING}, and progress only
 * ever moves forward, so several server instances may check the same device at once. Stateless; the caller owns
 * the connection and its transaction.
 */
final class IntegrityTables {

    /** A device's progress as stored. */
    record Progress(String deviceId, ChainVerifier.Position position) {
    }

    /** A break as stored, with its device. */
    record DeviceBreak(String deviceId, ChainBreak chainBreak) {
    }

    /** A device with events above where its check stands. */
    record DeviceAhead(String deviceId, long watermark, ChainVerifier.Position checked) {
    }

    private IntegrityTables() {
    }

    /**
     * The devices whose highest received seq is above their checked position, with that position (the origin for a
     * device never checked): one light query instead of every device's summary.
     */
    static List<DeviceAhead> devicesAhead(Connection c) throws SQLException {
        List<DeviceAhead> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT d.device_id, d.watermark, p.checked_through, p.last_hash, "
                + "p.last_chained, p.keyed_from FROM devices d LEFT JOIN chain_progress p ON p.device_id = d.device_id "
                + "WHERE d.max_seq > coalesce(p.checked_through, 0) ORDER BY d.device_id");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                byte[] hash = rs.getBytes(4);
                ChainVerifier.Position at = hash == null ? ChainVerifier.Position.origin()
                        : new ChainVerifier.Position(rs.getLong(3), ByteString.copyFrom(hash), rs.getInt(5) != 0,
                        rs.getLong(6));
                out.add(new DeviceAhead(rs.getString(1), rs.getLong(2), at));
            }
        }
        return out;
    }

    static Map<String, ChainVerifier.Position> progress(Connection c) throws SQLException {
        Map<String, ChainVerifier.Position> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT device_id, checked_through, last_hash, last_chained, keyed_from FROM chain_progress");
             ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new ChainVerifier.Position(rs.getLong(2), ByteString.copyFrom(rs.getBytes(3)),
                        rs.getInt(4) != 0, rs.getLong(5)));
            }
        }
        return out;
    }

    /** Moves a device's progress forward to {@code at}; a position at or behind the stored one changes nothing. */
    static void advance(Connection c, String deviceId, ChainVerifier.Position at, long nowMs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO chain_progress "
                + "(device_id, checked_through, last_hash, last_chained, updated_ms, keyed_from) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (device_id) DO UPDATE SET checked_through = excluded.checked_through, "
                + "last_hash = excluded.last_hash, last_chained = excluded.last_chained, updated_ms = excluded.updated_ms, "
                + "keyed_from = excluded.keyed_from "
                + "WHERE chain_progress.checked_through < excluded.checked_through")) {
            p.setString(1, deviceId);
            p.setLong(2, at.seq());
            p.setBytes(3, at.hash().toByteArray());
            p.setInt(4, at.chained() ? 1 : 0);
            p.setLong(5, nowMs);
            p.setLong(6, at.keyedFrom());
            p.executeUpdate();
        }
    }

    /** Records breaks; returns those that were new (another instance may have recorded the others already). */
    static List<ChainBreak> record(Connection c, String deviceId, List<ChainBreak> breaks) throws SQLException {
        List<ChainBreak> added = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO chain_breaks "
                + "(device_id, seq, kind, gap_first, detail, found_ms) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (device_id, seq) DO NOTHING")) {
            for (ChainBreak b : breaks) {
                p.setString(1, deviceId);
                p.setLong(2, b.seq());
                p.setString(3, b.kind().name());
                p.setLong(4, b.gapFirst());
                p.setString(5, b.detail());
                p.setLong(6, b.foundMs());
                if (p.executeUpdate() > 0) {
                    added.add(b);
                }
            }
        }
        return added;
    }

    /** Deletes one recorded break, if it is still there. */
    static void forget(Connection c, String deviceId, ChainBreak b) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "DELETE FROM chain_breaks WHERE device_id = ? AND seq = ? AND kind = ?")) {
            p.setString(1, deviceId);
            p.setLong(2, b.seq());
            p.setString(3, b.kind().name());
            p.executeUpdate();
        }
    }

    /** Every break of one kind, across devices: the checker re-examines gaps of events not received. */
    static List<DeviceBreak> ofKind(Connection c, ChainBreakKind kind) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT device_id, seq, kind, gap_first, detail, found_ms "
                + "FROM chain_breaks WHERE kind = ? ORDER BY device_id, seq")) {
            p.setString(1, kind.name());
            return read(p);
        }
    }

    /** One device's breaks by seq, at most {@code limit}. */
    static List<ChainBreak> breaks(Connection c, String deviceId, int limit) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT device_id, seq, kind, gap_first, detail, found_ms "
                + "FROM chain_breaks WHERE device_id = ? ORDER BY seq LIMIT ?")) {
            p.setString(1, deviceId);
            p.setInt(2, limit);
            return read(p).stream().map(DeviceBreak::chainBreak).toList();
        }
    }

    /** Every device's breaks by seq, at most {@code perDevice} of each, for the fleet table. */
    static Map<String, List<ChainBreak>> allBreaks(Connection c, int perDevice) throws SQLException {
        Map<String, List<ChainBreak>> out = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT device_id, seq, kind, gap_first, detail, found_ms "
                + "FROM chain_breaks ORDER BY device_id, seq")) {
            for (DeviceBreak b : read(p)) {
                List<ChainBreak> list = out.computeIfAbsent(b.deviceId(), d -> new ArrayList<>());
                // Tampering is what the table must show, so a device's gaps never crowd out its first tamper break.
                if (list.size() < perDevice || (b.chainBreak().tampering() && list.stream().noneMatch(ChainBreak::tampering))) {
                    list.add(b.chainBreak());
                }
            }
        }
        return out;
    }

    private static List<DeviceBreak> read(PreparedStatement p) throws SQLException {
        List<DeviceBreak> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new DeviceBreak(rs.getString(1), new ChainBreak(rs.getLong(2),
                        ChainBreakKind.valueOf(rs.getString(3)), rs.getLong(4), rs.getString(5), rs.getLong(6))));
            }
        }
        return out;
    }
}
