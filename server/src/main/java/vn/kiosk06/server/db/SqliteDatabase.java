package vn.kiosk06.server.db;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import vn.kiosk06.server.files.OwnerOnly;
import vn.kiosk06.server.store.SqliteEventStore;
import vn.kiosk06.server.store.StoreException;

/** The embedded default: one SQLite file in the data directory, migrated from {@code db/migration/sqlite}. */
public final class SqliteDatabase implements Database {

    private final Path file;

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
                    .dataSource(SqliteEventStore.jdbcUrl(file), null, null)
                    .locations("classpath:db/migration/sqlite")
                    .load()
                    .migrate();
            return new SqliteDatabase(file);
        } catch (IOException | RuntimeException e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Engine engine() {
        return Engine.SQLITE;
    }

    @Override
    public Connection connect() throws SQLException {
        return SqliteEventStore.connectForWrites(file);
    }

    @Override
    public Connection connectForReads() throws SQLException {
        return SqliteEventStore.connect(file);
    }

    @Override
    public void close() {
        // Nothing pooled: each connection is closed by its user.
    }
}
