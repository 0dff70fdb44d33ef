package vn.kiosk06.server.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.server.files.OwnerOnly;
import vn.kiosk06.server.time.BootId;
import vn.kiosk06.server.time.ClockMeasurement;
import vn.kiosk06.server.time.CorrectedTime;
import vn.kiosk06.server.time.DeviceEventTime;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeCorrectionPolicy;

/**
 * The embedded default store: one SQLite file in WAL mode with {@code synchronous=FULL}.
 *
 * <p>SQLite has one writer at a time, so one writer thread owns the write connection and commits every batch
 * waiting at that moment — from any number of devices — in one transaction (group commit): one fsync per round
 * instead of one per batch. A caller returns only after its batch's transaction committed. Reads use a second
 * connection and see committed data only.
 *
 * <p>Event times are corrected by the writer, in the transaction that stores the events: each event's corrected
 * time comes from the clock measurements of its device and boot (kept in a bounded cache on the writer thread,
 * so correcting is arithmetic, not a query per event). A batch's own clock samples are stored first, so they
 * count for its events; a sample that is new for its boot also re-corrects the boot's events stored earlier
 * with an unknown time, which is how events journaled offline get their time once the device reaches the server
 * in the same boot, and when it is the boot's best sample yet (smallest round trip) every stored event of the boot,
 * moving the ones whose time changes to their new day in the rollups.
 *
 * <p>Thread-safe.
 */
