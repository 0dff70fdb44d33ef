package vn.kiosk06.client.flow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.proto.sync.v1.FieldActivity;

/**
 * The handheld's own records: the count of help given, per local day and activity, for the on-device summary, and
 * the shift in progress (team and area), so a handheld restarted mid-shift (battery swap, crash) goes straight back
 * to the citizen screen the same day. Kept apart from the
 * journal because the journal purges synced events and the summary must not need the network. Written right after
 * the FieldAssist events are durable (a crash between the two undercounts the summary by one citizen, never the
 * reports, which come from the events).
 *
 * <p>Thread-safe (one connection, synchronized).
 */
public final class FieldTally implements AutoCloseable {

    private final Connection db;

    private FieldTally(Connection db) {
        this.db = db;
    }

    /** Opens (creating if needed) the tally table in {@code file}. */
    public static FieldTally open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000");
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS field_tally (day TEXT NOT NULL, activity TEXT NOT NULL, "
                        + "count INTEGER NOT NULL, PRIMARY KEY (day, activity))");
                // At most one row: the shift in progress and the local day it started.
                s.execute("CREATE TABLE IF NOT EXISTS field_shift (only INTEGER PRIMARY KEY CHECK (only = 1), "
                        + "day TEXT NOT NULL, team TEXT NOT NULL, area TEXT NOT NULL)");
            }
            return new FieldTally(db);
        } catch (java.io.IOException | SQLException e) {
            throw new JournalException("cannot open field tally " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts one more {@code activity} on {@code day}. */
    public synchronized void add(LocalDate day, FieldActivity activity) {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO field_tally (day, activity, count) VALUES (?, ?, 1) "
                + "ON CONFLICT (day, activity) DO UPDATE SET count = count + 1")) {
            p.setString(1, day.toString());
            p.setString(2, activity.name());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot update field tally: " + e.getMessage(), e);
        }
    }

    /** Counts per activity from {@code first} to {@code last} inclusive; every activity present, zero if none. */
    public synchronized Map<FieldActivity, Long> counts(LocalDate first, LocalDate last) {
        Map<FieldActivity, Long> out = new EnumMap<>(FieldActivity.class);
        for (FieldActivity a : FieldFlow.ACTIVITIES) {
            out.put(a, 0L);
        }
        try (PreparedStatement p = db.prepareStatement(
                "SELECT activity, SUM(count) FROM field_tally WHERE day BETWEEN ? AND ? GROUP BY activity")) {
            p.setString(1, first.toString());
            p.setString(2, last.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.put(FieldActivity.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new JournalException("cannot read field tally: " + e.getMessage(), e);
        }
        return out;
    }

    /** A shift in progress: which team works in which area. */
    public record Shift(String team, String area) {
    }

    /** Remembers that {@code shift} started on {@code day}, replacing any earlier one. */
    public synchronized void startShift(LocalDate day, Shift shift) {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO field_shift (only, day, team, area) VALUES (1, ?, ?, ?) "
                + "ON CONFLICT (only) DO UPDATE SET day = excluded.day, team = excluded.team, area = excluded.area")) {
            p.setString(1, day.toString());
            p.setString(2, shift.team());
            p.setString(3, shift.area());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot remember the shift: " + e.getMessage(), e);
        }
    }

    /** Forgets the shift in progress. */
    public synchronized void endShift() {
        try (Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM field_shift");
        } catch (SQLException e) {
            throw new JournalException("cannot end the shift: " + e.getMessage(), e);
        }
    }

    /** The shift started on {@code day}, if one is in progress; a shift from an earlier day is over. */
    public synchronized Optional<Shift> shift(LocalDate day) {
        try (PreparedStatement p = db.prepareStatement("SELECT team, area FROM field_shift WHERE day = ?")) {
            p.setString(1, day.toString());
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(new Shift(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JournalException("cannot read the shift: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Shutdown: every count is already committed.
        }
    }
}
