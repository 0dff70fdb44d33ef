package vn.kiosk06.server.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the embedded default: a real SQLite file in a temporary directory. */
class SqliteEventStoreTest extends EventStoreContractTest {

    @TempDir
    Path dir;

    @Override
    EventStore openStore() {
        return SqliteEventStore.open(dir);
    }

    @Override
    java.sql.Connection connectToDatabase() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kiosk06.db"));
    }
}
