package vn.kiosk06.client.flow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import vn.kiosk06.client.files.OwnerOnly;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.FieldActivity;

/**
 * The handheld's own records: the count of help given, per local day and activity, for the on-device summary, and
 * the shift in progress (team and area), so a handheld restarted mid-shift (battery swap, crash) goes straight back
 * to the citizen screen the same day; and each saved activity by its journal seq (time, activity, age group — nothing
 * that names a person), so the worker sees today's records and can void a mis-tapped one. Kept apart from the
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
            OwnerOnly.database(file);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000");
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS field_tally (day TEXT NOT NULL, activity TEXT NOT NULL, "
                        + "count INTEGER NOT NULL, PRIMARY KEY (day, activity))");
                // At most one row: the shift in progress and the local day it started.
                s.execute("CREATE TABLE IF NOT EXISTS field_shift (only INTEGER PRIMARY KEY CHECK (only = 1), "
                        + "day TEXT NOT NULL, team TEXT NOT NULL, area TEXT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS field_record (seq INTEGER PRIMARY KEY, day TEXT NOT NULL, "
                        + "time TEXT NOT NULL, activity TEXT NOT NULL, age_group TEXT NOT NULL, "
                        + "voided INTEGER NOT NULL DEFAULT 0)");
            }
            return new FieldTally(db);
        } catch (java.io.IOException | SQLException e) {
            throw new JournalException("cannot open field tally " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * One activity saved for a citizen, as the worker sees it in today's list.
     *
     * @param seq      the FieldAssist event's journal seq (what a void refers to)
     * @param time     local time it was saved, HH:mm
     * @param activity what was done
     * @param ageGroup the citizen's age group
     * @param voided   whether the worker voided it (a mis-tap)
     */
    public record Entry(long seq, String time, FieldActivity activity, AgeGroup ageGroup, boolean voided) {
    }

    /** Counts one more {@code activity} on {@code day} and lists it among the day's records under {@code seq}. */
    public synchronized void add(long seq, LocalDateTime at, FieldActivity activity, AgeGroup ageGroup) {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO field_tally (day, activity, count) VALUES (?, ?, 1) "
                + "ON CONFLICT (day, activity) DO UPDATE SET count = count + 1");
             PreparedStatement r = db.prepareStatement("INSERT OR IGNORE INTO field_record (seq, day, time, activity, "
                     + "age_group) VALUES (?, ?, ?, ?, ?)")) {
            p.setString(1, at.toLocalDate().toString());
            p.setString(2, activity.name());
            p.executeUpdate();
            r.setLong(1, seq);
            r.setString(2, at.toLocalDate().toString());
            r.setString(3, String.format(java.util.Locale.ROOT, "%02d:%02d", at.getHour(), at.getMinute()));
            r.setString(4, activity.name());
            r.setString(5, ageGroup.name());
            r.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot update field tally: " + e.getMessage(), e);
        }
    }

    /** The records saved on {@code day}, newest first. */
    public synchronized List<Entry> entries(LocalDate day) {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement("SELECT seq, time, activity, age_group, voided FROM field_record "
                + "WHERE day = ? ORDER BY seq DESC")) {
            p.setString(1, day.toString());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new JournalException("cannot read field records: " + e.getMessage(), e);
        }
        return out;
    }

    /** The record saved under {@code seq}, if this device still lists it. */
    public synchronized Optional<Entry> entry(long seq) {
        try (PreparedStatement p = db.prepareStatement("SELECT seq, time, activity, age_group, voided FROM field_record "
                + "WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new JournalException("cannot read field record: " + e.getMessage(), e);
        }
    }

    /** The record on the current row of a {@code SELECT seq, time, activity, age_group, voided}. */
    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), FieldActivity.valueOf(rs.getString(3)),
                AgeGroup.valueOf(rs.getString(4)), rs.getInt(5) == 1);
    }

    /** Marks the record {@code seq} voided and takes it out of its day's count (the Void event is already durable). */
    public synchronized void markVoided(long seq) {
        try (PreparedStatement p = db.prepareStatement("UPDATE field_tally SET count = count - 1 WHERE count > 0 AND "
                + "(day, activity) = (SELECT day, activity FROM field_record WHERE seq = ? AND voided = 0)");
             PreparedStatement r = db.prepareStatement("UPDATE field_record SET voided = 1 WHERE seq = ?")) {
            p.setLong(1, seq);
            p.executeUpdate();
            r.setLong(1, seq);
            r.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("cannot void field record: " + e.getMessage(), e);
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
