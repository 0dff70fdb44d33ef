package vn.kiosk06.server.salvage;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.store.SeqRange;
import vn.kiosk06.server.db.StoreException;

/**
 * Devices' journal salvages (table {@code journal_salvages}, migration V12), beside the event store: written at
 * ingest from the JournalSalvaged events of a stored batch, read by the fleet view and the device API to explain the
 * gaps a salvage left. Every write is idempotent (a replayed batch, or several server instances, change nothing), in
 * SQL that SQLite and PostgreSQL both accept. Thread-safe: each call is one short transaction.
 */
@Singleton
public final class JournalSalvages {

    private final Database database;

    public JournalSalvages(Database database) {
        this.database = database;
    }

    /** Records the salvage events among {@code events} (already stored for {@code deviceId}); others are ignored. */
    public void record(String deviceId, List<Event> events, long receivedMs) {
        List<Event> salvages = events.stream().filter(Event::hasJournalSalvaged).toList();
        if (salvages.isEmpty()) {
            return;
        }
        try (Connection c = database.connect();
             PreparedStatement p = c.prepareStatement("INSERT INTO journal_salvages (device_id, seq, salvaged, lost, "
                     + "damaged_file, reason, device_ms, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                     + "ON CONFLICT (device_id, seq) DO NOTHING")) {
            for (Event e : salvages) {
                JournalSalvaged s = e.getJournalSalvaged();
                p.setString(1, deviceId);
                p.setLong(2, e.getSeq());
                p.setLong(3, s.getSalvaged());
                p.setString(4, ranges(s.getLostList().stream().map(r -> new SeqRange(r.getFirst(), r.getLast())).toList()));
                p.setString(5, s.getDamagedFile());
                p.setString(6, s.getReason());
                p.setLong(7, e.getWallTimeMs());
                p.setLong(8, receivedMs);
                p.addBatch();
            }
            p.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("recording a journal salvage of device " + deviceId + ": " + e.getMessage(), e);
        }
    }

    /** One device's salvages, oldest first. */
    public List<SalvageRecord> of(String deviceId) {
        return query("WHERE device_id = ?", deviceId).getOrDefault(deviceId, List.of());
    }

    /** Every device's salvages, oldest first, by device (devices without one are absent). */
    public Map<String, List<SalvageRecord>> all() {
        return query("", null);
    }

    private Map<String, List<SalvageRecord>> query(String where, String deviceId) {
        Map<String, List<SalvageRecord>> out = new HashMap<>();
        try (Connection c = database.connectForReads();
             PreparedStatement p = c.prepareStatement("SELECT device_id, seq, salvaged, lost, damaged_file, reason, device_ms "
                     + "FROM journal_salvages " + where + " ORDER BY device_id, seq")) {
            if (deviceId != null) {
                p.setString(1, deviceId);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), d -> new ArrayList<>()).add(new SalvageRecord(rs.getLong(2),
                            rs.getLong(3), parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getLong(7)));
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            throw new StoreException("reading journal salvages: " + e.getMessage(), e);
        }
    }

    static String ranges(List<SeqRange> ranges) {
        return String.join(",", ranges.stream().map(r -> r.first() + "-" + r.last()).toList());
    }

    static List<SeqRange> parse(String text) {
        List<SeqRange> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                int dash = part.indexOf('-');
                out.add(new SeqRange(Long.parseLong(part.substring(0, dash)), Long.parseLong(part.substring(dash + 1))));
            }
        }
        return out;
    }
}
