package vn.kiosk06.server.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.db.WalCheckpointer;
import vn.kiosk06.server.files.OwnerOnly;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;

/**
 * The embedded default store: one SQLite file in WAL mode with {@code synchronous=FULL}.
 *
 * <p>SQLite has one writer at a time, so one writer thread owns the write connection and commits every batch
 * waiting at that moment — from any number of devices — in one {@link IngestRound} (group commit): one fsync per
 * round instead of one per batch. A caller returns only after its batch's transaction committed. Reads use a few
 * other connections ({@link #READ_CONNECTIONS}) and see committed data only. Being the file's only writer, the store
 * keeps boot measurements across rounds and serves the report rollups from memory ({@link CachedRollups}).
 *
 * <p>Thread-safe.
 */
public final class SqliteEventStore extends JdbcEventStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteEventStore.class);
    private static final int MAX_EVENTS_PER_COMMIT = 50_000;
    private static final int CACHED_BOOTS = 10_000;
    /** Connections reads share (handshakes' watermarks, the API, reports); SQLite's WAL readers run side by side. */
    static final int READ_CONNECTIONS = 4;
    /** How long a caller waits for its round; a round of the largest size commits in seconds. */
    private static final Duration CALLER_WAIT = Duration.ofMinutes(3);
    /** How often the log is checkpointed beside the writer: at full ingest speed it grows by ~10 MiB a second. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);

    private final Path file;
    private final Connection writer;
    /**
     * The writer's statements, kept across rounds: preparing them each round was 5 % of the writer's time, the
     * rollup upsert (twenty-odd columns) the largest. A failed round leaves them usable (the driver resets a
     * statement and clears its batch; a test stores the next round after one). Writer thread only.
     */
    private final RoundStatements statements;
    private final PooledReader reader;
    private final GroupCommitQueue<IngestRound.Item> queue;
    private final BootCache boots = new BootCache(); // writer thread only
    private final EventTimeCorrector corrector;
    private final boolean rollups;
    private final CachedRollups cached;
    private final Thread writerThread;
    private final WalCheckpointer checkpointer;

    /** The measurements of recently seen boots, least recently used evicted first. */
    private static final class BootCache extends LinkedHashMap<BootClocks.BootKey, BootMeasurements> {
        private static final long serialVersionUID = 1L;

        BootCache() {
            super(256, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<BootClocks.BootKey, BootMeasurements> eldest) {
            return size() > CACHED_BOOTS;
        }
    }

    /**
     * Reads on a few connections, each running one read at a time; each read ends its transaction so the next sees
     * new commits. SQLite in WAL mode lets readers run beside each other and beside the writer. With one connection,
     * every handshake's watermark read queued behind the others: 2,000 simulated devices left some 1,600 server
     * threads blocked on it, handshakes past their 10 s deadline (bench scale, issue 17).
     */
    static final class PooledReader implements Reader {
        private final List<Connection> connections;
        private final BlockingQueue<Connection> idle;

        PooledReader(List<Connection> connections) {
            this.connections = List.copyOf(connections);
            this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
        }

        @Override
        public <T> T read(String what, Work<T> work) {
            Connection c;
            try {
                c = idle.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("cannot " + what + ": interrupted while waiting for a read connection", e);
            }
            try {
                try {
                    return work.run(c);
                } finally {
                    c.commit();
                }
            } catch (SQLException e) {
                throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
            } finally {
                idle.add(c);
            }
        }

        void close() throws SQLException {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private SqliteEventStore(Path file, Connection writer, PooledReader reader, EventTimeCorrector corrector,
                             boolean rollups) throws SQLException {
        this(file, writer, reader, corrector, rollups, backfilled(writer, rollups, reader));
    }

    private SqliteEventStore(Path file, Connection writer, PooledReader reader, EventTimeCorrector corrector,
                             boolean rollups, CachedRollups cached) throws SQLException {
        super(reader, cached);
        this.file = file;
        this.writer = writer;
        this.statements = new RoundStatements(writer);
        this.reader = reader;
        this.corrector = corrector;
        this.rollups = rollups;
        this.cached = cached;
        this.queue = new GroupCommitQueue<>("store " + file, 4096, MAX_EVENTS_PER_COMMIT, IngestRound.Item::events,
                CALLER_WAIT);
        this.checkpointer = WalCheckpointer.takeOver(file, writer, CHECKPOINT_EVERY);
        this.writerThread = new Thread(() -> queue.serve(this::commitRound), "store-writer");
        this.writerThread.setDaemon(true);
        this.writerThread.start();
    }

    /** The rollups as cached in memory, after building the missing rows of an old store (when maintained). */
    private static CachedRollups backfilled(Connection writer, boolean rollups, Reader reader) throws SQLException {
        if (rollups) {
            RollupBackfill.runIfMissing(writer);
        }
        return CachedRollups.onlyWriter(reader);
    }

    /** Opens (creating and migrating if needed) the store in {@code dataDir}, correcting times by the default policy. */
    public static SqliteEventStore open(Path dataDir) {
        return open(dataDir, new EventTimeCorrector(TimeCorrectionPolicy.defaults()));
    }

    /** Opens (creating and migrating if needed) the store in {@code dataDir}, correcting event times with {@code corrector}. */
    public static SqliteEventStore open(Path dataDir, EventTimeCorrector corrector) {
        return open(dataDir, corrector, true);
    }

    /**
     * Opens the store; with {@code maintainRollups} false the report rollups are not written — only for the
     * benchmark that measures what maintaining them costs at ingest. Reports over such a store are empty.
     */
    public static SqliteEventStore open(Path dataDir, EventTimeCorrector corrector, boolean maintainRollups) {
        Path file = dataDir.resolve("kiosk06.db");
        try {
            OwnerOnly.directories(dataDir);
            OwnerOnly.database(file);
            Flyway.configure().dataSource(SqliteDatabase.jdbcUrl(file), null, null)
                    .locations(SqliteDialect.INSTANCE.migrations()).load().migrate();
            List<Connection> readers = new ArrayList<>();
            for (int i = 0; i < READ_CONNECTIONS; i++) {
                readers.add(SqliteDatabase.connect(file));
            }
            return new SqliteEventStore(file, SqliteDatabase.connect(file), new PooledReader(readers), corrector,
                    maintainRollups);
        } catch (SQLException | IOException | RuntimeException e) {
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public IngestOutcome ingest(IngestBatch batch) {
        return queue.submit(IngestRound.Item.of(batch));
    }

    @Override
    public void touchDevice(String deviceId, String appVersion, long seenMs) {
        // Through the writer like any batch (SQLite has one writer), but without waiting for its round: with thousands
        // of devices syncing, a handshake waited behind every queued batch and missed its deadline. The handshake's
        // answer (watermark, gaps) comes from committed rows either way; a device not yet stored starts from 0.
        queue.enqueue(new IngestRound.Item(new IngestBatch(deviceId, List.of(), List.of(), List.of(), seenMs), appVersion),
                failure -> LOG.warn("handshake of device {} not recorded: {}", deviceId, failure.getMessage()));
    }

    private void commitRound(List<GroupCommitQueue.Waiting<IngestRound.Item>> round) {
        IngestRound.Result result;
        try {
            result = new IngestRound(statements, SqliteDialect.INSTANCE, corrector, boots, rollups)
                    .run(round.stream().map(GroupCommitQueue.Waiting::work).toList());
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException ex) {
                e.addSuppressed(ex);
            }
            // The cache may hold measurements of the rolled-back round; it refills from committed rows.
            boots.clear();
            LOG.error("Store commit failed; {} batches refused, nothing committed", round.size(), e);
            GroupCommitQueue.fail(round, new StoreException("store commit failed: " + e.getMessage(), e));
            return;
        }
        // Only committed rows reach the in-memory rollups, so they never hold a row the tables do not.
        cached.committed(result.rollups());
        GroupCommitQueue.complete(round, result.outcomes());
    }

    @Override
    public void close() {
        queue.close();
        try {
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.failRemaining();
        checkpointer.close();
        try {
            reader.close();
            statements.close();
            writer.close();
        } catch (SQLException e) {
            LOG.warn("Closing store {}: {}", file, e.getMessage());
        }
    }
}
