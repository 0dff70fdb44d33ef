package vn.kiosk06.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.kiosk06.server.store.EventStoreContractTest.BOOT;
import static vn.kiosk06.server.store.EventStoreContractTest.DAY;
import static vn.kiosk06.server.store.EventStoreContractTest.assist;
import static vn.kiosk06.server.store.EventStoreContractTest.batch;
import static vn.kiosk06.server.store.EventStoreContractTest.cardRead;
import static vn.kiosk06.server.store.EventStoreContractTest.incoming;
import static vn.kiosk06.server.store.EventStoreContractTest.receptions;
import static vn.kiosk06.server.store.EventStoreContractTest.sample;
import static vn.kiosk06.server.store.EventStoreContractTest.voidOf;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.server.db.EmbeddedPg;
import vn.kiosk06.server.db.PostgresDatabase;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;

/**
 * Issue 16.6: on PostgreSQL every instance serves the rollup reads from memory, kept current by the rollup log.
 * Two (or more) store instances on one real PostgreSQL 16, as separate server processes would open it: what one
 * ingests, another's reports show exactly, however the rounds interleave, and an instance whose log rows were pruned
 * reloads and is exact again. The background follower is set to hours here, so each test decides when logs are read.
 */
class SharedRollupsTest {

    private static final PostgresEventStore.LogFollowing BY_READS_ONLY =
            new PostgresEventStore.LogFollowing(Duration.ofHours(1), Duration.ofHours(2));
    private static final List<String> DEVICES = List.of("kiosk-1", "kiosk-2", "pi-1", "pi-2");

    private static EmbeddedPg pg;
    private final List<AutoCloseable> open = new ArrayList<>();
    private String url;

    @BeforeAll
    static void startPostgres() {
        pg = EmbeddedPg.start();
    }

    @AfterAll
    static void stopPostgres() {
        pg.close();
    }

