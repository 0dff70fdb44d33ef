package vn.kiosk06.server.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints a SQLite file's write-ahead log on its own thread and connection, so the store's single writer does not.
 * With SQLite's automatic checkpoint, the commit that takes the log past 1,000 pages also copies them into the
 * database file and fsyncs it, inside the writer's round, while every device waiting for an ack waits too; in the
 * ingest profile (issue 16) that put the writer's CPU at 7.7 µs per event, 5.2 µs without it. A passive checkpoint
 * here never blocks the writer or a reader; it copies what no reader still needs.
 *
 * <p>The writer keeps an automatic checkpoint at a much larger log ({@link #BACKSTOP_PAGES}) for when this thread falls
 * behind (a long-running reader pins old pages), so the log cannot grow without bound. Thread-safe.
 */
public final class WalCheckpointer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);
    /** The writer's own checkpoint threshold with this class running: 16,384 pages, 64 MiB at SQLite's 4 KiB page. */
    public static final int BACKSTOP_PAGES = 16_384;

    private final Path file;
    private final Connection connection;
    private final ScheduledExecutorService scheduler;
    private volatile String lastFailure;

    private WalCheckpointer(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-checkpointer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Hands {@code writer}'s checkpoints to a new checkpointer that runs every {@code every}. The writer's connection
     * must have no write in progress (call before its first round).
     */
    public static WalCheckpointer takeOver(Path file, Connection writer, Duration every) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint=" + BACKSTOP_PAGES);
        }
        if (!writer.getAutoCommit()) {
            writer.commit();
        }
        // Autocommit: a checkpoint cannot run inside the transaction the driver would otherwise keep open.
        Connection c = DriverManager.getConnection(SqliteDatabase.jdbcUrl(file));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
        }
        WalCheckpointer checkpointer = new WalCheckpointer(file, c);
        checkpointer.scheduler.scheduleWithFixedDelay(checkpointer::checkpoint, every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return checkpointer;
    }

    /** One passive checkpoint now; for the scheduler, and for tests that need the log copied. */
    public void checkpoint() {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            lastFailure = null;
        } catch (SQLException e) {
            // Once per kind of failure: the writer's backstop still bounds the log.
            if (!e.getMessage().equals(lastFailure)) {
                LOG.warn("Checkpoint of {} failed: {} (the writer checkpoints past {} pages)", file, e.getMessage(),
                        BACKSTOP_PAGES);
            }
            lastFailure = e.getMessage();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            LOG.warn("Closing the checkpointer of {}: {}", file, e.getMessage());
        }
    }
}
