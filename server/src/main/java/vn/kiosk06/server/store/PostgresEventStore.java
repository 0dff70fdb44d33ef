package vn.kiosk06.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.time.EventTimeCorrector;

/**
 * The store for several server instances sharing one PostgreSQL database. Nothing that decides what is stored lives
 * only in this process: any instance can take any device's next batch. Reports read the rollups from memory
 * ({@link CachedRollups}), kept equal to the tables by the {@link RollupLog} every round that changes them appends
 * to: before each read the cache applies the rows other instances (and this one) committed since its last, and a
 * background thread follows the log every {@link LogFollowing#followEvery} and prunes rows older than
 * {@link LogFollowing#keep}.
 *
 * <p>Ingest: a few writer threads, each with its own connection and its share of the devices (by id hash), commit
 * every batch waiting for them at that moment — from any number of devices — in one {@link IngestRound} (group
 * commit); the writers' commits overlap, so PostgreSQL flushes several in one WAL fsync. How a round locks its
 * devices and inserts events on this engine is {@link PostgresDialect}'s. Clock measurements are read from the
 * table under the device locks each round, never cached across rounds, because another instance may have stored a
 * new one. A round whose connection was lost runs again once on a fresh connection; a deadlock or serialization
 * failure runs it again up to {@value #MAX_ATTEMPTS} times.
 *
 * <p>Thread-safe; a caller returns only after its batch's transaction committed.
 */