public final class SqliteEventStore implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteEventStore.class);
    private static final int MAX_EVENTS_PER_COMMIT = 50_000;
    private static final int CACHED_BOOTS = 10_000;
    /** How long a caller waits for its round; a round of the largest size commits in seconds. */
    private static final Duration CALLER_WAIT = Duration.ofMinutes(3);

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final GroupCommitQueue<Pending> queue;
    private final Map<String, Long> deviceRowIds = new HashMap<>(); // writer thread only
    private final BootCache boots = new BootCache(); // writer thread only
    private final EventTimeCorrector corrector;
    private final boolean rollups;
    private final CitizenIndex citizenIndex = new CitizenIndex();
    private final List<long[]> roundCitizens = new ArrayList<>(); // writer thread only: (day, device, citizen) rows
    private final List<long[]> roundDroppedCitizens = new ArrayList<>(); // writer thread only: rows a void deleted
    private final RollupCache rollupCache = new RollupCache();
    private final List<DayCounters> roundRollups = new ArrayList<>(); // writer thread only

    /** One device-day's rollup change of a round, applied to the cache once the round committed. */
    private record DayCounters(long device, long day, long[] counters) {
    }
    private final Thread writerThread;

    /** A batch to commit; {@code appVersion} is set when a handshake reports it. */
    private record Pending(IngestBatch batch, String appVersion) {
    }

    /** A device's boot, as the cache key: the boot id's 16 bytes compared by content. */
    private record BootKey(long device, ByteBuffer boot) {
    }

    /** The measurements of recently seen boots, least recently used evicted first. */
    private static final class BootCache extends LinkedHashMap<BootKey, BootMeasurements> {
        private static final long serialVersionUID = 1L;

        BootCache() {
            super(256, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<BootKey, BootMeasurements> eldest) {
            return size() > CACHED_BOOTS;
        }
    }

    private SqliteEventStore(Path file, EventTimeCorrector corrector, boolean rollups) throws SQLException {
        this.file = file;
        this.corrector = corrector;
        this.rollups = rollups;
        this.queue = new GroupCommitQueue<>("store " + file, 4096, MAX_EVENTS_PER_COMMIT,
                p -> p.batch().events().size(), CALLER_WAIT);
        this.writer = connect(file);
        this.reader = connect(file);
        if (rollups) {
            backfillRollups();
        }
        loadCitizenIndex();
        loadRollupCache();
        this.writerThread = new Thread(() -> queue.serve(this::commitRound), "store-writer");
        this.writerThread.setDaemon(true);
        this.writerThread.start();
    }

    /**
     * Builds the rollups of events stored before they existed (a store created before V3): once, when the store
     * holds events but no rollup row. Reads each event's corrected time and body, as ingest would have.
     */
    private void backfillRollups() throws SQLException {
        try (Statement s = writer.createStatement()) {
            boolean missing;
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM events) "
                    + "AND NOT EXISTS (SELECT 1 FROM rollup_daily)")) {
                missing = rs.next() && rs.getBoolean(1);
            }
            if (!missing) {
                writer.commit();
                return;
            }
        }
        LOG.info("Building report rollups for events stored before them …");
        Map<Long, RollupDelta> byDevice = new HashMap<>();
        long n = 0;
        try (Statement s = writer.createStatement();
             ResultSet rs = s.executeQuery("SELECT device, corrected_ms, body, "
                     + "EXISTS (SELECT 1 FROM voids v WHERE v.device = events.device AND v.voided_seq = events.seq) "
                     + "FROM events")) {
            while (rs.next()) {
                long corrected = rs.getLong(2);
                long day = rs.wasNull() ? Rollup.UNKNOWN_DAY : LocalDays.of(corrected);
                // A voided event stays an event stored, and adds nothing else.
                EventFacts facts = rs.getBoolean(4) ? EventFacts.NONE : EventFacts.parse(rs.getBytes(3));
                byDevice.computeIfAbsent(rs.getLong(1), d -> new RollupDelta()).add(day, facts, 1);
                n++;
            }
        }
        try (Statements st = new Statements(writer)) {
            List<long[]> ignored = new ArrayList<>();
            for (Map.Entry<Long, RollupDelta> e : byDevice.entrySet()) {
                // The caches are loaded from the tables afterwards.
                writeRollups(st, e.getKey(), e.getValue(), ignored, new ArrayList<>());
            }
        }
        writer.commit();
        LOG.info("Built report rollups for {} events of {} devices", n, byDevice.size());
    }

    private void loadRollupCache() throws SQLException {
        try (PreparedStatement p = reader.prepareStatement("SELECT device, day, " + Rollup.columnList() + " FROM rollup_daily")) {
            try (ResultSet rs = p.executeQuery()) {
                long[] c = new long[Rollup.SIZE];
                while (rs.next()) {
                    for (int i = 0; i < Rollup.SIZE; i++) {
                        c[i] = rs.getLong(i + 3);
                    }
                    rollupCache.add(rs.getLong(1), rs.getLong(2), c);
                }
            }
        }
        reader.commit();
    }

    private void loadCitizenIndex() throws SQLException {
        try (PreparedStatement p = reader.prepareStatement("SELECT day, device, citizen FROM rollup_citizens")) {
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    citizenIndex.add(rs.getLong(1), rs.getLong(2), rs.getLong(3));
                }
            }
        }
        reader.commit();
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
            migrate(file);
            return new SqliteEventStore(file, corrector, maintainRollups);
        } catch (SQLException | IOException | RuntimeException e) {
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the store's file, for tools (and the raw-insert benchmark) that need their own connection. */
    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** Connection settings every connection to a store file uses; its transactions start as reads. */
    public static Connection connect(Path file) throws SQLException {
        return configure(DriverManager.getConnection(jdbcUrl(file)));
    }

    /**
     * A connection for one short transaction that may write (then closed): it starts with {@code BEGIN IMMEDIATE},
     * taking the write lock first. The device registry, sessions and the integrity check write to the same file beside
     * the ingest writer; a transaction that reads and then writes would otherwise fail at once with SQLITE_BUSY when
     * another connection committed in between (its snapshot is stale; the busy timeout does not wait for that).
     * Not for long-lived connections: the driver begins the next transaction right after each commit, so an idle
     * connection would keep the lock.
     */
    public static Connection connectForWrites(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return configure(DriverManager.getConnection(jdbcUrl(file), config.toProperties()));
    }

    private static Connection configure(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            // FULL: a commit is fsynced before we ack, so an acked event survives a crash or power cut.
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA cache_size=-65536");
            s.execute("PRAGMA foreign_keys=ON");
        }
        c.setAutoCommit(false);
        return c;
    }

    private static void migrate(Path file) {
        Flyway.configure()
                .dataSource(jdbcUrl(file), null, null)
                .locations("classpath:db/migration/sqlite")
                .load()
                .migrate();
    }

    @Override
    public IngestOutcome ingest(IngestBatch batch) {
        return submit(batch, null);
    }

    private IngestOutcome submit(IngestBatch batch, String appVersion) {
        return queue.submit(new Pending(batch, appVersion));
    }

    /**
     * Starts the round's transaction with a write, before any read: SQLite then waits (busy timeout) for another
     * connection's write to finish — the device registry, sessions and the integrity check write to this file too —
     * instead of failing the round with SQLITE_BUSY when a read of this transaction saw the file before that write.
     * (Not {@code BEGIN IMMEDIATE} on this connection: the driver begins the next transaction right after each commit,
     * so an idle writer would hold the lock between rounds.)
     */
    private void takeWriteLock() throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.executeUpdate("UPDATE devices SET id = id WHERE 0");
        }
    }

    private void commitRound(List<GroupCommitQueue.Waiting<Pending>> round) {
        List<IngestOutcome> outcomes = new ArrayList<>(round.size());
        Map<String, Long> rowIdsBefore = new HashMap<>(deviceRowIds);
        roundCitizens.clear();
        roundDroppedCitizens.clear();
        roundRollups.clear();
        try (Statements st = new Statements(writer)) {
            takeWriteLock();
            for (GroupCommitQueue.Waiting<Pending> w : round) {
                outcomes.add(apply(st, w.work().batch(), w.work().appVersion()));
            }
            writer.commit();
            // Only committed rows reach the in-memory index, so it never holds a row the table does not.
            for (long[] row : roundCitizens) {
                citizenIndex.add(row[0], row[1], row[2]);
            }
            for (long[] row : roundDroppedCitizens) {
                citizenIndex.remove(row[0], row[1], row[2]);
            }
            roundDroppedCitizens.clear();
            for (DayCounters d : roundRollups) {
                rollupCache.add(d.device(), d.day(), d.counters());
            }
            roundCitizens.clear();
            roundRollups.clear();
        } catch (SQLException | RuntimeException e) {
            roundCitizens.clear();
            roundDroppedCitizens.clear();
            roundRollups.clear();
            try {
                writer.rollback();
            } catch (SQLException ex) {
                e.addSuppressed(ex);
            }
            deviceRowIds.clear();
            deviceRowIds.putAll(rowIdsBefore);
            // The cache may hold measurements of the rolled-back round; it refills from committed rows.
            boots.clear();
            LOG.error("Store commit failed; {} batches refused, nothing committed", round.size(), e);
            GroupCommitQueue.fail(round, new StoreException("store commit failed: " + e.getMessage(), e));
            return;
        }
        GroupCommitQueue.complete(round, outcomes);
    }

    /** The prepared statements of one commit round. */
    private static final class Statements implements AutoCloseable {
        final PreparedStatement insertEvent;
        final PreparedStatement insertQuarantine;
        final PreparedStatement insertClock;
        final PreparedStatement readDevice;
        final PreparedStatement updateDevice;
        final PreparedStatement updateVersion;
        final PreparedStatement readBootSamples;
        final PreparedStatement readUnknownOfBoot;
        final PreparedStatement readAllOfBoot;
        final PreparedStatement updateEventTime;
        final PreparedStatement updateClock;
        final PreparedStatement upsertRollup;
        final PreparedStatement insertCitizen;
        final PreparedStatement updateFleet;

        Statements(Connection c) throws SQLException {
            insertEvent = c.prepareStatement("INSERT OR IGNORE INTO events (device, seq, kind, wall_ms, boot_id, mono_ns, "
                    + "received_ms, body, corrected_ms, time_quality) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insertQuarantine = c.prepareStatement("INSERT OR IGNORE INTO quarantine (device, seq, reason, received_ms, body) "
                    + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM events WHERE device = ? AND seq = ?)");
            insertClock = c.prepareStatement("INSERT OR IGNORE INTO clock_samples "
                    + "(device, boot_id, mono_ns, t0, t1, t2, t3, os_synced) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            readDevice = c.prepareStatement("SELECT watermark, max_seq FROM devices WHERE id = ?");
            updateDevice = c.prepareStatement("UPDATE devices SET watermark = ?, max_seq = ?, events_stored = events_stored + ?, "
                    + "quarantined = quarantined + ?, last_seen_ms = max(last_seen_ms, ?), "
                    + "events_corrected = events_corrected + ?, events_time_unknown = events_time_unknown + ? WHERE id = ?");
            updateVersion = c.prepareStatement("UPDATE devices SET app_version = ? WHERE id = ?");
            readBootSamples = c.prepareStatement("SELECT " + BootMeasurements.SAMPLE_COLUMNS + " FROM clock_samples "
                    + "WHERE device = ? AND boot_id = ?");
            // "time_quality = 0" literally, so SQLite uses the partial index of unknown-time events.
            readUnknownOfBoot = c.prepareStatement("SELECT " + RetimedEvent.COLUMNS + " FROM events "
                    + "WHERE device = ? AND boot_id = ? AND time_quality = 0");
            // Rare (a boot's better sample): walks the device's events by primary key rather than index every boot.
            readAllOfBoot = c.prepareStatement("SELECT " + RetimedEvent.COLUMNS + " FROM events "
                    + "WHERE device = ? AND boot_id = ?");
            updateEventTime = c.prepareStatement("UPDATE events SET corrected_ms = ?, time_quality = ? "
                    + "WHERE device = ? AND seq = ?");
            updateClock = c.prepareStatement("UPDATE devices SET clock_offset_ms = ?, clock_round_trip_ms = ?, "
                    + "clock_measured_at_ms = ? WHERE id = ? AND (clock_measured_at_ms IS NULL OR clock_measured_at_ms <= ?)");
            StringBuilder upsert = new StringBuilder("INSERT INTO rollup_daily (device, day, ").append(Rollup.columnList())
                    .append(") VALUES (?, ?").append(", ?".repeat(Rollup.SIZE)).append(") ON CONFLICT (day, device) DO UPDATE SET ");
            for (int i = 0; i < Rollup.SIZE; i++) {
                String col = Rollup.COLUMNS[i];
                upsert.append(i == 0 ? "" : ", ").append(col).append(" = ").append(col).append(" + excluded.").append(col);
            }
            upsertRollup = c.prepareStatement(upsert.toString());
            insertCitizen = c.prepareStatement("INSERT OR IGNORE INTO rollup_citizens (day, device, citizen) VALUES (?, ?, ?)");
            updateFleet = c.prepareStatement("UPDATE devices SET last_sync_ms = ?, backlog = coalesce(?, backlog), "
                    + "late_events = late_events + ?, last_late_ms = CASE WHEN ? > 0 THEN ? ELSE last_late_ms END, "
                    + "last_late_day = CASE WHEN ? > 0 THEN ? ELSE last_late_day END WHERE id = ?");
        }

        @Override
        public void close() throws SQLException {
            insertEvent.close();
            insertQuarantine.close();
            insertClock.close();
            readDevice.close();
            updateDevice.close();
            updateVersion.close();
            readBootSamples.close();
            readUnknownOfBoot.close();
            readAllOfBoot.close();
            updateEventTime.close();
            updateClock.close();
            upsertRollup.close();
            insertCitizen.close();
            updateFleet.close();
        }
    }

    private IngestOutcome apply(Statements st, IngestBatch received, String appVersion) throws SQLException {
        long device = deviceRowId(received.deviceId(), received.receivedMs());
        IngestBatch batch = Voids.screen(writer, device, received);
        if (appVersion != null) {
            st.updateVersion.setString(1, appVersion);
            st.updateVersion.setLong(2, device);
            st.updateVersion.executeUpdate();
        }
        RollupDelta delta = rollups ? new RollupDelta() : null;
        // Samples before events, so this batch's own measurements count for its events.
        TimeCounts counts = storeClockSamples(st, device, batch, delta);
        int stored = 0;
        long late = 0;
        long lateDay = 0;
        long backlog = -1;
        List<Voids.CitizenCheck> citizenChecks = new ArrayList<>();
        if (!batch.events().isEmpty()) {
            int[] qualities = new int[batch.events().size()];
            long[] days = new long[batch.events().size()];
            int i = 0;
            for (IncomingEvent e : batch.events()) {
                CorrectedTime t = correct(st, device, batch.deviceId(), e.bootId(), e.wallMs(), e.monoNs(), batch.receivedMs());
                days[i] = BootMeasurements.day(t);
                qualities[i++] = BootMeasurements.qualityCode(t.quality());
                st.insertEvent.setLong(1, device);
                st.insertEvent.setLong(2, e.seq());
                st.insertEvent.setInt(3, e.kind());
                st.insertEvent.setLong(4, e.wallMs());
                st.insertEvent.setBytes(5, e.bootId());
                st.insertEvent.setLong(6, e.monoNs());
                st.insertEvent.setLong(7, batch.receivedMs());
                st.insertEvent.setBytes(8, e.body());
                setCorrected(st.insertEvent, 9, t);
                st.insertEvent.setInt(10, qualities[i - 1]);
                st.insertEvent.addBatch();
            }
            int[] inserted = st.insertEvent.executeBatch();
            Set<Long> voided = Voids.voidedBetween(writer, device, batch.events().get(0).seq(),
                    batch.events().get(batch.events().size() - 1).seq());
            for (int k = 0; k < inserted.length; k++) {
                if (inserted[k] > 0) {
                    stored++;
                    counts = counts.plus(qualities[k] != 0 ? 1 : 0, qualities[k] == 0 ? 1 : 0);
                    if (delta != null) {
                        // Only newly stored rows count, so a replayed batch never counts twice.
                        // A target whose void came first is stored but counts as an event only.
                        IncomingEvent e = batch.events().get(k);
                        delta.add(days[k], voided.contains(e.seq()) ? EventFacts.NONE : e.facts(), 1);
                    }
                    if (LocalDays.isLate(days[k], batch.receivedMs())) {
                        late++;
                        lateDay = lateDay == 0 ? days[k] : Math.min(lateDay, days[k]);
                    }
                }
            }
            // After the batch is counted, so a target in the same batch is stored and counted before it is voided.
            for (int k = 0; k < inserted.length; k++) {
                if (inserted[k] > 0 && Voids.isVoid(batch.events().get(k))) {
                    Voids.apply(writer, device, batch.events().get(k), delta != null ? delta : new RollupDelta())
                            .ifPresent(citizenChecks::add);
                }
            }
            // The latest heartbeat of the batch (highest seq; batches are ascending) tells the backlog.
            for (int k = batch.events().size() - 1; k >= 0 && backlog < 0; k--) {
                backlog = batch.events().get(k).facts().backlog();
            }
        }
        if (delta != null) {
            writeRollups(st, device, delta, roundCitizens, roundRollups);
            roundDroppedCitizens.addAll(Voids.dropCitizens(writer, device, citizenChecks));
        }
        if (!batch.events().isEmpty() || !batch.quarantined().isEmpty()) {
            st.updateFleet.setLong(1, batch.receivedMs());
            if (backlog >= 0) {
                st.updateFleet.setLong(2, backlog);
            } else {
                st.updateFleet.setNull(2, Types.INTEGER);
            }
            st.updateFleet.setLong(3, late);
            st.updateFleet.setLong(4, late);
            st.updateFleet.setLong(5, batch.receivedMs());
            st.updateFleet.setLong(6, late);
            st.updateFleet.setLong(7, lateDay);
            st.updateFleet.setLong(8, device);
            st.updateFleet.executeUpdate();
        }
        int quarantined = 0;
        for (QuarantinedEvent q : batch.quarantined()) {
            st.insertQuarantine.setLong(1, device);
            st.insertQuarantine.setLong(2, q.seq());
            st.insertQuarantine.setString(3, q.reason());
            st.insertQuarantine.setLong(4, batch.receivedMs());
            st.insertQuarantine.setBytes(5, q.body());
            st.insertQuarantine.setLong(6, device);
            st.insertQuarantine.setLong(7, q.seq());
            quarantined += st.insertQuarantine.executeUpdate();
        }
        long watermark;
        long maxSeq;
        st.readDevice.setLong(1, device);
        try (ResultSet rs = st.readDevice.executeQuery()) {
            rs.next();
            watermark = rs.getLong(1);
            maxSeq = rs.getLong(2);
        }
        long[] seqs = Watermarks.sortedSeqs(batch);
        long newWatermark = Watermarks.advance(watermark, seqs);
        long newMax = Watermarks.maxSeq(maxSeq, seqs);
        if (maxSeq > newWatermark) {
            // Events above the old watermark arrived earlier (out of order): they may now be contiguous.
            newWatermark = advanceFromStore(device, newWatermark);
        }
        st.updateDevice.setLong(1, newWatermark);
        st.updateDevice.setLong(2, newMax);
        st.updateDevice.setLong(3, stored);
        st.updateDevice.setLong(4, quarantined);
        st.updateDevice.setLong(5, batch.receivedMs());
        st.updateDevice.setLong(6, counts.corrected());
        st.updateDevice.setLong(7, counts.unknown());
        st.updateDevice.setLong(8, device);
        st.updateDevice.executeUpdate();
        return new IngestOutcome(stored, batch.events().size() - stored, quarantined, newWatermark);
    }

    /** The epoch day of {@code epochMs} in Asia/Ho_Chi_Minh; see {@link LocalDays#of}. */
    public static long localDay(long epochMs) {
        return LocalDays.of(epochMs);
    }

    /** Writes one batch's rollup changes; the new citizen rows and counters reach the caches after the commit. */
    private static void writeRollups(Statements st, long device, RollupDelta delta, List<long[]> newCitizens,
                                     List<DayCounters> newCounters) throws SQLException {
        if (delta.isEmpty()) {
            return;
        }
        for (Map.Entry<Long, long[]> e : delta.byDay().entrySet()) {
            st.upsertRollup.setLong(1, device);
            st.upsertRollup.setLong(2, e.getKey());
            long[] c = e.getValue();
            for (int i = 0; i < Rollup.SIZE; i++) {
                st.upsertRollup.setLong(3 + i, c[i]);
            }
            st.upsertRollup.addBatch();
            newCounters.add(new DayCounters(device, e.getKey(), c));
        }
        st.upsertRollup.executeBatch();
        if (!delta.citizensByDay().isEmpty()) {
            List<long[]> rows = new ArrayList<>();
            for (Map.Entry<Long, Set<Long>> e : delta.citizensByDay().entrySet()) {
                for (long citizen : e.getValue()) {
                    st.insertCitizen.setLong(1, e.getKey());
                    st.insertCitizen.setLong(2, device);
                    st.insertCitizen.setLong(3, citizen);
                    st.insertCitizen.addBatch();
                    rows.add(new long[] {e.getKey(), device, citizen});
                }
            }
            int[] inserted = st.insertCitizen.executeBatch();
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] > 0) {
                    newCitizens.add(rows.get(i));
                }
            }
        }
    }

    /** Changes to a device's corrected / time-unknown counters within one batch. */
    private record TimeCounts(long corrected, long unknown) {
        static final TimeCounts NONE = new TimeCounts(0, 0);

        TimeCounts plus(long moreCorrected, long moreUnknown) {
            return new TimeCounts(corrected + moreCorrected, unknown + moreUnknown);
        }
    }

    /**
     * Stores the batch's valid clock samples, updates the device's latest offset, and re-corrects the events of every
     * boot that got a new sample: its unknown-time events, or all of them when the sample is the boot's best yet.
     * Returns the counter changes of that re-correction.
     */
    private TimeCounts storeClockSamples(Statements st, long device, IngestBatch batch, RollupDelta delta)
            throws SQLException {
        Map<BootKey, Boolean> measuredBoots = new LinkedHashMap<>(); // boot → re-correct its known events too
        ClockMeasurement latest = null;
        for (ValidClockSample valid : ValidClockSample.of(batch)) {
            ClockMeasurementRow c = valid.row();
            ClockMeasurement m = valid.measurement();
            boolean better = measurements(st, device, batch.deviceId(), c.bootId())
                    .retimesKnownEvents(m, corrector.policy().maxRoundTrip());
            st.insertClock.setLong(1, device);
            st.insertClock.setBytes(2, c.bootId());
            st.insertClock.setLong(3, c.monoNs());
            st.insertClock.setLong(4, c.t0());
            st.insertClock.setLong(5, c.t1());
            st.insertClock.setLong(6, c.t2());
            st.insertClock.setLong(7, c.t3());
            st.insertClock.setInt(8, c.osSynchronized() ? 1 : 0);
            if (st.insertClock.executeUpdate() > 0) {
                measuredBoots.merge(new BootKey(device, ByteBuffer.wrap(c.bootId().clone())), better, Boolean::logicalOr);
                if (latest == null || m.serverReceiveTimeMs() >= latest.serverReceiveTimeMs()) {
                    latest = m;
                }
            }
        }
        if (latest != null) {
            st.updateClock.setLong(1, latest.offset().toMillis());
            st.updateClock.setLong(2, latest.roundTrip().toMillis());
            st.updateClock.setLong(3, latest.serverReceiveTimeMs());
            st.updateClock.setLong(4, device);
            st.updateClock.setLong(5, latest.serverReceiveTimeMs());
            st.updateClock.executeUpdate();
        }
        TimeCounts counts = TimeCounts.NONE;
        for (Map.Entry<BootKey, Boolean> boot : measuredBoots.entrySet()) {
            boots.remove(boot.getKey()); // reloaded with the new sample on first use
            TimeCounts c = recorrect(st, device, batch.deviceId(), boot.getKey(), boot.getValue(), delta);
            counts = counts.plus(c.corrected(), c.unknown());
        }
        return counts;
    }

    /**
     * Re-corrects the boot's stored events by its measurements now: the unknown-time ones, or all when
     * {@code known} is set. An event whose time changes moves from its old day to its new one in the rollups.
     */
    private TimeCounts recorrect(Statements st, long device, String deviceId, BootKey boot, boolean known,
                                 RollupDelta delta) throws SQLException {
        byte[] bootBytes = new byte[boot.boot().remaining()];
        boot.boot().duplicate().get(bootBytes);
        PreparedStatement read = known ? st.readAllOfBoot : st.readUnknownOfBoot;
        read.setLong(1, device);
        read.setBytes(2, bootBytes);
        BootMeasurements m = measurements(st, device, deviceId, bootBytes);
        long changed = 0;
        long corrected = 0;
        try (ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                Optional<RetimedEvent> retimed = RetimedEvent.read(rs, m, corrector);
                if (retimed.isEmpty()) {
                    continue;
                }
                RetimedEvent r = retimed.get();
                setCorrected(st.updateEventTime, 1, r.time());
                st.updateEventTime.setInt(2, BootMeasurements.qualityCode(r.time().quality()));
                st.updateEventTime.setLong(3, device);
                st.updateEventTime.setLong(4, r.seq());
                st.updateEventTime.addBatch();
                changed++;
                corrected += r.knownDelta();
                if (delta != null) {
                    r.move(delta, rs.getBytes(5));
                }
            }
        }
        if (changed > 0) {
            st.updateEventTime.executeBatch();
        }
        return new TimeCounts(corrected, -corrected);
    }

    /** The event's corrected time from the measurements of its boot; never throws for odd device clocks. */
    private CorrectedTime correct(Statements st, long device, String deviceId, byte[] bootId, long wallMs, long monoNs,
                                  long receivedMs) throws SQLException {
        return measurements(st, device, deviceId, bootId).correct(corrector, wallMs, monoNs, receivedMs);
    }

    /** The usable measurements of one boot, from the cache or else from the store (which sees this round's rows). */
    private BootMeasurements measurements(Statements st, long device, String deviceId, byte[] bootId)
            throws SQLException {
        BootKey key = new BootKey(device, ByteBuffer.wrap(bootId));
        BootMeasurements cached = boots.get(key);
        if (cached != null) {
            return cached;
        }
        st.readBootSamples.setLong(1, device);
        st.readBootSamples.setBytes(2, bootId);
        BootMeasurements loaded;
        try (ResultSet rs = st.readBootSamples.executeQuery()) {
            loaded = BootMeasurements.read(deviceId, bootId, rs);
        }
        boots.put(new BootKey(device, ByteBuffer.wrap(bootId.clone())), loaded);
        return loaded;
    }

    private static void setCorrected(PreparedStatement p, int index, CorrectedTime t) throws SQLException {
        Optional<Instant> at = t.instant();
        if (at.isPresent()) {
            p.setLong(index, at.get().toEpochMilli());
        } else {
            p.setNull(index, Types.INTEGER);
        }
    }

    private long advanceFromStore(long device, long from) throws SQLException {
        long w = from;
        try (PreparedStatement p = writer.prepareStatement(
                "SELECT seq FROM (SELECT seq FROM events WHERE device = ?1 AND seq > ?2 "
                        + "UNION SELECT seq FROM quarantine WHERE device = ?1 AND seq > ?2) ORDER BY seq")) {
            p.setLong(1, device);
            p.setLong(2, from);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next() && rs.getLong(1) == w + 1) {
                    w++;
                }
            }
        }
        return w;
    }

    private long deviceRowId(String deviceId, long seenMs) throws SQLException {
        Long cached = deviceRowIds.get(deviceId);
        if (cached != null) {
            return cached;
        }
        try (PreparedStatement ins = writer.prepareStatement(
                "INSERT OR IGNORE INTO devices (device_id, first_seen_ms, last_seen_ms) VALUES (?, ?, ?)");
             PreparedStatement sel = writer.prepareStatement("SELECT id FROM devices WHERE device_id = ?")) {
            ins.setString(1, deviceId);
            ins.setLong(2, seenMs);
            ins.setLong(3, seenMs);
            ins.executeUpdate();
            sel.setString(1, deviceId);
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                deviceRowIds.put(deviceId, id);
                return id;
            }
        }
    }

    @Override
    public void touchDevice(String deviceId, String appVersion, long seenMs) {
        // Through the writer like any batch (SQLite has one writer), but without waiting for its round: with thousands
        // of devices syncing, a handshake waited behind every queued batch and missed its deadline. The handshake's
        // answer (watermark, gaps) comes from committed rows either way; a device not yet stored starts from 0.
        queue.enqueue(new Pending(new IngestBatch(deviceId, List.of(), List.of(), List.of(), seenMs), appVersion),
                failure -> LOG.warn("handshake of device {} not recorded: {}", deviceId, failure.getMessage()));
    }

    @Override
    public long watermark(String deviceId) {
        return device(deviceId).map(DeviceSummary::watermark).orElse(0L);
    }

    @Override
    public Optional<DeviceSummary> device(String deviceId) {
        return query("WHERE device_id = ?", deviceId).stream().findFirst();
    }

    @Override
    public List<DeviceSummary> devices() {
        return query("", null);
    }

    private List<DeviceSummary> query(String where, String arg) {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT id, device_id, events_stored, watermark, max_seq, "
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
                        List<SeqRange> missing = maxSeq > watermark ? missing(rs.getLong(1), watermark, maxSeq) : List.of();
                        out.add(new DeviceSummary(rs.getString(2), rs.getLong(3), watermark, maxSeq, missing,
                                rs.getLong(6), rs.getString(7), rs.getLong(8), rs.getBoolean(9), rs.getLong(10),
                                rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14)));
                    }
                }
                reader.commit();
                return out;
            } catch (SQLException e) {
                throw new StoreException("cannot read devices: " + e.getMessage(), e);
            }
        }
    }

    /** Gaps between the watermark and the highest seq received; caller holds the reader lock. */
    private List<SeqRange> missing(long device, long watermark, long maxSeq) throws SQLException {
        List<SeqRange> gaps = new ArrayList<>();
        try (PreparedStatement p = reader.prepareStatement(
                "SELECT seq FROM (SELECT seq FROM events WHERE device = ?1 AND seq > ?2 "
                        + "UNION SELECT seq FROM quarantine WHERE device = ?1 AND seq > ?2) ORDER BY seq")) {
            p.setLong(1, device);
            p.setLong(2, watermark);
            long expected = watermark + 1;
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next() && gaps.size() < 100) {
                    long seq = rs.getLong(1);
                    if (seq > expected) {
                        gaps.add(new SeqRange(expected, seq - 1));
                    }
                    expected = seq + 1;
                }
            }
        }
        return gaps;
    }

    @Override
    public List<QuarantinedEvent> quarantine(String deviceId, int limit) {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT q.seq, q.reason, q.body FROM quarantine q "
                    + "JOIN devices d ON d.id = q.device WHERE d.device_id = ? ORDER BY q.seq LIMIT ?")) {
                p.setString(1, deviceId);
                p.setInt(2, limit);
                List<QuarantinedEvent> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new QuarantinedEvent(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
                reader.commit();
                return out;
            } catch (SQLException e) {
                throw new StoreException("cannot read quarantine: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<StoredEventTime> eventTimes(String deviceId) {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT e.seq, e.wall_ms, e.corrected_ms, e.time_quality "
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
                reader.commit();
                return out;
            } catch (SQLException e) {
                throw new StoreException("cannot read event times: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public List<StoredEvent> events(String deviceId, long afterSeq, int limit) {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT e.seq, e.body FROM events e "
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
                reader.commit();
                return out;
            } catch (SQLException e) {
                throw new StoreException("cannot read events: " + e.getMessage(), e);
            }
        }
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
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT count(*) FROM events "
                    + "WHERE device = (SELECT id FROM devices WHERE device_id = ?) AND " + condition)) {
                p.setString(1, deviceId);
                for (int i = 0; i < args.length; i++) {
                    p.setLong(i + 2, args[i]);
                }
                long n;
                try (ResultSet rs = p.executeQuery()) {
                    n = rs.next() ? rs.getLong(1) : 0;
                }
                reader.commit();
                return n;
            } catch (SQLException e) {
                throw new StoreException("cannot count events: " + e.getMessage(), e);
            }
        }
    }

    /** Device row ids by device id, for the rollup queries; refreshed when a device is missing. Guarded by reader. */
    private final Map<String, Long> readerDeviceIds = new HashMap<>();

    /** "device IN (…)" of the known devices among {@code deviceIds}, or null if none is known. Holds the reader lock. */
    private String deviceFilter(Collection<String> deviceIds) throws SQLException {
        long[] rows = deviceRows(deviceIds);
        if (rows.length == 0) {
            return null;
        }
        StringBuilder in = new StringBuilder("device IN (");
        for (int i = 0; i < rows.length; i++) {
            in.append(i == 0 ? "" : ",").append(rows[i]); // row ids are numbers from our own table
        }
        return in.append(')').toString();
    }

    /** Row ids of the known devices among {@code deviceIds}. Holds the reader lock. */
    private long[] deviceRows(Collection<String> deviceIds) throws SQLException {
        if (deviceIds.stream().anyMatch(d -> !readerDeviceIds.containsKey(d))) {
            try (PreparedStatement p = reader.prepareStatement("SELECT id, device_id FROM devices");
                 ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    readerDeviceIds.put(rs.getString(2), rs.getLong(1));
                }
            }
            reader.commit(); // end the read transaction, or the next refresh would see this snapshot again
        }
        return deviceIds.stream().map(readerDeviceIds::get).filter(java.util.Objects::nonNull)
                .mapToLong(Long::longValue).toArray();
    }

    @Override
    public RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        return new RollupTotals(rollupCache.sum(rows(deviceIds), first.toEpochDay(), last.toEpochDay()));
    }

    @Override
    public RollupTotals timeUnknownTotals(Collection<String> deviceIds) {
        return new RollupTotals(rollupCache.unknown(rows(deviceIds)));
    }

    /** Row ids of the known devices among {@code deviceIds}. */
    private long[] rows(Collection<String> deviceIds) {
        synchronized (reader) {
            try {
                return deviceRows(deviceIds);
            } catch (SQLException e) {
                throw new StoreException("cannot read devices: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        boolean[] mask;
        synchronized (reader) {
            try {
                long[] rows = deviceRows(deviceIds);
                long max = Arrays.stream(rows).max().orElse(-1);
                mask = new boolean[(int) max + 1];
                for (long r : rows) {
                    mask[(int) r] = true;
                }
            } catch (SQLException e) {
                throw new StoreException("cannot count citizens: " + e.getMessage(), e);
            }
        }
        return citizenIndex.countDistinct(first.toEpochDay(), last.toEpochDay(), mask);
    }

    @Override
    public Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        Set<String> out = new java.util.TreeSet<>();
        for (String id : deviceIds) {
            long[] row = rows(List.of(id));
            if (row.length == 1 && rollupCache.lastEventDay(row[0], first.toEpochDay(), last.toEpochDay()) != Long.MIN_VALUE) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public java.util.SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first,
                                                                   LocalDate last) {
        Map<Long, long[]> byDay = new HashMap<>();
        for (long device : rows(deviceIds)) {
            rollupCache.days(device, first.toEpochDay(), last.toEpochDay(), (block, offset, day) -> {
                long[] sum = byDay.computeIfAbsent(day, d -> new long[Rollup.SIZE]);
                for (int i = 0; i < Rollup.SIZE; i++) {
                    sum[i] += block[offset + i];
                }
            });
        }
        java.util.SortedMap<LocalDate, RollupTotals> out = new java.util.TreeMap<>();
        byDay.forEach((day, c) -> {
            if (c[Rollup.EVENTS] != 0) {
                out.put(LocalDate.ofEpochDay(day), new RollupTotals(c));
            }
        });
        return out;
    }

    @Override
    public Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay) {
        Map<String, LocalDate> out = new HashMap<>();
        for (String id : deviceIds) {
            long[] row = rows(List.of(id));
            if (row.length == 1) {
                long day = rollupCache.lastEventDay(row[0], Rollup.UNKNOWN_DAY + 1, asOfDay.toEpochDay());
                if (day != Long.MIN_VALUE) {
                    out.put(id, LocalDate.ofEpochDay(day));
                }
            }
        }
        return out;
    }

    @Override
    public List<FleetDetail> fleetDetails() {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT device_id, coalesce(last_sync_ms, 0), "
                    + "coalesce(backlog, -1), late_events, coalesce(last_late_ms, 0), last_late_day FROM devices ORDER BY device_id")) {
                List<FleetDetail> out = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        long day = rs.getLong(6);
                        String lateDay = rs.wasNull() || day == 0 ? "" : LocalDate.ofEpochDay(day).toString();
                        out.add(new FleetDetail(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), lateDay));
                    }
                }
                reader.commit();
                return out;
            } catch (SQLException e) {
                throw new StoreException("cannot read the fleet: " + e.getMessage(), e);
            }
        }
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
        try {
            reader.close();
            writer.close();
        } catch (SQLException e) {
            LOG.warn("Closing store {}: {}", file, e.getMessage());
        }
    }
}
