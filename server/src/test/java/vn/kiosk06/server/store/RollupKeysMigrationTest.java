package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.report.rollup.RollupTotals;

/**
 * A SQLite store whose rollup tables were keyed by day first (before V11) keeps every figure when V11 re-keys them
 * by device and V15 packs each day's citizens into its rollup_daily row: the report totals and the distinct
 * citizens read the same after the store opens.
 */
class RollupKeysMigrationTest {

    @TempDir
    Path dir;

    @Test
    void storeFromBeforeV11_keepsItsRollupsAndCitizens_afterReKeyingAndPacking() throws Exception {
        Path file = dir.resolve("kiosk06.db");
        Files.createDirectories(dir);
        Flyway.configure().dataSource(SqliteDatabase.jdbcUrl(file), null, null)
                .locations("classpath:db/migration/sqlite").target("8").load().migrate();
        long day = LocalDate.of(2026, 6, 11).toEpochDay();
        try (Connection c = SqliteDatabase.connect(file); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO devices (id, device_id, first_seen_ms, last_seen_ms) VALUES (1, 'kiosk-1', 0, 0), "
                    + "(2, 'kiosk-2', 0, 0)");
            s.executeUpdate("INSERT INTO rollup_daily (device, day, events, bhyt) VALUES (1, " + day + ", 5, 3), "
                    + "(2, " + day + ", 4, 4), (1, " + (day + 1) + ", 2, 1)");
            // Citizen keys are hash prefixes: half of them are negative longs.
            s.executeUpdate("INSERT INTO rollup_citizens (day, device, citizen) VALUES (" + day + ", 1, 77), "
                    + "(" + day + ", 2, 77), (" + (day + 1) + ", 1, 78), (" + day + ", 1, -5), "
                    + "(" + day + ", 2, " + Long.MIN_VALUE + ")");
            c.commit();
        }

        try (SqliteEventStore store = SqliteEventStore.open(dir)) {
            List<String> both = List.of("kiosk-1", "kiosk-2");
            LocalDate first = LocalDate.ofEpochDay(day);
            RollupTotals t = store.rollupTotals(both, first, first.plusDays(1));
            assertThat(t.get(Rollup.EVENTS)).isEqualTo(11);
            assertThat(t.get(Rollup.BHYT)).isEqualTo(8);
            assertThat(store.uniqueCitizens(both, first, first.plusDays(1))).isEqualTo(4);
            assertThat(store.uniqueCitizens(List.of("kiosk-2"), first, first)).isEqualTo(2);
        }
        try (Connection c = SqliteDatabase.connect(file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT device, day, citizens FROM rollup_daily ORDER BY device, day")) {
            assertThat(rs.next()).isTrue();
            assertThat(PackedCitizens.unpack(rs.getBytes(3))).containsExactly(-5, 77);
            assertThat(rs.next()).isTrue();
            assertThat(PackedCitizens.unpack(rs.getBytes(3))).containsExactly(78);
            assertThat(rs.next()).isTrue();
            assertThat(PackedCitizens.unpack(rs.getBytes(3))).containsExactly(Long.MIN_VALUE, 77);
        }
        try (Connection c = SqliteDatabase.connect(file); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'rollup_citizens'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isZero();
        }
    }
}
