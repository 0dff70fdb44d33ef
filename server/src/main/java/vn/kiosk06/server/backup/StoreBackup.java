package vn.kiosk06.server.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConnection;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.files.OwnerOnly;

/**
 * Copies a live SQLite store with SQLite's online backup API ({@code sqlite3_backup_*}, reached through
 * sqlite-jdbc), never a file copy: a file copy of a store in WAL mode misses what is still in the WAL and can catch
 * a page mid-write.
 *
 * <p>The source connection holds one read transaction for the whole backup, so the copy is the snapshot of the
 * moment the backup started — every event acked before then is in it — and, in WAL mode, the server keeps
 * ingesting meanwhile (readers never block the writer). Without that transaction SQLite would restart the copy
 * after every commit by the server, which under steady ingest never finishes.
 *
 * <p>The copy is written beside the target and renamed into place only once complete and checked, so a failed or
 * interrupted backup never leaves a file that looks like a good one.
 */
public final class StoreBackup {

    private static final int PAGES_PER_STEP = 256;

    private StoreBackup() {
    }

    /** What a finished backup holds. */
    public record Result(Path file, long pages, long bytes) {
    }

    /** Backs up the store in {@code dataDir} to {@code target}, reporting pages copied to {@code progress}. */
    public static Result backup(Path dataDir, Path target, Progress progress) {
        Path source = dataDir.resolve("kiosk06.db");
        if (!Files.isRegularFile(source)) {
            throw new BackupException("no store to back up: " + source + " does not exist", null);
        }
        Path absolute = target.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            OwnerOnly.directories(absolute.getParent());
            Files.deleteIfExists(partial);
            OwnerOnly.file(partial); // SQLite would make the copy 0644; the backup holds everything the store does
            try (Connection c = SqliteDatabase.connect(source); Statement s = c.createStatement()) {
                // Opens the read transaction the whole copy is taken from (autocommit is off).
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    rs.next();
                }
                c.unwrap(SQLiteConnection.class).getDatabase().backup("main", partial.toString(),
                        (remaining, total) -> progress.update(total - remaining, total, "pages"),
                        100, 100, PAGES_PER_STEP);
                c.rollback();
            }
            long pages = check(partial);
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Result result = new Result(absolute, pages, Files.size(absolute));
            progress.done("copied " + pages + " pages (" + result.bytes() + " bytes) to " + absolute);
            return result;
        } catch (SQLException | IOException e) {
            deleteQuietly(partial);
            throw new BackupException("cannot back up " + source + " to " + absolute + ": " + e.getMessage(), e);
        }
    }

    /** Runs SQLite's quick check on a copy and returns its page count; a copy that fails it is refused. */
    static long check(Path file) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(SqliteDatabase.jdbcUrl(file));
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                String verdict = rs.next() ? rs.getString(1) : "no answer";
                if (!"ok".equals(verdict)) {
                    throw new SQLException(file + " failed SQLite's quick check: " + verdict);
                }
            }
            try (ResultSet rs = s.executeQuery("PRAGMA page_count")) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the caller is already reporting the real failure
        }
    }
}
