package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.kiosk06.server.db.EmbeddedPg;
import vn.kiosk06.server.db.PostgresDatabase;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;

/**
 * The store contract on a real PostgreSQL 16 (one server per class, a fresh database per test), plus what only a
 * shared database has to get right: two store instances — as two server processes would — ingesting the same
 * device at once.
 */
class PostgresEventStoreTest extends EventStoreContractTest {

    private static EmbeddedPg pg;
    private final List<PostgresDatabase> databases = new ArrayList<>();
    private String url;

    @BeforeAll
    static void startPostgres() {
        pg = EmbeddedPg.start();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @Override
    EventStore openStore() {
        url = pg.newDatabase();
        return openOn(url);
    }

    @Override
    java.sql.Connection connectToDatabase() throws java.sql.SQLException {
        return databases.get(0).dataSource().getConnection();
    }

    /** Another store on the same database, as a second server instance would open it. */
    private EventStore openOn(String jdbcUrl) {
        PostgresDatabase db = PostgresDatabase.open(jdbcUrl);
        databases.add(db);
        return PostgresEventStore.open(db.dataSource(), new EventTimeCorrector(TimeCorrectionPolicy.defaults()), 2);
    }

    @AfterEach
    void closeDatabases() {
        store.close();
        databases.forEach(PostgresDatabase::close);
    }

    @Test
    void aBatchContinuingItsDevice_goesInByCopy_andItsRowsAreThoseAnInsertStores() throws Exception {
        // kiosk-1: 1..10 continue the device (COPY). kiosk-2: 20 first, then 1..10 are below its max_seq (INSERT).
        store.ingest(receptions("kiosk-1", 1, 10));
        store.ingest(receptions("kiosk-2", 20, 20));
        store.ingest(receptions("kiosk-2", 1, 10));
        // And a resend of a copied batch: all duplicates, through the INSERT path, stored once.
        assertThat(store.ingest(receptions("kiosk-1", 1, 10)).duplicates()).isEqualTo(10);
        try (Connection c = connectToDatabase(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT d.device_id, e.seq, e.kind, e.wall_ms, e.boot_id, e.mono_ns, e.body, "
                     + "e.corrected_ms, e.time_quality FROM events e JOIN devices d ON d.id = e.device "
                     + "WHERE e.seq <= 10 ORDER BY e.seq, d.device_id")) {
            List<List<Object>> copied = new ArrayList<>();
            List<List<Object>> inserted = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int col = 2; col <= 9; col++) {
                    Object v = rs.getObject(col);
                    row.add(v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
                }
                (rs.getString(1).equals("kiosk-1") ? copied : inserted).add(row);
            }
            assertThat(copied).hasSize(10).isEqualTo(inserted);
            assertThat(copied.get(0).get(6)).as("corrected_ms").isNotNull();
        }
        assertThat(store.watermark("kiosk-1")).isEqualTo(10);
    }

