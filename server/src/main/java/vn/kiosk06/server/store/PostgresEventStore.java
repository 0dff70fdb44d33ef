package vn.kiosk06.server.store;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.time.CorrectedTime;
import vn.kiosk06.server.time.EventTimeCorrector;

/**
 * The store for several server instances sharing one PostgreSQL database. Nothing that decides what is stored or
 * what a report shows lives in this process: any instance can take any device's next batch, and every instance's
 * reports read the rollup tables.
 *
 * <p>Ingest: a few writer threads, each with its own connection and its share of the devices (by id hash), commit
 * every batch waiting for them at that moment — from any number of devices — in one transaction (group commit);
 * the writers' commits overlap, so PostgreSQL flushes several in one WAL fsync. A round first locks the rows of its devices in
 * {@code devices} ({@code SELECT … FOR UPDATE}, in device-id order, so two rounds never wait on each other in a
 * cycle). Holding a device's row, a round is the only writer of that device's events, watermark, counters and
 * rollup rows anywhere — in this process or another — so the watermark arithmetic reads committed state and two
 * instances receiving the same batch at once store it once: the second waits for the first's commit, then its
 * {@code INSERT … ON CONFLICT DO NOTHING RETURNING seq} returns nothing and counts nothing. Events go in with one
 * statement per batch ({@code unnest} of arrays); rollup rows are upserted once per round in (device, day) order.
 * Clock measurements are read from the table under the lock each round, never cached across rounds, because
 * another instance may have stored a new one.
 *
 * <p>Thread-safe; a caller returns only after its batch's transaction committed.
 */