    @BeforeEach
    void newDatabase() {
        url = pg.newDatabase();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A store instance on the test's database, with its own pool, as another server process would open it. */
    private PostgresEventStore instance() {
        PostgresDatabase db = PostgresDatabase.open(url);
        open.add(db);
        PostgresEventStore store = PostgresEventStore.open(db.dataSource(),
                new EventTimeCorrector(TimeCorrectionPolicy.defaults()), 2, true, BY_READS_ONLY);
        open.add(store);
        return store;
    }

    private static IngestBatch sent(String device, Event... events) {
        List<IncomingEvent> in = new ArrayList<>();
        for (Event e : events) {
            in.add(incoming(e, e.getSeq(), BOOT));
        }
        return batch(device, in, List.of(sample(1, BOOT)));
    }

    /** Every rollup read of the devices, as text: equal texts mean the instances would print the same reports. */
    private static String figures(EventStore s) {
        List<String> ids = new ArrayList<>(DEVICES);
        ids.add("never-synced");
        StringBuilder out = new StringBuilder();
        for (List<String> devices : List.of(ids, List.of("pi-1"), List.of("kiosk-2"))) {
            out.append(devices).append(": totals ")
                    .append(Arrays.toString(s.rollupTotals(devices, DAY.minusDays(3), DAY.plusDays(3)).counters()))
                    .append(", unknown ").append(Arrays.toString(s.timeUnknownTotals(devices).counters()))
                    .append(", citizens ").append(s.uniqueCitizens(devices, DAY, DAY))
                    .append(", active ").append(s.activeDevices(devices, DAY, DAY))
                    .append(", last days ").append(new java.util.TreeMap<>(s.lastEventDays(devices, DAY.plusDays(5))))
                    .append(", daily ");
            s.dailyTotals(devices, DAY.minusDays(3), DAY.plusDays(3))
                    .forEach((day, t) -> out.append(day).append('=').append(Arrays.toString(t.counters())).append(' '));
            out.append('\n');
        }
        return out.toString();
    }

    @Test
    void ingestOnA_includingAVoidThatDropsACitizen_readOnB_isExactlyAsOnA() {
        PostgresEventStore a = instance();
        PostgresEventStore b = instance();
        String empty = figures(b); // B has loaded and read before A writes: what follows reaches it by the log

        a.ingest(receptions("kiosk-1", 1, 6));
        a.ingest(batch("kiosk-2", List.of(incoming(cardRead(1, 1), 1, BOOT), incoming(cardRead(2, 2), 2, BOOT),
                incoming(cardRead(3, 1), 3, BOOT)), List.of(sample(1, BOOT))));
        // Citizen 1 assisted twice and citizen 2 once; then citizen 2's only assist is voided.
        a.ingest(sent("pi-1", assist(1, 1), assist(2, 1), assist(3, 2)));
        assertThat(b.uniqueCitizens(List.of("pi-1"), DAY, DAY)).isEqualTo(2);
        a.ingest(sent("pi-1", voidOf(4, 3)));
        // A void in the same round as its target: the row the round adds, it drops again.
        a.ingest(sent("pi-2", assist(1, 7), voidOf(2, 1)));

        assertThat(b.uniqueCitizens(List.of("pi-1"), DAY, DAY)).as("citizen 2 dropped on B too").isEqualTo(1);
        assertThat(b.uniqueCitizens(List.of("pi-2"), DAY, DAY)).isZero();
        assertThat(figures(b)).isEqualTo(figures(a)).isNotEqualTo(empty);
        // And both equal the tables, as a third instance loads them.
        assertThat(figures(instance())).isEqualTo(figures(a));
    }

    @Test
    void concurrentRoundsOnAAndB_neverLoseALogRow_whileCFollowsTheLog() throws Exception {
        PostgresEventStore a = instance();
        PostgresEventStore b = instance();
        PostgresEventStore c = instance();
        List<String> devices = new ArrayList<>();
        for (int d = 0; d < 16; d++) {
            devices.add("kiosk-" + d);
        }
        ExecutorService threads = Executors.newFixedThreadPool(9);
        AtomicBoolean done = new AtomicBoolean();
        try {
            // C reads all along, so it applies log rows while rounds on A and B are in flight.
            Future<Integer> follower = threads.submit(() -> {
                int reads = 0;
                while (!done.get()) {
                    c.rollupTotals(devices, DAY, DAY);
                    reads++;
                }
                return reads;
            });
            List<Future<?>> writes = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                EventStore target = t % 2 == 0 ? a : b;
                int thread = t;
                writes.add(threads.submit(() -> {
                    // Each thread its own two devices, 10 batches each: rounds commit on A and B side by side.
                    for (long first = 1; first <= 100; first += 10) {
                        for (String device : devices.subList(thread * 2, thread * 2 + 2)) {
                            target.ingest(receptions(device, first, first + 9));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writes) {
                w.get(120, TimeUnit.SECONDS); // without the log's lock, rounds collide on a log id and fail here
            }
            done.set(true);
            assertThat(follower.get(60, TimeUnit.SECONDS)).isPositive();
        } finally {
            done.set(true);
            threads.shutdownNow();
        }

        assertThat(c.rollupTotals(devices, DAY, DAY).counters()[0]).as("events C counted from the log")
                .isEqualTo(1600);
        assertThat(figures(c)).isEqualTo(figures(a)).isEqualTo(figures(b)).isEqualTo(figures(instance()));
        assertThat(c.cachedRollups().reloads()).isZero();
        try (Connection db = PostgresDatabase.open(url).dataSource().getConnection(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), min(id), max(id) FROM rollup_log")) {
            rs.next();
            assertThat(rs.getLong(2)).as("ids start at 1").isEqualTo(1);
            assertThat(rs.getLong(3)).as("ids are dense").isEqualTo(rs.getLong(1));
            assertThat(c.cachedRollups().applied()).isEqualTo(rs.getLong(3));
        }
    }

    @Test
    void anInstanceWhoseNextLogRowsWerePruned_reloadsTheTables_andIsExact() {
        PostgresEventStore a = instance();
        PostgresEventStore b = instance();
        assertThat(figures(b)).isEqualTo(figures(a));

        a.ingest(receptions("kiosk-1", 1, 5));
        a.ingest(sent("pi-1", assist(1, 1), assist(2, 2)));
        a.ingest(sent("pi-1", voidOf(3, 2)));
        assertThat(a.pruneLog(Duration.ZERO)).as("all rows but the newest").isEqualTo(2);

        assertThat(figures(b)).isEqualTo(figures(a));
        assertThat(b.cachedRollups().reloads()).isEqualTo(1);

        // From the reloaded position on, B follows the log again without reloading.
        a.ingest(receptions("kiosk-2", 1, 3));
        assertThat(figures(b)).isEqualTo(figures(a));
        assertThat(b.cachedRollups().reloads()).isEqualTo(1);
        assertThat(b.uniqueCitizens(List.of("pi-1"), DAY, DAY)).isEqualTo(1);
    }

    @Test
    void anInstanceThatKeptUp_isNotDisturbedByPruning() {
        PostgresEventStore a = instance();
        PostgresEventStore b = instance();
        a.ingest(receptions("kiosk-1", 1, 5));
        a.ingest(receptions("kiosk-1", 6, 9));
        b.cachedRollups().catchUp(); // as its follower thread does between reads
        a.pruneLog(Duration.ZERO);
        a.ingest(receptions("kiosk-1", 10, 12));

        assertThat(figures(b)).isEqualTo(figures(a));
        assertThat(b.cachedRollups().reloads()).isZero();
    }

    @Test
    void devicesKeepDenseRowIds_however_manyRoundsTheySync() throws Exception {
        PostgresEventStore a = instance();
        for (long first = 1; first <= 50; first += 10) {
            a.ingest(receptions("kiosk-1", first, first + 9));
            a.ingest(receptions("kiosk-2", first, first + 9));
        }
        a.ingest(receptions("kiosk-3", 1, 10));
        try (Connection db = PostgresDatabase.open(url).dataSource().getConnection(); Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(id) FROM devices")) {
            rs.next();
            assertThat(rs.getLong(1)).as("a round takes a device id only for a new device").isEqualTo(3);
        }
    }
}
