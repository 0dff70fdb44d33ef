package vn.kiosk06.server.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: one SQLite file in WAL mode with {@code synchronous=FULL}.
 *
 * <p>SQLite has one writer at a time, so one writer thread owns the write connection and commits every batch
 * waiting at that moment — from any number of devices — in one transaction (group commit): one fsync per round
 * instead of one per batch. A caller returns only after its batch's transaction committed. Reads use a second
 * connection and see committed data only.
 *
 * <p>Thread-safe.
 */
public final class SqliteEventStore implements EventStore {

    private static final Logger LOG = LoggerFactory.getLogger(SqliteEventStore.class);
    private static final int MAX_EVENTS_PER_COMMIT = 50_000;

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(4096);
    private final Map<String, Long> deviceRowIds = new HashMap<>(); // writer thread only
    private final Thread writerThread;
    private volatile boolean closed;

    /** A batch to commit; {@code appVersion} is set when a handshake reports it. */
    private record Pending(IngestBatch batch, String appVersion, CompletableFuture<IngestOutcome> done) {
    }

    private SqliteEventStore(Path file) throws SQLException {
        this.file = file;
        this.writer = connect(file);
        this.reader = connect(file);
        this.writerThread = new Thread(this::writeLoop, "store-writer");
        this.writerThread.setDaemon(true);
        this.writerThread.start();
    }

