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
}