    @Test
    void aCopiedEventOfUnknownTime_isStoredWithNoCorrectedTime_andItsBodyByteForByte() throws Exception {
        // No clock sample in its boot: corrected_ms goes in as NULL (COPY's binary NULL), time_quality 0.
        List<IncomingEvent> events = new ArrayList<>();
        for (long seq = 1; seq <= 3; seq++) {
            events.add(reception(seq, seq, BOOT));
        }
        store.ingest(batch("kiosk-3", events, List.of()));
        try (Connection c = connectToDatabase(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT e.seq, e.corrected_ms, e.time_quality, e.body, e.boot_id FROM events e "
                     + "JOIN devices d ON d.id = e.device WHERE d.device_id = 'kiosk-3' ORDER BY e.seq")) {
            for (IncomingEvent e : events) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(e.seq());
                assertThat(rs.getObject(2)).as("corrected_ms").isNull();
                assertThat(rs.getShort(3)).as("time_quality").isZero();
                assertThat(rs.getBytes(4)).isEqualTo(e.body());
                assertThat(rs.getBytes(5)).isEqualTo(e.bootId());
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void allNew_onlyForRowsAboveMaxSeqInStrictlyAscendingOrder() {
        assertThat(PostgresDialect.allNew(rows(11, 12, 13), 10)).isTrue();
        assertThat(PostgresDialect.allNew(rows(10, 11), 10)).as("10 may be stored").isFalse();
        assertThat(PostgresDialect.allNew(rows(11, 13, 12), 10)).as("out of order").isFalse();
        assertThat(PostgresDialect.allNew(rows(11, 11), 10)).as("repeated in the batch").isFalse();
    }

    private static EventRows rows(long... seqs) {
        List<IncomingEvent> events = new ArrayList<>();
        for (long seq : seqs) {
            events.add(new IncomingEvent(seq, 10, 0, new byte[16], 0, vn.kiosk06.server.TestEvents.reception(seq).toByteArray()));
        }
        return new EventRows(events);
    }

    @Test
    void twoInstancesReceivingTheSameBatchesAtOnce_storeThemOnce_andCountThemOnce() throws Exception {
        try (EventStore other = openOn(url)) {
            EventStore[] instances = {store, other};
            ExecutorService threads = Executors.newFixedThreadPool(8);
            long stored = 0;
            try {
                List<Future<IngestOutcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    EventStore target = instances[i % 2];
                    // Every thread sends the whole backlog in overlapping batches, as retrying devices would.
                    for (long first = 1; first <= 300; first += 50) {
                        IngestBatch b = receptions("kiosk-1", first, first + 49);
                        outcomes.add(threads.submit(() -> target.ingest(b)));
                    }
                }
                for (Future<IngestOutcome> f : outcomes) {
                    stored += f.get(60, TimeUnit.SECONDS).stored();
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(stored).isEqualTo(300);
            for (EventStore s : instances) {
                DeviceSummary d = s.device("kiosk-1").orElseThrow();
                assertThat(d.eventsStored()).isEqualTo(300);
                assertThat(d.watermark()).isEqualTo(300);
                assertThat(d.missing()).isEmpty();
                assertThat(s.rollupTotals(List.of("kiosk-1"), DAY, DAY).counters()[Rollup.EVENTS]).isEqualTo(300);
            }
        }
    }

    @Test
    void twoInstancesTakingManyDevicesInEveryOrder_neverDeadlock_andStoreEverythingOnce() throws Exception {
        try (EventStore other = openOn(url)) {
            EventStore[] instances = {store, other};
            List<String> devices = new ArrayList<>();
            for (int d = 0; d < 12; d++) {
                devices.add("kiosk-" + d);
            }
            ExecutorService threads = Executors.newFixedThreadPool(12);
            try {
                List<Future<IngestOutcome>> outcomes = new ArrayList<>();
                for (int t = 0; t < 12; t++) {
                    List<String> order = new ArrayList<>(devices);
                    java.util.Collections.shuffle(order, new java.util.Random(t));
                    EventStore target = instances[t % 2];
                    for (long first = 1; first <= 100; first += 20) {
                        for (String device : order) {
                            IngestBatch b = receptions(device, first, first + 19);
                            outcomes.add(threads.submit(() -> target.ingest(b)));
                        }
                    }
                }
                for (Future<IngestOutcome> f : outcomes) {
                    f.get(120, TimeUnit.SECONDS); // a deadlock the database broke would surface here as a failure
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(other.devices()).hasSize(12).allSatisfy(d -> {
                assertThat(d.eventsStored()).isEqualTo(100);
                assertThat(d.watermark()).isEqualTo(100);
            });
            assertThat(store.rollupTotals(devices, DAY, DAY).counters()[Rollup.EVENTS]).isEqualTo(1200);
        }
    }

    @Test
    void aBatchIngestedThroughOneInstance_isInTheOthersReportsAtOnce() {
        try (EventStore other = openOn(url)) {
            store.ingest(receptions("kiosk-1", 1, 10));

            assertThat(other.rollupTotals(List.of("kiosk-1"), DAY, DAY).counters()[Rollup.EVENTS]).isEqualTo(10);
            assertThat(other.watermark("kiosk-1")).isEqualTo(10);
            // The device reconnects to the other instance and resumes from its ack.
            assertThat(other.ingest(receptions("kiosk-1", 11, 20)).watermark()).isEqualTo(20);
            assertThat(store.rollupTotals(List.of("kiosk-1"), DAY, DAY).counters()[Rollup.EVENTS]).isEqualTo(20);
        }
    }

    @Test
    void afterTheWritersConnectionsAreKilled_theNextIngestSucceeds_andEveryEventIsStoredOnce() throws Exception {
        store.ingest(receptions("kiosk-1", 1, 10));
        store.ingest(receptions("kiosk-2", 1, 10));

        // As a PostgreSQL restart or failover does: every connection of the store's pool is dropped.
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE pid <> pg_backend_pid() AND datname = current_database()");
        }

        int failures = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long next = 11;
        while (next <= 30) {
            assertThat(System.nanoTime()).as("ingest recovers within 60 s").isLessThan(deadline);
            try {
                // The device resends what was not acknowledged, so a failed call is followed by the same batch.
                store.ingest(receptions("kiosk-1", next, next + 9));
                store.ingest(receptions("kiosk-2", next, next + 9));
                next += 10;
            } catch (StoreException e) {
                failures++;
            }
        }

        assertThat(failures).as("failed calls after the connections were killed").isLessThanOrEqualTo(1);
        for (String device : List.of("kiosk-1", "kiosk-2")) {
            DeviceSummary d = store.device(device).orElseThrow();
            assertThat(d.eventsStored()).isEqualTo(30);
            assertThat(d.watermark()).isEqualTo(30);
            assertThat(d.missing()).isEmpty();
        }
        assertThat(store.rollupTotals(List.of("kiosk-1", "kiosk-2"), DAY, DAY).counters()[Rollup.EVENTS])
                .isEqualTo(60);
    }

    @Test
    void aBatchStillQueuedWhenTheStoreCloses_failsWithAClearError() throws Exception {
        // Many concurrent batches: some are still queued when close() runs; none may wait forever.
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<IngestOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                IngestBatch b = receptions("kiosk-" + i, 1, 50);
                outcomes.add(threads.submit(() -> store.ingest(b)));
            }
            store.close();
            for (Future<IngestOutcome> f : outcomes) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(StoreException.class)
                            .hasMessageContaining("closed");
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDatabaseFromBeforeV15_keepsEveryDistinctCitizen_onceTheirRowsArePackedByDay() throws Exception {
        String old = pg.newDatabase();
        org.flywaydb.core.Flyway.configure().dataSource(old, null, null)
                .locations("classpath:db/migration/postgresql").target("14").load().migrate();
        long day = DAY.toEpochDay();
        try (Connection c = DriverManager.getConnection(old); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO devices (id, device_id, first_seen_ms, last_seen_ms) VALUES (1, 'kiosk-1', 0, 0), "
                    + "(2, 'kiosk-2', 0, 0)");
            s.executeUpdate("INSERT INTO rollup_daily (device, day, events) VALUES (1, " + day + ", 3), (2, " + day
                    + ", 2), (1, " + (day + 1) + ", 1)");
            // Citizen keys are hash prefixes: half of them are negative longs.
            s.executeUpdate("INSERT INTO rollup_citizens (device, day, citizen) VALUES (1, " + day + ", 77), "
                    + "(2, " + day + ", 77), (1, " + (day + 1) + ", 78), (1, " + day + ", -5), "
                    + "(2, " + day + ", " + Long.MIN_VALUE + ")");
        }

        try (EventStore migrated = openOn(old)) {
            List<String> both = List.of("kiosk-1", "kiosk-2");
            assertThat(migrated.uniqueCitizens(both, DAY, DAY.plusDays(1))).isEqualTo(4);
            assertThat(migrated.uniqueCitizens(List.of("kiosk-2"), DAY, DAY)).isEqualTo(2);
        }
        try (Connection c = DriverManager.getConnection(old); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT citizens FROM rollup_daily ORDER BY device, day")) {
            assertThat(rs.next()).isTrue();
            assertThat(PackedCitizens.unpack(rs.getBytes(1))).containsExactly(-5, 77);
            assertThat(rs.next()).isTrue();
            assertThat(PackedCitizens.unpack(rs.getBytes(1))).containsExactly(78);
            assertThat(rs.next()).isTrue();
            assertThat(PackedCitizens.unpack(rs.getBytes(1))).containsExactly(Long.MIN_VALUE, 77);
        }
    }
}
