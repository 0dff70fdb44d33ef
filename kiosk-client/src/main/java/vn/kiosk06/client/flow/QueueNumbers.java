package vn.kiosk06.client.flow;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Objects;
import vn.kiosk06.client.files.OwnerOnly;
import vn.kiosk06.client.journal.JournalException;

/**
 * Queue numbers, 1, 2, 3 … per facility code per local day, kept in a small SQLite file in the data dir. Each
 * number is committed (synchronous=FULL) before it is handed out, so a kiosk restarted mid-day carries on where it
 * was and never issues a number twice.
 *
 * <p>Thread-safe (one connection, synchronized).
 */
public final class QueueNumbers implements AutoCloseable {

    private final Connection db;

    private QueueNumbers(Connection db) {
        this.db = db;
    }

    /** Opens (creating if needed) the counter table in {@code file}. */
    public static QueueNumbers open(Path file) {
        try {
            OwnerOnly.database(file);
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=FULL&busy_timeout=5000");
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS queue_numbers (facility TEXT NOT NULL, day TEXT NOT NULL, "
                        + "last INTEGER NOT NULL, PRIMARY KEY (facility, day))");
            }
            return new QueueNumbers(db);
        } catch (java.io.IOException | SQLException e) {
            throw new JournalException("cannot open queue numbers " + file + ": " + e.getMessage(), e);
        }
    }

    /** The next queue number of {@code facility} on {@code day}, durable before it returns. */
    public synchronized int next(String facility, LocalDate day) {
        Objects.requireNonNull(facility, "facility");
        Objects.requireNonNull(day, "day");
        try (PreparedStatement p = db.prepareStatement("INSERT INTO queue_numbers (facility, day, last) VALUES (?, ?, 1) "
                + "ON CONFLICT (facility, day) DO UPDATE SET last = last + 1 RETURNING last")) {
            p.setString(1, facility);
            p.setString(2, day.toString());
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new JournalException("cannot take a queue number: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing at shutdown: every number handed out is already committed.
        }
    }
}
