package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.db.StoreException;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite store's reads run side by side on its few read connections: a slow read (a report) must not hold up
 * the next handshake's watermark read, and every connection goes back for the next read, after a failure too.
 */
class SqliteReadersTest {

    @TempDir
    Path dir;

    private SqliteEventStore.PooledReader reader(int connections) throws Exception {
        SqliteEventStore.open(dir).close(); // creates and migrates the file
        List<Connection> list = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            list.add(SqliteDatabase.connect(dir.resolve("kiosk06.db")));
        }
        return new SqliteEventStore.PooledReader(list);
    }

    private static long countDevices(Connection c) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM devices")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void read_whileAnotherReadIsInProgress_runsOnAnotherConnectionAndReturns() throws Exception {
        SqliteEventStore.PooledReader reader = reader(2);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        try {
            CompletableFuture<Long> slow = CompletableFuture.supplyAsync(() -> reader.read("slow read", c -> {
                slowStarted.countDown();
                try {
                    releaseSlow.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return countDevices(c);
            }));
            assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

            long quick = CompletableFuture.supplyAsync(() -> reader.read("quick read", SqliteReadersTest::countDevices))
                    .get(10, TimeUnit.SECONDS);

            assertThat(quick).isZero();
            assertThat(slow).isNotDone();
            releaseSlow.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            releaseSlow.countDown();
            reader.close();
        }
    }

    @Test
    void read_thatFails_givesItsConnectionBackForTheNextRead() throws Exception {
        SqliteEventStore.PooledReader reader = reader(1);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.read("read a missing table", c -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT * FROM no_such_table");
                }
                return 0L;
            })).isInstanceOf(StoreException.class).hasMessageStartingWith("cannot read a missing table: ");

            assertThat(CompletableFuture.supplyAsync(() -> reader.read("count", SqliteReadersTest::countDevices))
                    .get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            reader.close();
        }
    }
}