public final class PostgresEventStore extends JdbcEventStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
    private static final int MAX_EVENTS_PER_COMMIT = 20_000;
    private static final int MAX_ATTEMPTS = 3;
    /** Dead connections a writer discards before giving up on the pool: more than the pool ever holds. */
    private static final int MAX_DEAD_CONNECTIONS = 32;
    /** How long a caller waits for its round: a lost connection costs one socket timeout and one retry. */
    private static final Duration ROUND_WAIT = Duration.ofMinutes(3);

    private final DataSource pool;
    private final EventTimeCorrector corrector;
    private final boolean rollups;
    /** One queue per writer; a device always goes to the same writer, so writers never wait on each other's locks. */
    private final List<GroupCommitQueue<IngestRound.Item>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final CachedRollups cached;
    private final ScheduledExecutorService follower;

    /**
     * How the store follows and prunes the rollup log: an instance more than {@code keep} behind the log reloads
     * the rollups, so {@code keep} is minutes, far above {@code followEvery}.
     */
    record LogFollowing(Duration followEvery, Duration keep) {
        static final LogFollowing DEFAULT = new LogFollowing(Duration.ofSeconds(5), Duration.ofMinutes(5));

        LogFollowing {
            if (followEvery.isNegative() || followEvery.isZero() || keep.compareTo(followEvery) <= 0) {
                throw new IllegalArgumentException("the log must be followed more often than it is pruned and "
                        + "both be positive, was every " + followEvery + ", kept " + keep);
            }
        }
    }

    /** Reads on a pooled connection each, in a transaction ended (and the connection returned) with the work. */
    private record PoolReader(DataSource pool) implements Reader {
        @Override
        public <T> T read(String what, Work<T> work) {
            try (Connection c = pool.getConnection()) {
                try {
                    T out = work.run(c);
                    c.commit();
                    return out;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
            }
        }
    }

    private PostgresEventStore(DataSource pool, EventTimeCorrector corrector, int writerCount, boolean rollups,
                               LogFollowing following) throws SQLException {
        this(pool, corrector, writerCount, rollups, following, new PoolReader(pool));
    }

    private PostgresEventStore(DataSource pool, EventTimeCorrector corrector, int writerCount, boolean rollups,
                               LogFollowing following, Reader reader) throws SQLException {
        this(pool, corrector, writerCount, rollups, following, reader, CachedRollups.followingLog(reader));
    }

    private PostgresEventStore(DataSource pool, EventTimeCorrector corrector, int writerCount, boolean rollups,
                               LogFollowing following, Reader reader, CachedRollups cached) throws SQLException {
        super(reader, cached);
        this.pool = pool;
        this.corrector = corrector;
        this.rollups = rollups;
        this.cached = cached;
        this.follower = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pg-rollup-log-follower");
            t.setDaemon(true);
            return t;
        });
        long every = following.followEvery().toMillis();
        follower.scheduleWithFixedDelay(() -> quietly("follow the rollup log", cached::catchUp), every, every,
                TimeUnit.MILLISECONDS);
        long pruneEvery = Math.max(every, following.keep().toMillis() / 5);
        follower.scheduleWithFixedDelay(() -> quietly("prune the rollup log", () -> pruneLog(following.keep())),
                pruneEvery, pruneEvery, TimeUnit.MILLISECONDS);
        for (int i = 0; i < writerCount; i++) {
            GroupCommitQueue<IngestRound.Item> queue = new GroupCommitQueue<>("the PostgreSQL store", 1024,
                    MAX_EVENTS_PER_COMMIT, IngestRound.Item::events, ROUND_WAIT);
            queues.add(queue);
            Writer writer = new Writer(queue, writerConnection());
            Thread t = new Thread(writer::run, "pg-store-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
        }
        writers.forEach(Thread::start);
    }

    /**
     * A store on an opened, migrated database ({@link vn.kiosk06.server.db.PostgresDatabase}), with
     * {@code writerCount} writer threads (each holds one pooled connection, replaced when it is lost).
     */
    public static PostgresEventStore open(DataSource pool, EventTimeCorrector corrector, int writerCount) {
        return open(pool, corrector, writerCount, true);
    }

    /**
     * As {@link #open(DataSource, EventTimeCorrector, int)}; with {@code maintainRollups} false the report rollups are
     * not written — only for the benchmark that measures what maintaining them costs at ingest.
     */
    public static PostgresEventStore open(DataSource pool, EventTimeCorrector corrector, int writerCount,
                                          boolean maintainRollups) {
        return open(pool, corrector, writerCount, maintainRollups, LogFollowing.DEFAULT);
    }

    /** As {@link #open(DataSource, EventTimeCorrector, int, boolean)}, following the rollup log as {@code following} says. */
    static PostgresEventStore open(DataSource pool, EventTimeCorrector corrector, int writerCount,
                                   boolean maintainRollups, LogFollowing following) {
        if (writerCount < 1) {
            throw new IllegalArgumentException("writer threads must be ≥ 1, was " + writerCount);
        }
        try {
            return new PostgresEventStore(pool, corrector, writerCount, maintainRollups, following);
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot open the PostgreSQL store: " + e.getMessage(), e);
        }
    }

    /** The rollups this store reads from memory (tests look at how they follow the log). */
    CachedRollups cachedRollups() {
        return cached;
    }

    /** Deletes the rollup log's rows older than {@code age}, but never the newest; returns how many. */
    int pruneLog(Duration age) {
        try (Connection c = pool.getConnection()) {
            try {
                int n = RollupLog.prune(c, age);
                c.commit();
                return n;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot prune the rollup log: " + e.getMessage(), e);
        }
    }

    /** Runs a background task, logging a failure: one that escaped would end the task's schedule. */
    private static void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Could not {} (tried again later): {}", what, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- ingest

    @Override
    public IngestOutcome ingest(IngestBatch batch) {
        return queueOf(batch.deviceId()).submit(IngestRound.Item.of(batch));
    }

    @Override
    public void touchDevice(String deviceId, String appVersion, long seenMs) {
        // Through the device's writer without waiting for its round, as on SQLite: the handshake's answer comes from
        // committed rows either way, and a handshake never waits behind queued batches.
        queueOf(deviceId).enqueue(new IngestRound.Item(new IngestBatch(deviceId, List.of(), List.of(), List.of(), seenMs),
                appVersion), failure -> LOG.warn("handshake of device {} not recorded: {}", deviceId, failure.getMessage()));
    }

    private GroupCommitQueue<IngestRound.Item> queueOf(String deviceId) {
        return queues.get(Math.floorMod(deviceId.hashCode(), queues.size()));
    }

    /**
     * A live pooled connection for a writer. After PostgreSQL dropped its connections the pool still holds dead
     * ones, and hands out a recently used one without testing it; a statement on each candidate makes the pool
     * see it broken and evict it on close, until a live one comes (at most one pool's worth).
     */
    private Connection writerConnection() throws SQLException {
        SQLException lastFailure = null;
        for (int attempt = 0; attempt <= MAX_DEAD_CONNECTIONS; attempt++) {
            Connection c = pool.getConnection();
            try (Statement probe = c.createStatement()) {
                probe.execute("SELECT 1");
                c.setAutoCommit(false);
                return c;
            } catch (SQLException e) {
                closeQuietly(c);
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing a lost store connection: {}", e.getMessage());
        }
    }

    /**
     * Whether {@code e} means the connection itself is gone (PostgreSQL restarted or failed over, the backend was
     * terminated, the network dropped), not that the round's SQL failed: a connection-class SQLState (08…), an
     * operator-intervention shutdown (57P01–57P03), or a connection that no longer answers.
     */
    private static boolean connectionLost(Throwable e, Connection c) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException se && se.getSQLState() != null
                    && (se.getSQLState().startsWith("08") || se.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        try {
            return c == null || !c.isValid(1);
        } catch (SQLException ex) {
            return true;
        }
    }

    /** One writer thread: its queue and the connection it commits rounds on. */
    private final class Writer {
        private final GroupCommitQueue<IngestRound.Item> queue;
        /** Only this writer's thread touches it; null after it was lost until a fresh one is taken. */
        private Connection connection;

        Writer(GroupCommitQueue<IngestRound.Item> queue, Connection connection) {
            this.queue = queue;
            this.connection = connection;
        }

        void run() {
            try {
                queue.serve(this::commitRound);
            } finally {
                if (connection != null) {
                    closeQuietly(connection);
                    connection = null;
                }
            }
        }

        private void commitRound(List<GroupCommitQueue.Waiting<IngestRound.Item>> round) {
            List<IngestRound.Item> items = round.stream().map(GroupCommitQueue.Waiting::work).toList();
            boolean reconnected = false;
            for (int attempt = 1; ; attempt++) {
                try {
                    if (connection == null) {
                        connection = writerConnection();
                    }
                    List<IngestOutcome> outcomes;
                    // Measurements are read under the round's device locks, never kept across rounds: another
                    // instance may have stored a new one.
                    try (RoundStatements st = new RoundStatements(connection)) {
                        IngestRound.Result result = new IngestRound(st, PostgresDialect.INSTANCE, corrector,
                                new HashMap<>(), rollups).run(items);
                        // Last, so the log's lock is held only for the commit.
                        RollupLog.append(st, result.rollups());
                        outcomes = result.outcomes();
                    }
                    connection.commit();
                    GroupCommitQueue.complete(round, outcomes);
                    return;
                } catch (SQLException | RuntimeException e) {
                    if (connection != null) {
                        try {
                            connection.rollback();
                        } catch (SQLException ex) {
                            e.addSuppressed(ex);
                        }
                    }
                    if (connectionLost(e, connection)) {
                        // Nothing of the round is known committed; with the lost connection every later round
                        // would fail too, so take a fresh one (the pool evicts the dead one) and run the round
                        // again once. Should the commit have reached the database after all, the rerun finds
                        // its events and stores and counts nothing twice.
                        if (connection != null) {
                            closeQuietly(connection);
                            connection = null;
                        }
                        if (!reconnected) {
                            reconnected = true;
                            LOG.warn("Store connection lost ({}); round of {} batches retried on a fresh connection",
                                    e.getMessage(), round.size());
                            continue;
                        }
                        LOG.error("Store connection lost again; {} batches refused, to be sent again", round.size(), e);
                        GroupCommitQueue.fail(round, new StoreException("PostgreSQL unavailable: " + e.getMessage()
                                + "; nothing committed, send the batch again", e));
                        return;
                    }
                    String state = e instanceof SQLException se ? se.getSQLState() : null;
                    // Deadlock or serialization failure: nothing was committed, so the whole round can run again.
                    boolean transientFailure = "40P01".equals(state) || "40001".equals(state);
                    if (transientFailure && attempt < MAX_ATTEMPTS) {
                        LOG.warn("Store round of {} batches retried after {}", round.size(), e.getMessage());
                        continue;
                    }
                    LOG.error("Store commit failed; {} batches refused, nothing committed", round.size(), e);
                    GroupCommitQueue.fail(round, new StoreException("store commit failed: " + e.getMessage(), e));
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        follower.shutdownNow();
        queues.forEach(GroupCommitQueue::close);
        for (Thread t : writers) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Writers close their own connections; whatever they left queued will never be committed by this store.
        queues.forEach(GroupCommitQueue::failRemaining);
    }
}
