package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.report.rollup.Rollup;

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

    /** The writer keeps its statements across rounds; one that failed half-way must not spoil the next round. */
    @Test
    void aRoundThatFailsHalfWay_storesNothing_andTheNextRoundStoresTheBatch() throws Exception {
        store.ingest(receptions("kiosk-1", 1, 5));
        try (Connection c = connectToDatabase(); Statement s = c.createStatement()) {
            s.execute("CREATE TRIGGER refuse_seq_8 BEFORE INSERT ON events WHEN NEW.seq = 8 "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        }
        assertThatThrownBy(() -> store.ingest(receptions("kiosk-1", 6, 10)))
                .isInstanceOf(StoreException.class).hasMessageContaining("injected failure");
        assertThat(store.rollupTotals(List.of("kiosk-1"), DAY, DAY).get(Rollup.EVENTS)).isEqualTo(5);

        try (Connection c = connectToDatabase(); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER refuse_seq_8");
        }
        assertThat(store.ingest(receptions("kiosk-1", 6, 10)).stored()).isEqualTo(5);
        assertThat(store.rollupTotals(List.of("kiosk-1"), DAY, DAY).get(Rollup.EVENTS)).isEqualTo(10);
    }
}