    /** Opens (creating and migrating if needed) the store in {@code dataDir}. */
    public static SqliteEventStore open(Path dataDir) {
        Path file = dataDir.resolve("kiosk06.db");
        try {
            Files.createDirectories(dataDir);
            migrate(file);
            return new SqliteEventStore(file);
        } catch (SQLException | IOException | RuntimeException e) {
            throw new StoreException("cannot open store " + file + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the store's file, for tools (and the raw-insert benchmark) that need their own connection. */
    public static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** Connection settings every connection to a store file uses. */
    public static Connection connect(Path file) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl(file));
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
        CompletableFuture<IngestOutcome> done = new CompletableFuture<>();
        if (closed) {
            throw new StoreException("store " + file + " is closed", null);
        }
        try {
            queue.put(new Pending(batch, appVersion, done));
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for the store", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StoreException se ? se
                    : new StoreException("store " + file + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private void writeLoop() {
        List<Pending> round = new ArrayList<>();
        try {
            while (!closed || !queue.isEmpty()) {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                round.add(first);
                int events = first.batch().events().size();
                Pending next;
                while (events < MAX_EVENTS_PER_COMMIT && (next = queue.poll()) != null) {
                    round.add(next);
                    events += next.batch().events().size();
                }
                commitRound(round);
                round.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void commitRound(List<Pending> round) {
        List<IngestOutcome> outcomes = new ArrayList<>(round.size());
        Map<String, Long> rowIdsBefore = new HashMap<>(deviceRowIds);
        try (Statements st = new Statements(writer)) {
            for (Pending p : round) {
                outcomes.add(apply(st, p.batch(), p.appVersion()));
            }
            writer.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                writer.rollback();
            } catch (SQLException ex) {
                e.addSuppressed(ex);
            }
            deviceRowIds.clear();
            deviceRowIds.putAll(rowIdsBefore);
            LOG.error("Store commit failed; {} batches refused, nothing committed", round.size(), e);
            StoreException failure = new StoreException("store commit failed: " + e.getMessage(), e);
            round.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < round.size(); i++) {
            round.get(i).done().complete(outcomes.get(i));
        }
    }

    /** The prepared statements of one commit round. */
    private static final class Statements implements AutoCloseable {
        final PreparedStatement insertEvent;
        final PreparedStatement insertQuarantine;
        final PreparedStatement insertClock;
        final PreparedStatement readDevice;
        final PreparedStatement updateDevice;
        final PreparedStatement updateVersion;

        Statements(Connection c) throws SQLException {
            insertEvent = c.prepareStatement("INSERT OR IGNORE INTO events (device, seq, kind, wall_ms, boot_id, mono_ns, "
                    + "received_ms, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            insertQuarantine = c.prepareStatement("INSERT OR IGNORE INTO quarantine (device, seq, reason, received_ms, body) "
                    + "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM events WHERE device = ? AND seq = ?)");
            insertClock = c.prepareStatement("INSERT OR IGNORE INTO clock_samples VALUES (?, ?, ?, ?, ?, ?, ?)");
            readDevice = c.prepareStatement("SELECT watermark, max_seq FROM devices WHERE id = ?");
            updateDevice = c.prepareStatement("UPDATE devices SET watermark = ?, max_seq = ?, events_stored = events_stored + ?, "
                    + "quarantined = quarantined + ?, last_seen_ms = max(last_seen_ms, ?) WHERE id = ?");
            updateVersion = c.prepareStatement("UPDATE devices SET app_version = ? WHERE id = ?");
        }

        @Override
        public void close() throws SQLException {
            insertEvent.close();
            insertQuarantine.close();
            insertClock.close();
            readDevice.close();
            updateDevice.close();
            updateVersion.close();
        }
    }

    private IngestOutcome apply(Statements st, IngestBatch batch, String appVersion) throws SQLException {
        long device = deviceRowId(batch.deviceId(), batch.receivedMs());
        if (appVersion != null) {
            st.updateVersion.setString(1, appVersion);
            st.updateVersion.setLong(2, device);
            st.updateVersion.executeUpdate();
        }
        int stored = 0;
        if (!batch.events().isEmpty()) {
            for (IncomingEvent e : batch.events()) {
                st.insertEvent.setLong(1, device);
                st.insertEvent.setLong(2, e.seq());
                st.insertEvent.setInt(3, e.kind());
                st.insertEvent.setLong(4, e.wallMs());
                st.insertEvent.setBytes(5, e.bootId());
                st.insertEvent.setLong(6, e.monoNs());
                st.insertEvent.setLong(7, batch.receivedMs());
                st.insertEvent.setBytes(8, e.body());
                st.insertEvent.addBatch();
            }
            for (int count : st.insertEvent.executeBatch()) {
                stored += count > 0 ? 1 : 0;
            }
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
        for (ClockMeasurementRow c : batch.clockSamples()) {
            st.insertClock.setLong(1, device);
            st.insertClock.setBytes(2, c.bootId());
            st.insertClock.setLong(3, c.monoNs());
            st.insertClock.setLong(4, c.t0());
            st.insertClock.setLong(5, c.t1());
            st.insertClock.setLong(6, c.t2());
            st.insertClock.setLong(7, c.t3());
            st.insertClock.executeUpdate();
        }
        long watermark;
        long maxSeq;
        st.readDevice.setLong(1, device);
        try (ResultSet rs = st.readDevice.executeQuery()) {
            rs.next();
            watermark = rs.getLong(1);
            maxSeq = rs.getLong(2);
        }
        long[] seqs = new long[batch.events().size() + batch.quarantined().size()];
        int n = 0;
        for (IncomingEvent e : batch.events()) {
            seqs[n++] = e.seq();
        }
        for (QuarantinedEvent q : batch.quarantined()) {
            seqs[n++] = q.seq();
        }
        java.util.Arrays.sort(seqs);
        long newWatermark = advance(watermark, seqs);
        long newMax = Math.max(maxSeq, n == 0 ? 0 : seqs[n - 1]);
        if (maxSeq > newWatermark) {
            // Events above the old watermark arrived earlier (out of order): they may now be contiguous.
            newWatermark = advanceFromStore(device, newWatermark);
        }
        st.updateDevice.setLong(1, newWatermark);
        st.updateDevice.setLong(2, newMax);
        st.updateDevice.setLong(3, stored);
        st.updateDevice.setLong(4, quarantined);
        st.updateDevice.setLong(5, batch.receivedMs());
        st.updateDevice.setLong(6, device);
        st.updateDevice.executeUpdate();
        return new IngestOutcome(stored, batch.events().size() - stored, quarantined, newWatermark);
    }

    private static long advance(long watermark, long[] sortedSeqs) {
        long w = watermark;
        for (long s : sortedSeqs) {
            if (s == w + 1) {
                w = s;
            } else if (s > w + 1) {
                break;
            }
        }
        return w;
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
        // Through the writer like any batch: SQLite has one writer, and a second one would only wait for the lock.
        submit(new IngestBatch(deviceId, List.of(), List.of(), List.of(), seenMs), appVersion);
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
                    + "quarantined, app_version, last_seen_ms FROM devices " + where + " ORDER BY device_id")) {
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
                                rs.getLong(6), rs.getString(7), rs.getLong(8)));
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
    public void close() {
        closed = true;
        try {
            writerThread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            reader.close();
            writer.close();
        } catch (SQLException e) {
            LOG.warn("Closing store {}: {}", file, e.getMessage());
        }
    }
}