public final class PostgresEventStore implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventStore.class);
    private static final int MAX_EVENTS_PER_COMMIT = 20_000;
    private static final int MAX_ATTEMPTS = 3;
    /** How long a caller waits for its round: a lost connection costs one socket timeout and one retry. */
    /** Dead connections a writer discards before giving up on the pool: more than the pool ever holds. */
    private static final int MAX_DEAD_CONNECTIONS = 32;
    private static final Duration ROUND_WAIT = Duration.ofMinutes(3);

    private final DataSource pool;
    private final EventTimeCorrector corrector;
    /** One queue per writer; a device always goes to the same writer, so writers never wait on each other's locks. */
    private final List<GroupCommitQueue<IngestBatch>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();

    /** A device's boot: the boot id's 16 bytes compared by content. */
    private record BootKey(long device, ByteBuffer boot) {
    }

    private PostgresEventStore(DataSource pool, EventTimeCorrector corrector, int writerCount) throws SQLException {
        this.pool = pool;
        this.corrector = corrector;
        for (int i = 0; i < writerCount; i++) {
            GroupCommitQueue<IngestBatch> queue = new GroupCommitQueue<>("the PostgreSQL store", 1024,
                    MAX_EVENTS_PER_COMMIT, b -> b.events().size(), ROUND_WAIT);
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
        if (writerCount < 1) {
            throw new IllegalArgumentException("writer threads must be ≥ 1, was " + writerCount);
        }
        try {
            return new PostgresEventStore(pool, corrector, writerCount);
        } catch (SQLException e) {
            throw new StoreException("cannot open the PostgreSQL store: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- ingest

    @Override
    public IngestOutcome ingest(IngestBatch batch) {
        return queues.get(Math.floorMod(batch.deviceId().hashCode(), queues.size())).submit(batch);
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
        private final GroupCommitQueue<IngestBatch> queue;
        /** Only this writer's thread touches it; null after it was lost until a fresh one is taken. */
        private Connection connection;

        Writer(GroupCommitQueue<IngestBatch> queue, Connection connection) {
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

        private void commitRound(List<GroupCommitQueue.Waiting<IngestBatch>> round) {
            List<IngestBatch> batches = round.stream().map(GroupCommitQueue.Waiting::work).toList();
            boolean reconnected = false;
            for (int attempt = 1; ; attempt++) {
                try {
                    if (connection == null) {
                        connection = writerConnection();
                    }
                    GroupCommitQueue.complete(round, new Round(connection).commit(batches));
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

    /** One device's locked row and what the round changes on it; written once at the end of the round. */
    private static final class DeviceState {
        final long id;
        long watermark;
        long maxSeq;
        long stored;
        long quarantined;
        long lastSeenMs;
        long corrected;
        long unknown;
        long lateEvents;
        Long lastSyncMs;
        Long backlog;
        Long lastLateMs;
        Long lastLateDay;
        final RollupDelta delta = new RollupDelta();
        /** Citizens of events voided this round, re-checked once the round's citizen rows are written. */
        final List<Voids.CitizenCheck> citizenChecks = new ArrayList<>();

        DeviceState(long id, long watermark, long maxSeq) {
            this.id = id;
            this.watermark = watermark;
            this.maxSeq = maxSeq;
        }
    }

    /** One transaction: every batch of a round, on one writer connection. Built fresh for each attempt. */
    private final class Round {
        private final Connection c;
        private final Map<BootKey, BootMeasurements> boots = new HashMap<>();

        Round(Connection c) {
            this.c = c;
        }

        List<IngestOutcome> commit(List<IngestBatch> round) throws SQLException {
            Map<String, DeviceState> devices = lockDevices(round);
            List<IngestOutcome> outcomes = new ArrayList<>(round.size());
            for (IngestBatch b : round) {
                outcomes.add(apply(devices.get(b.deviceId()), b));
            }
            writeRollups(devices.values());
            for (DeviceState d : devices.values()) {
                Voids.dropCitizens(c, d.id, d.citizenChecks);
            }
            writeDevices(devices.values());
            c.commit();
            return outcomes;
        }

        /** Creates unknown devices and locks every device row of the round, in device-id order. */
        private Map<String, DeviceState> lockDevices(List<IngestBatch> round) throws SQLException {
            TreeMap<String, Long> firstSeen = new TreeMap<>();
            for (IngestBatch b : round) {
                firstSeen.merge(b.deviceId(), b.receivedMs(), Math::min);
            }
            String[] ids = firstSeen.keySet().toArray(String[]::new);
            Long[] seen = firstSeen.values().toArray(Long[]::new);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO devices (device_id, first_seen_ms, last_seen_ms) "
                    + "SELECT d, s, s FROM unnest(?::text[], ?::bigint[]) AS t(d, s) ORDER BY d "
                    + "ON CONFLICT (device_id) DO NOTHING")) {
                ins.setArray(1, c.createArrayOf("text", ids));
                ins.setArray(2, c.createArrayOf("int8", seen));
                ins.executeUpdate();
            }
            Map<String, DeviceState> out = new HashMap<>();
            try (PreparedStatement sel = c.prepareStatement("SELECT device_id, id, watermark, max_seq FROM devices "
                    + "WHERE device_id = ANY (?) ORDER BY device_id FOR UPDATE")) {
                sel.setArray(1, c.createArrayOf("text", ids));
                try (ResultSet rs = sel.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new DeviceState(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
            }
            return out;
        }

        private IngestOutcome apply(DeviceState d, IngestBatch received) throws SQLException {
            IngestBatch batch = Voids.screen(c, d.id, received);
            d.lastSeenMs = Math.max(d.lastSeenMs, batch.receivedMs());
            storeClockSamples(d, batch);
            int stored = 0;
            if (!batch.events().isEmpty()) {
                stored = storeEvents(d, batch);
            }
            int quarantined = storeQuarantined(d, batch);
            if (!batch.events().isEmpty() || !batch.quarantined().isEmpty()) {
                d.lastSyncMs = batch.receivedMs();
            }
            long[] seqs = Watermarks.sortedSeqs(batch);
            long watermark = Watermarks.advance(d.watermark, seqs);
            d.maxSeq = Watermarks.maxSeq(d.maxSeq, seqs);
            if (d.maxSeq > watermark) {
                // Seqs above the old watermark arrived earlier (out of order, or through another instance).
                watermark = advanceFromStore(d.id, watermark);
            }
            d.watermark = watermark;
            d.stored += stored;
            d.quarantined += quarantined;
            return new IngestOutcome(stored, batch.events().size() - stored, quarantined, watermark);
        }

        private int storeEvents(DeviceState d, IngestBatch batch) throws SQLException {
            List<IncomingEvent> events = batch.events();
            int n = events.size();
            long[] seq = new long[n];
            int[] kind = new int[n];
            long[] wall = new long[n];
            byte[][] boot = new byte[n][];
            long[] mono = new long[n];
            byte[][] body = new byte[n][];
            Long[] corrected = new Long[n];
            int[] quality = new int[n];
            long[] day = new long[n];
            for (int i = 0; i < n; i++) {
                IncomingEvent e = events.get(i);
                CorrectedTime t = measurements(d.id, batch.deviceId(), e.bootId())
                        .correct(corrector, e.wallMs(), e.monoNs(), batch.receivedMs());
                seq[i] = e.seq();
                kind[i] = e.kind();
                wall[i] = e.wallMs();
                boot[i] = e.bootId();
                mono[i] = e.monoNs();
                body[i] = e.body();
                corrected[i] = t.instant().map(Instant::toEpochMilli).orElse(null);
                quality[i] = BootMeasurements.qualityCode(t.quality());
                day[i] = BootMeasurements.day(t);
            }
            Set<Long> inserted = new HashSet<>();
            // Multi-row VALUES in chunks: every value travels as a bound parameter (bytea in binary), and RETURNING
            // names the rows that were new.
            for (int from = 0; from < n; from += ROWS_PER_INSERT) {
                int rows = Math.min(ROWS_PER_INSERT, n - from);
                try (PreparedStatement p = c.prepareStatement(insertEventsSql(rows))) {
                    int k = 1;
                    for (int i = from; i < from + rows; i++) {
                        p.setLong(k++, d.id);
                        p.setLong(k++, seq[i]);
                        p.setInt(k++, kind[i]);
                        p.setLong(k++, wall[i]);
                        p.setBytes(k++, boot[i]);
                        p.setLong(k++, mono[i]);
                        p.setLong(k++, batch.receivedMs());
                        p.setBytes(k++, body[i]);
                        if (corrected[i] == null) {
                            p.setNull(k++, Types.BIGINT);
                        } else {
                            p.setLong(k++, corrected[i]);
                        }
                        p.setShort(k++, (short) quality[i]);
                    }
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            inserted.add(rs.getLong(1));
                        }
                    }
                }
            }
            int stored = 0;
            long late = 0;
            long lateDay = Long.MAX_VALUE;
            Set<Long> voided = Voids.voidedBetween(c, d.id, seq[0], seq[n - 1]);
            List<IncomingEvent> newVoids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // Only newly stored rows count, so a replayed batch — or one another instance stored first — never
                // counts twice. remove(): a seq repeated within the batch counts once.
                if (inserted.remove(seq[i])) {
                    stored++;
                    if (quality[i] != 0) {
                        d.corrected++;
                    } else {
                        d.unknown++;
                    }
                    // A target whose void came first is stored but counts as an event only.
                    d.delta.add(day[i], voided.contains(seq[i]) ? EventFacts.NONE : events.get(i).facts(), 1);
                    if (Voids.isVoid(events.get(i))) {
                        newVoids.add(events.get(i));
                    }
                    if (LocalDays.isLate(day[i], batch.receivedMs())) {
                        late++;
                        lateDay = Math.min(lateDay, day[i]);
                    }
                }
            }
            // After the batch is counted, so a target in the same batch is stored and counted before it is voided.
            for (IncomingEvent v : newVoids) {
                Voids.apply(c, d.id, v, d.delta).ifPresent(d.citizenChecks::add);
            }
            if (late > 0) {
                // As the SQLite store: the latest batch with late events names the earliest late day in it.
                d.lateEvents += late;
                d.lastLateMs = batch.receivedMs();
                d.lastLateDay = lateDay;
            }
            // The latest heartbeat of the batch (highest seq; batches are ascending) tells the backlog.
            for (int k = n - 1; k >= 0; k--) {
                long b = events.get(k).facts().backlog();
                if (b >= 0) {
                    d.backlog = b;
                    break;
                }
            }
            return stored;
        }

        private int storeQuarantined(DeviceState d, IngestBatch batch) throws SQLException {
            if (batch.quarantined().isEmpty()) {
                return 0;
            }
            int quarantined = 0;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO quarantine (device, seq, reason, received_ms, body) "
                    + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM events WHERE device = ? AND seq = ?) "
                    + "ON CONFLICT (device, seq) DO NOTHING")) {
                for (QuarantinedEvent q : batch.quarantined()) {
                    p.setLong(1, d.id);
                    p.setLong(2, q.seq());
                    p.setString(3, q.reason());
                    p.setLong(4, batch.receivedMs());
                    p.setBytes(5, q.body());
                    p.setLong(6, d.id);
                    p.setLong(7, q.seq());
                    quarantined += p.executeUpdate();
                }
            }
            return quarantined;
        }

        /**
         * Stores the batch's valid clock samples, updates the device's latest offset, and re-corrects the events of
         * every boot that got a new sample (before the batch's events, so they count for those too): its unknown-time
         * events, or all of them when the sample is the boot's best yet (smallest round trip).
         */
        private void storeClockSamples(DeviceState d, IngestBatch batch) throws SQLException {
            List<ValidClockSample> samples = ValidClockSample.of(batch);
            if (samples.isEmpty()) {
                return;
            }
            Map<BootKey, Boolean> measuredBoots = new LinkedHashMap<>(); // boot → re-correct its known events too
            ValidClockSample latest = null;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO clock_samples "
                    + "(device, boot_id, mono_ns, t0, t1, t2, t3, os_synced) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING")) {
                for (ValidClockSample s : samples) {
                    ClockMeasurementRow r = s.row();
                    boolean better = measurements(d.id, batch.deviceId(), r.bootId())
                            .retimesKnownEvents(s.measurement(), corrector.policy().maxRoundTrip());
                    p.setLong(1, d.id);
                    p.setBytes(2, r.bootId());
                    p.setLong(3, r.monoNs());
                    p.setLong(4, r.t0());
                    p.setLong(5, r.t1());
                    p.setLong(6, r.t2());
                    p.setLong(7, r.t3());
                    p.setShort(8, (short) (r.osSynchronized() ? 1 : 0));
                    if (p.executeUpdate() > 0) {
                        measuredBoots.merge(new BootKey(d.id, ByteBuffer.wrap(r.bootId().clone())), better,
                                Boolean::logicalOr);
                        if (latest == null || s.measurement().serverReceiveTimeMs()
                                >= latest.measurement().serverReceiveTimeMs()) {
                            latest = s;
                        }
                    }
                }
            }
            if (latest != null) {
                try (PreparedStatement p = c.prepareStatement("UPDATE devices SET clock_offset_ms = ?, "
                        + "clock_round_trip_ms = ?, clock_measured_at_ms = ? "
                        + "WHERE id = ? AND (clock_measured_at_ms IS NULL OR clock_measured_at_ms <= ?)")) {
                    p.setLong(1, latest.measurement().offset().toMillis());
                    p.setLong(2, latest.measurement().roundTrip().toMillis());
                    p.setLong(3, latest.measurement().serverReceiveTimeMs());
                    p.setLong(4, d.id);
                    p.setLong(5, latest.measurement().serverReceiveTimeMs());
                    p.executeUpdate();
                }
            }
            for (Map.Entry<BootKey, Boolean> boot : measuredBoots.entrySet()) {
                boots.remove(boot.getKey()); // reloaded with the new sample on first use
                recorrect(d, batch.deviceId(), boot.getKey(), boot.getValue());
            }
        }

        /**
         * Re-corrects the boot's stored events by its measurements now: the unknown-time ones, or all when
         * {@code known} is set. An event whose time changes moves from its old day to its new one in the rollups.
         */
        private void recorrect(DeviceState d, String deviceId, BootKey boot, boolean known) throws SQLException {
            byte[] bootBytes = new byte[boot.boot().remaining()];
            boot.boot().duplicate().get(bootBytes);
            BootMeasurements m = measurements(d.id, deviceId, bootBytes);
            try (PreparedStatement read = c.prepareStatement("SELECT " + RetimedEvent.COLUMNS
                    + " FROM events WHERE device = ? AND boot_id = ?" + (known ? "" : " AND time_quality = 0"));
                 PreparedStatement update = c.prepareStatement("UPDATE events SET corrected_ms = ?, time_quality = ? "
                         + "WHERE device = ? AND seq = ?")) {
                read.setLong(1, d.id);
                read.setBytes(2, bootBytes);
                long changed = 0;
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        Optional<RetimedEvent> retimed = RetimedEvent.read(rs, m, corrector);
                        if (retimed.isEmpty()) {
                            continue;
                        }
                        RetimedEvent r = retimed.get();
                        Optional<Instant> at = r.time().instant();
                        if (at.isPresent()) {
                            update.setLong(1, at.get().toEpochMilli());
                        } else {
                            update.setNull(1, Types.BIGINT);
                        }
                        update.setShort(2, (short) BootMeasurements.qualityCode(r.time().quality()));
                        update.setLong(3, d.id);
                        update.setLong(4, r.seq());
                        update.addBatch();
                        changed++;
                        d.corrected += r.knownDelta();
                        d.unknown -= r.knownDelta();
                        r.move(d.delta, rs.getBytes(5));
                    }
                }
                if (changed > 0) {
                    update.executeBatch();
                }
            }
        }

        /** The usable measurements of one boot, read under the device's lock once per round. */
        private BootMeasurements measurements(long device, String deviceId, byte[] bootId) throws SQLException {
            BootKey key = new BootKey(device, ByteBuffer.wrap(bootId));
            BootMeasurements cached = boots.get(key);
            if (cached != null) {
                return cached;
            }
            BootMeasurements loaded;
            try (PreparedStatement p = c.prepareStatement("SELECT " + BootMeasurements.SAMPLE_COLUMNS
                    + " FROM clock_samples WHERE device = ? AND boot_id = ?")) {
                p.setLong(1, device);
                p.setBytes(2, bootId);
                try (ResultSet rs = p.executeQuery()) {
                    loaded = BootMeasurements.read(deviceId, bootId, rs);
                }
            }
            boots.put(new BootKey(device, ByteBuffer.wrap(bootId.clone())), loaded);
            return loaded;
        }

        /** The watermark after the contiguous seqs stored or quarantined above {@code from}. */
        private long advanceFromStore(long device, long from) throws SQLException {
            long w = from;
            try (PreparedStatement p = c.prepareStatement("SELECT seq FROM events WHERE device = ? AND seq > ? "
                    + "UNION SELECT seq FROM quarantine WHERE device = ? AND seq > ? ORDER BY seq")) {
                p.setFetchSize(1000); // a cursor: the first gap ends the walk without reading the rest
                p.setLong(1, device);
                p.setLong(2, from);
                p.setLong(3, device);
                p.setLong(4, from);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next() && rs.getLong(1) == w + 1) {
                        w++;
                    }
                }
            }
            return w;
        }

        /** Every device's rollup changes of the round, in (device, day) order: a fixed lock order. */
        private void writeRollups(Collection<DeviceState> devices) throws SQLException {
            List<DeviceState> byId = devices.stream().filter(d -> !d.delta.isEmpty())
                    .sorted((a, b) -> Long.compare(a.id, b.id)).toList();
            if (byId.isEmpty()) {
                return;
            }
            StringBuilder sql = new StringBuilder("INSERT INTO rollup_daily (device, day, ").append(Rollup.columnList())
                    .append(") VALUES (?, ?").append(", ?".repeat(Rollup.SIZE))
                    .append(") ON CONFLICT (device, day) DO UPDATE SET ");
            for (int i = 0; i < Rollup.SIZE; i++) {
                String col = Rollup.COLUMNS[i];
                sql.append(i == 0 ? "" : ", ").append(col).append(" = rollup_daily.").append(col)
                        .append(" + excluded.").append(col);
            }
            boolean anyCitizen = false;
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                for (DeviceState d : byId) {
                    for (Map.Entry<Long, long[]> e : d.delta.byDay().entrySet()) {
                        p.setLong(1, d.id);
                        p.setLong(2, e.getKey());
                        for (int i = 0; i < Rollup.SIZE; i++) {
                            p.setLong(3 + i, e.getValue()[i]);
                        }
                        p.addBatch();
                    }
                    anyCitizen |= !d.delta.citizensByDay().isEmpty();
                }
                p.executeBatch();
            }
            if (!anyCitizen) {
                return;
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO rollup_citizens (device, day, citizen) "
                    + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (DeviceState d : byId) {
                    for (Map.Entry<Long, Set<Long>> e : d.delta.citizensByDay().entrySet()) {
                        for (long citizen : new TreeSet<>(e.getValue())) {
                            p.setLong(1, d.id);
                            p.setLong(2, e.getKey());
                            p.setLong(3, citizen);
                            p.addBatch();
                        }
                    }
                }
                p.executeBatch();
            }
        }

        private void writeDevices(Collection<DeviceState> devices) throws SQLException {
            try (PreparedStatement p = c.prepareStatement("UPDATE devices SET watermark = ?, max_seq = ?, "
                    + "events_stored = events_stored + ?, quarantined = quarantined + ?, "
                    + "last_seen_ms = greatest(last_seen_ms, ?), events_corrected = events_corrected + ?, "
                    + "events_time_unknown = events_time_unknown + ?, last_sync_ms = coalesce(?, last_sync_ms), "
                    + "backlog = coalesce(?, backlog), late_events = late_events + ?, "
                    + "last_late_ms = coalesce(?, last_late_ms), last_late_day = coalesce(?, last_late_day) WHERE id = ?")) {
                for (DeviceState d : devices.stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList()) {
                    p.setLong(1, d.watermark);
                    p.setLong(2, d.maxSeq);
                    p.setLong(3, d.stored);
                    p.setLong(4, d.quarantined);
                    p.setLong(5, d.lastSeenMs);
                    p.setLong(6, d.corrected);
                    p.setLong(7, d.unknown);
                    setNullable(p, 8, d.lastSyncMs);
                    setNullable(p, 9, d.backlog);
                    p.setLong(10, d.lateEvents);
                    setNullable(p, 11, d.lastLateMs);
                    setNullable(p, 12, d.lastLateDay);
                    p.setLong(13, d.id);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    /** Rows per INSERT: 10 parameters each, well under the protocol's 32,767 bind parameters. */
    private static final int ROWS_PER_INSERT = 1000;
    private static final Map<Integer, String> INSERT_EVENTS_SQL = new java.util.concurrent.ConcurrentHashMap<>();

    private static String insertEventsSql(int rows) {
        return INSERT_EVENTS_SQL.computeIfAbsent(rows, r -> {
            StringBuilder sql = new StringBuilder(64 + r * 24).append("INSERT INTO events (device, seq, kind, wall_ms, "
                    + "boot_id, mono_ns, received_ms, body, corrected_ms, time_quality) VALUES ");
            for (int i = 0; i < r; i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?)");
            }
            return sql.append(" ON CONFLICT (device, seq) DO NOTHING RETURNING seq").toString();
        });
    }

    private static void setNullable(PreparedStatement p, int index, Long value) throws SQLException {
        if (value == null) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, value);
        }
    }

    @Override
    public void touchDevice(String deviceId, String appVersion, long seenMs) {
        write("record a handshake", c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO devices (device_id, app_version, first_seen_ms, "
                    + "last_seen_ms) VALUES (?, coalesce(?, ''), ?, ?) ON CONFLICT (device_id) DO UPDATE SET "
                    + "app_version = coalesce(?, devices.app_version), "
                    + "last_seen_ms = greatest(devices.last_seen_ms, excluded.last_seen_ms)")) {
                p.setString(1, deviceId);
                p.setString(2, appVersion);
                p.setLong(3, seenMs);
                p.setLong(4, seenMs);
                p.setString(5, appVersion);
                p.executeUpdate();
            }
            return null;
        });
    }

    // ---------------------------------------------------------------- reads

    /** A unit of work on one pooled connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, Work<T> work) {
        return write(what, work); // the same: run, then end the transaction so the connection goes back clean
    }

    private <T> T write(String what, Work<T> work) {
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

    @Override
    public long watermark(String deviceId) {
        return read("read a watermark", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT watermark FROM devices WHERE device_id = ?")) {
                p.setString(1, deviceId);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Optional<DeviceSummary> device(String deviceId) {
        return summaries("WHERE device_id = ?", deviceId).stream().findFirst();
    }

    @Override
    public List<DeviceSummary> devices() {
        return summaries("", null);
    }

    private List<DeviceSummary> summaries(String where, String arg) {
        return read("read devices", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, device_id, events_stored, watermark, max_seq, "
                    + "quarantined, app_version, last_seen_ms, clock_measured_at_ms IS NOT NULL, "
                    + "coalesce(clock_offset_ms, 0), coalesce(clock_round_trip_ms, 0), coalesce(clock_measured_at_ms, 0), "
                    + "events_corrected, events_time_unknown FROM devices " + where + " ORDER BY device_id")) {
                if (arg != null) {
                    p.setString(1, arg);
                }
                List<DeviceSummary> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long watermark = rs.getLong(4);
                        long maxSeq = rs.getLong(5);
                        List<SeqRange> missing = maxSeq > watermark ? missing(c, rs.getLong(1), watermark) : List.of();
                        out.add(new DeviceSummary(rs.getString(2), rs.getLong(3), watermark, maxSeq, missing,
                                rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9), rs.getLong(10),
                                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14)));
                    }
                }
                return out;
            }
        });
    }

    /** Gaps between the watermark and the highest seq received (at most 100), by a window over the seqs above it. */
    private static List<SeqRange> missing(Connection c, long device, long watermark) throws SQLException {
        List<SeqRange> gaps = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT prev + 1, seq - 1 FROM (SELECT seq, "
                + "coalesce(lag(seq) OVER (ORDER BY seq), ?) AS prev FROM (SELECT seq FROM events WHERE device = ? "
                + "AND seq > ? UNION SELECT seq FROM quarantine WHERE device = ? AND seq > ?) s) g "
                + "WHERE seq > prev + 1 ORDER BY seq LIMIT 100")) {
            p.setLong(1, watermark);
            p.setLong(2, device);
            p.setLong(3, watermark);
            p.setLong(4, device);
            p.setLong(5, watermark);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    gaps.add(new SeqRange(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return gaps;
    }

    @Override
    public List<QuarantinedEvent> quarantine(String deviceId, int limit) {
        return read("read quarantine", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT q.seq, q.reason, q.body FROM quarantine q "
                    + "JOIN devices d ON d.id = q.device WHERE d.device_id = ? ORDER BY q.seq LIMIT ?")) {
                p.setString(1, deviceId);
                p.setInt(2, limit);
                List<QuarantinedEvent> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QuarantinedEvent(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<StoredEventTime> eventTimes(String deviceId) {
        return read("read event times", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT e.seq, e.wall_ms, e.corrected_ms, e.time_quality "
                    + "FROM events e JOIN devices d ON d.id = e.device WHERE d.device_id = ? ORDER BY e.seq")) {
                p.setString(1, deviceId);
                List<StoredEventTime> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long corrected = rs.getLong(3);
                        Optional<Instant> at = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(corrected));
                        out.add(new StoredEventTime(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), at,
                                BootMeasurements.quality(rs.getInt(4))));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<StoredEvent> events(String deviceId, long afterSeq, int limit) {
        return read("read events", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT e.seq, e.body FROM events e "
                    + "WHERE e.device = (SELECT id FROM devices WHERE device_id = ?) AND e.seq > ? ORDER BY e.seq LIMIT ?")) {
                p.setString(1, deviceId);
                p.setLong(2, afterSeq);
                p.setInt(3, limit);
                List<StoredEvent> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(rs.getLong(1), rs.getBytes(2)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public long countByCorrectedTime(String deviceId, Instant from, Instant toExclusive) {
        return count("corrected_ms >= ? AND corrected_ms < ?", deviceId, from.toEpochMilli(), toExclusive.toEpochMilli());
    }

    @Override
    public long countTimeUnknown(String deviceId) {
        return count("corrected_ms IS NULL", deviceId);
    }

    /** Events of one device matching {@code condition}; both use the (device, corrected_ms) index. */
    private long count(String condition, String deviceId, long... args) {
        return read("count events", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM events "
                    + "WHERE device = (SELECT id FROM devices WHERE device_id = ?) AND " + condition)) {
                p.setString(1, deviceId);
                for (int i = 0; i < args.length; i++) {
                    p.setLong(i + 2, args[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /** "coalesce(sum(col), 0)::bigint, …" in slot order. */
    private static final String SUMS = String.join(", ",
            java.util.Arrays.stream(Rollup.COLUMNS).map(col -> "coalesce(sum(" + col + "), 0)::bigint").toList());

    /** The rollup rows of the named devices: every report query filters this way, on the (device, day) key. */
    private static final String OF_DEVICES = "device IN (SELECT id FROM devices WHERE device_id = ANY (?))";

    private static long[] counters(ResultSet rs, int firstColumn) throws SQLException {
        long[] c = new long[Rollup.SIZE];
        for (int i = 0; i < Rollup.SIZE; i++) {
            c[i] = rs.getLong(firstColumn + i);
        }
        return c;
    }

    @Override
    public RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        return sumRollups(deviceIds, "day BETWEEN ? AND ?", first.toEpochDay(), last.toEpochDay());
    }

    @Override
    public RollupTotals timeUnknownTotals(Collection<String> deviceIds) {
        return sumRollups(deviceIds, "day = ?", Rollup.UNKNOWN_DAY);
    }

    private RollupTotals sumRollups(Collection<String> deviceIds, String days, long... args) {
        if (deviceIds.isEmpty()) {
            return new RollupTotals(new long[Rollup.SIZE]);
        }
        return read("sum rollups", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT " + SUMS + " FROM rollup_daily WHERE "
                    + OF_DEVICES + " AND " + days)) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                for (int i = 0; i < args.length; i++) {
                    p.setLong(i + 2, args[i]);
                }
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return new RollupTotals(counters(rs, 1));
                }
            }
        });
    }

    @Override
    public long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        if (deviceIds.isEmpty()) {
            return 0;
        }
        return read("count citizens", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT count(DISTINCT citizen) FROM rollup_citizens WHERE "
                    + OF_DEVICES + " AND day BETWEEN ? AND ?")) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                p.setLong(2, first.toEpochDay());
                p.setLong(3, last.toEpochDay());
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        if (deviceIds.isEmpty()) {
            return new TreeSet<>();
        }
        return read("find active devices", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT d.device_id FROM devices d WHERE d.device_id = ANY (?) "
                    + "AND EXISTS (SELECT 1 FROM rollup_daily r WHERE r.device = d.id AND r.day BETWEEN ? AND ? "
                    + "AND r.events > 0)")) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                p.setLong(2, first.toEpochDay());
                p.setLong(3, last.toEpochDay());
                Set<String> out = new TreeSet<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        if (deviceIds.isEmpty()) {
            return new TreeMap<>();
        }
        return read("read daily rollups", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT day, " + SUMS + " FROM rollup_daily WHERE "
                    + OF_DEVICES + " AND day BETWEEN ? AND ? GROUP BY day HAVING sum(events) <> 0")) {
                p.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
                p.setLong(2, first.toEpochDay());
                p.setLong(3, last.toEpochDay());
                SortedMap<LocalDate, RollupTotals> out = new TreeMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.put(LocalDate.ofEpochDay(rs.getLong(1)), new RollupTotals(counters(rs, 2)));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay) {
        if (deviceIds.isEmpty()) {
            return new HashMap<>();
        }
        return read("read last event days", c -> {
            // Per device, the (device, day) key read backwards from asOfDay: one index probe each.
            try (PreparedStatement p = c.prepareStatement("SELECT d.device_id, (SELECT max(r.day) FROM rollup_daily r "
                    + "WHERE r.device = d.id AND r.day > ? AND r.day <= ? AND r.events > 0) FROM devices d "
                    + "WHERE d.device_id = ANY (?)")) {
                p.setLong(1, Rollup.UNKNOWN_DAY);
                p.setLong(2, asOfDay.toEpochDay());
                p.setArray(3, c.createArrayOf("text", deviceIds.toArray()));
                Map<String, LocalDate> out = new HashMap<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long day = rs.getLong(2);
                        if (!rs.wasNull()) {
                            out.put(rs.getString(1), LocalDate.ofEpochDay(day));
                        }
                    }
                }
                return out;
            }
        });
    }

    @Override
    public List<FleetDetail> fleetDetails() {
        return read("read the fleet", c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT device_id, coalesce(last_sync_ms, 0), coalesce(backlog, -1), "
                         + "late_events, coalesce(last_late_ms, 0), last_late_day FROM devices ORDER BY device_id")) {
                List<FleetDetail> out = new ArrayList<>();
                while (rs.next()) {
                    long day = rs.getLong(6);
                    String lateDay = rs.wasNull() || day == 0 ? "" : LocalDate.ofEpochDay(day).toString();
                    out.add(new FleetDetail(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), lateDay));
                }
                return out;
            }
        });
    }

    @Override
    public void close() {
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
