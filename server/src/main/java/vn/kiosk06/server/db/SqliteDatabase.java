package vn.kiosk06.server.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import vn.kiosk06.server.files.OwnerOnly;

/**
 * The embedded default: one SQLite file in the data directory, migrated from {@code db/migration/sqlite}. Writes
 * open a connection each (rare: enrollments, admin edits, integrity results); reads come from a small pool, since
 * every sync call reads the device's credential, placement and the shared state's version: opening a connection
 * (file, schema, pragmas) for each of those was most of a handshake's server CPU (issue 17). Thread-safe.
 */
public final class SqliteDatabase implements Database {

    /** Pooled read connections: WAL readers run beside each other and the writer; a sync call holds one briefly. */
    static final int READ_CONNECTIONS = 8;

    private final Path file;
    private volatile HikariDataSource reads; // opened at the first read: tools that only migrate or write never start it

    private SqliteDatabase(Path file) {
        this.file = file;
    }

    /** Opens (creating and migrating if needed) {@code kiosk06.db} in {@code dataDir}. */
    public static SqliteDatabase open(Path dataDir) {
        Path file = dataDir.resolve("kiosk06.db");
        try {
            OwnerOnly.directories(dataDir);
            OwnerOnly.database(file);
            Flyway.configure()
                    .dataSource(jdbcUrl(file), null, null)
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
            return new SqliteDatabase(file);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of a database file, for tools (and the raw-insert benchmark) that need their own connection. */
    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** A connection with the settings every connection to a database file uses; its transactions start as reads. */
    public static Connection connect(Path file) throws SQLException {
        return configure(DriverManager.getConnection(jdbcUrl(file)));
    }

    /**
     * A connection for one short transaction that may write (then closed): it starts with {@code BEGIN IMMEDIATE},
     * taking the write lock first. The device registry, sessions and the integrity check write to the same file beside
     * the ingest writer; a transaction that reads and then writes would otherwise fail at once with SQLITE_BUSY when
     * another connection committed in between (its snapshot is stale; the busy timeout does not wait for that).
     * Not for long-lived connections: the driver begins the next transaction right after each commit, so an idle
     * connection would keep the lock.
     */
    public static Connection connectForWrites(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return configure(DriverManager.getConnection(jdbcUrl(file), config.toProperties()));
    }

    private static Connection configure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            // FULL: a commit is fsynced before we ack, so an acked event survives a crash or power cut.
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA cache_size=-65536");
            s.execute("PRAGMA foreign_keys=ON");
        }
        c.setAutoCommit(false);
        return c;
    }

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public Connection connect() throws SQLException {
        return connectForWrites(file);
    }

    /** A pooled connection; closing it returns it to the pool, rolled back if its transaction was left open. */
    @Override
    public Connection connectForReads() throws SQLException {
        return readPool().getConnection();
    }

    private HikariDataSource readPool() {
        HikariDataSource pool = reads;
        if (pool == null) {
            synchronized (this) {
                pool = reads;
                if (pool == null) {
                    reads = pool = openReadPool();
                }
            }
        }
        return pool;
    }

    private HikariDataSource openReadPool() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kiosk06-sqlite-reads");
        config.setJdbcUrl(jdbcUrl(file));
        config.setAutoCommit(false);
        config.setMaximumPoolSize(READ_CONNECTIONS);
        config.setMinimumIdle(1);
        // The pragmas every connection to the file uses (see configure), as the driver's connection properties.
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.setBusyTimeout(10_000);
        sqlite.setCacheSize(-65536);
        sqlite.enforceForeignKeys(true);
        config.setDataSourceProperties(sqlite.toProperties());
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        HikariDataSource pool = reads;
        if (pool != null) {
            pool.close();
        }
    }
}
