package vn.kiosk06.server.audit;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.StoreException;

/**
 * Who did what, when: an append-only table ({@code audit_log}) of log-ins, target and unit edits, user and device
 * administration. Callers pass the acting user's name (or {@code cli:<os user>} for the command line, or
 * {@code system}), one of the action names below (or their own dotted name), what it was done to, and a short
 * detail. Never pass personal data: a device id, a unit code or a user name, not a citizen's. Thread-safe.
 */
@Singleton
public final class AuditLog {

    public static final String LOGIN_OK = "login.ok";
    public static final String LOGIN_FAILED = "login.failed";
    public static final String LOGIN_LOCKED = "login.locked";
    public static final String LOGOUT = "logout";
    public static final String UNIT_ADD = "unit.add";
    public static final String UNITS_IMPORT = "units.import";
    public static final String DEVICE_MOVE = "device.move";
    public static final String TARGET_CHANGE = "target.change";
    public static final String USER_ADD = "user.add";
    public static final String USER_DISABLE = "user.disable";
    public static final String DEVICE_ENROLL = "device.enroll";
    public static final String DEVICE_REVOKE = "device.revoke";

    private final Database database;
    private final Clock clock;

    public AuditLog(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** One audit row as the API shows it. */
    public record Entry(long id, long atMs, String actor, String action, String subject, String detail) {
    }

    /** Appends a row, committed before this returns. */
    public void record(String actor, String action, String subject, String detail) {
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO audit_log (at_ms, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, clip(actor, 64));
            ps.setString(3, clip(action, 64));
            ps.setString(4, clip(subject, 200));
            ps.setString(5, clip(detail, 1000));
            ps.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot write audit row " + action + " " + subject + ": " + e.getMessage(), e);
        }
    }

    /** The newest {@code limit} rows, newest first. */
    public List<Entry> latest(int limit) {
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, at_ms, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)));
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read the audit log: " + e.getMessage(), e);
        }
    }

    private static String clip(String s, int max) {
        String v = s == null ? "" : s;
        return v.length() <= max ? v : v.substring(0, max);
    }
}
