package vn.kiosk06.client.journal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import vn.kiosk06.client.clock.DeviceClock;
import vn.kiosk06.client.files.OwnerOnly;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.wire.ChainKey;
import vn.kiosk06.wire.EventChain;
import vn.kiosk06.wire.EventRules;

/**
 * The device's durable event journal: a SQLite file in WAL mode with {@code synchronous=FULL}.
 *
 * <p>An append returns only after the transaction holding the event is committed and fsynced, and the event's
 * seq is assigned inside that same transaction, so seqs are dense and a crash (kill -9, power cut) leaves
 * either the whole event or none of it. One writer thread owns the write connection and commits every append
 * waiting at that moment in one transaction (group commit), so concurrent appenders share fsyncs.
 *
 * <p>Tamper evidence: each event carries {@code prev_hash}, the link to the previous event's committed bytes (their
 * SHA-256, or on an enrolled device the HMAC of that under its {@link ChainKey}, so rewriting the chain needs the
 * credential; over 32 zero bytes for seq 1), set by the writer thread when it assigns the seq, so the chain follows the only order
 * that exists. The hash of the last event is kept in memory and in {@code journal_meta}'s {@code chain_head} row
 * (a 32-byte value beside {@code last_seq}, updated in the same transaction and on the same page, so it costs no
 * extra page write per commit), so it survives a restart even after every event has been purged.
 *
 * <p>Events are never dropped before the server acked them: when the configured disk limit is reached, acked
 * events are purged early and, if that is not enough, appends fail with {@link JournalFullException}.
 *
 * <p>Thread-safe: any thread may append; reads use their own connection.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    private static final long REMEASURE_AFTER_BYTES = 1 << 20;
    /** journal_meta key: set by a salvage, removed once a handshake told the server's highest seq. */
    static final String UNCONFIRMED_FROM = "unconfirmed_from";

    private final Path file;
    private final JournalSettings settings;
    private final DeviceClock clock;
    private final JournalStorage storage;
    private final long maxPageCount; // 0: SQLite's default; tests cap the file to force SQLITE_FULL
    private Connection writer;      // writer thread only after start; replaced after a failed write
    private final Connection reader;
    private final BlockingQueue<Work> queue = new LinkedBlockingQueue<>(1 << 16);
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final Thread writerThread;
    private volatile long lastSeq;
    private volatile long ackedThrough;
    private volatile boolean closed;
    private volatile JournalSalvaged salvage;
    private volatile JournalFullException refusal; // the last append refused for space, until an append succeeds
    private volatile long unconfirmedFrom; // after a salvage: first seq numbered blind to the server's; 0 when settled
    private long lastMeasured = -1; // writer thread only: usedBytes() at the last measurement, -1 before the first
    private long sinceMeasured;     // writer thread only: estimated bytes appended since then
    private ByteString chainHead;   // writer thread only: digest (SHA-256) of the last event; the next prev_hash is its link
    private final EventChain chain; // writer thread only: keyed when the device is enrolled

    private sealed interface Work permits Append, Command, Stop {
    }

    private record Append(Event stamped, CompletableFuture<Long> done) implements Work {
    }

    private record Command(SqlAction action, CompletableFuture<Object> done) implements Work {
    }

    private record Stop() implements Work {
    }

    @FunctionalInterface
    private interface SqlAction {
        Object run() throws SQLException;
    }

    /** The writer's thread on a device: a daemon platform thread of its own. */
    private static final ThreadFactory WRITER_THREAD = r -> {
        Thread t = new Thread(r, "journal-writer");
        t.setDaemon(true);
        return t;
    };

    private Journal(Path file, JournalSettings settings, DeviceClock clock, JournalStorage storage, long maxPageCount,
                    Optional<ChainKey> chainKey, ThreadFactory threads) throws SQLException {
        this.file = file;
        this.chain = new EventChain(chainKey);
        this.settings = settings;
        this.clock = clock;
        this.storage = storage;
        this.maxPageCount = maxPageCount;
        this.writer = openWriter();
        createSchema(writer);
        this.reader = open(file);
        this.lastSeq = meta("last_seq");
        this.ackedThrough = meta("acked_through");
        this.unconfirmedFrom = meta(UNCONFIRMED_FROM);
        this.chainHead = loadChainHead();
        this.writerThread = threads.newThread(this::writeLoop);
        this.writerThread.start();
    }

    /**
     * A chain for sending this journal's events ({@link EventChain#forTheWire}) in the same mode as it links them;
     * a new instance for the caller's thread. {@code keyed()} is what the batch's {@code chain_keyed} says.
     */
    public EventChain wireChain() {
        return new EventChain(chain.key());
    }

    /** Opens (creating if needed) the journal at {@code file}, with a plain (unkeyed) chain: no device credential. */
    public static Journal open(Path file, JournalSettings settings, DeviceClock clock) {
        return open(file, settings, clock, Optional.empty());
    }

    /**
     * Opens (creating if needed) the journal at {@code file}; events from now on are chained with HMAC links under
     * {@code chainKey} when present (an enrolled device), plain SHA-256 links otherwise. A journal whose earlier events
     * were chained plain goes on keyed from its next event: the server accepts plain links until a device's first
     * keyed one.
     */
    public static Journal open(Path file, JournalSettings settings, DeviceClock clock, Optional<ChainKey> chainKey) {
        return open(file, settings, clock, chainKey, WRITER_THREAD);
    }

    /**
     * As above, with the writer on a thread of {@code threads}: a device has one journal and gives it a platform
     * thread; the fleet simulator, with thousands of journals in one process, gives each a virtual thread.
     */
    public static Journal open(Path file, JournalSettings settings, DeviceClock clock, Optional<ChainKey> chainKey,
                               ThreadFactory threads) {
        return open(file, settings, clock, null, 0, chainKey, threads);
    }

    static Journal open(Path file, JournalSettings settings, DeviceClock clock, JournalStorage storage, long maxPageCount) {
        return open(file, settings, clock, storage, maxPageCount, Optional.empty());
    }

    /** As {@link #open(Path, JournalSettings, DeviceClock)}, on {@code storage}, with the file capped at {@code maxPageCount} pages (tests). */
    static Journal open(Path file, JournalSettings settings, DeviceClock clock, JournalStorage storage, long maxPageCount,
                        Optional<ChainKey> chainKey) {
        return open(file, settings, clock, storage, maxPageCount, chainKey, WRITER_THREAD);
    }

    private static Journal open(Path file, JournalSettings settings, DeviceClock clock, JournalStorage storage,
                                long maxPageCount, Optional<ChainKey> chainKey, ThreadFactory threads) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            OwnerOnly.directories(parent);
            OwnerOnly.database(file);
            Optional<JournalSalvaged> salvage = new JournalSalvage(file.toAbsolutePath())
                    .salvageIfDamaged(Instant.ofEpochMilli(clock.wallTimeMillis()));
            Journal journal = new Journal(file, settings, clock, storage != null ? storage : JournalStorage.of(parent),
                    maxPageCount, chainKey, threads);
            salvage.ifPresent(journal::recordSalvage);
            return journal;
        } catch (SQLException | IOException e) {
            throw new JournalException("cannot open journal " + file + ": " + e.getMessage(), e);
        }
    }

    private Connection openWriter() throws SQLException {
        Connection c = open(file);
        if (maxPageCount > 0) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count=" + maxPageCount);
            }
            c.commit();
        }
        return c;
    }

    /** Journals what a salvage at start found, so it reaches the server beside the gap it explains. */
    private void recordSalvage(JournalSalvaged salvage) {
        this.salvage = salvage;
        try {
            long seq = append(Event.newBuilder().setJournalSalvaged(salvage).build());
            LOG.warn("Recorded the journal salvage as seq {}", seq);
        } catch (JournalException e) {
            LOG.error("Could not record the journal salvage as an event ({}); the status page still shows it", e.getMessage());
        }
    }

    /** What a salvage found when this journal opened; empty when the journal was healthy. */
    public Optional<JournalSalvaged> salvaged() {
        return Optional.ofNullable(salvage);
    }

    private static Connection open(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            // FULL: in WAL mode every commit fsyncs the WAL, so a committed append survives a power cut.
            s.execute("PRAGMA synchronous=FULL");
            s.execute("PRAGMA busy_timeout=5000");
        }
        c.setAutoCommit(false);
        return c;
    }

    static void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, body BLOB NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS journal_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS ack_log (acked_through INTEGER NOT NULL, acked_at_ms INTEGER NOT NULL)");
            s.execute("INSERT OR IGNORE INTO journal_meta VALUES ('last_seq', 0), ('acked_through', 0)");
            // ('chain_head', <32-byte blob>) joins these at the first append: SQLite keeps a blob as a blob in an
            // INTEGER column. Its absence marks a journal written before the hash chain existed.
        }
        c.commit();
    }

    /**
     * The digest the next event's prev_hash links to: the stored chain head (written with last_seq, so always its
     * digest; a plain chain's head is its own link, so a journal from before the keyed chain reads the same); else (a journal from before the chain) the hash of
     * the last row; 32 zero bytes for an empty journal; empty when the last event was purged before the chain
     * existed, so the chain starts again at the next event.
     */
    private ByteString loadChainHead() throws SQLException {
        try (PreparedStatement p = writer.prepareStatement("SELECT value FROM journal_meta WHERE key = 'chain_head'")) {
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return ByteString.copyFrom(rs.getBytes(1));
                }
            }
        }
        if (lastSeq == 0) {
            return ByteString.copyFrom(new byte[EventRules.PREV_HASH_BYTES]);
        }
        try (PreparedStatement p = writer.prepareStatement("SELECT body FROM events WHERE seq = ?")) {
            p.setLong(1, lastSeq);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? chain.hash(rs.getBytes(1)) : ByteString.EMPTY;
            }
        } finally {
            writer.commit();
        }
    }

    private long meta(String key) throws SQLException {
        try (PreparedStatement p = writer.prepareStatement("SELECT value FROM journal_meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /** Registers a callback run (on the writer thread, so keep it short) after appends are committed. */
    public void onAppend(Runnable listener) {
        appendListeners.add(listener);
    }

    /**
     * Stamps {@code content} with the device's clock (wall time, boot id, monotonic time) now, and queues it.
     * The future completes with the event's seq once it is durable, or fails with {@link JournalException}.
     *
     * @param content an event with its payload set and no envelope fields (the journal assigns those)
     * @throws InvalidEventException at once if the event breaks a rule; nothing is written
     */
    public CompletableFuture<Long> appendAsync(Event content) {
        if (content.getSeq() != 0 || content.getWallTimeMs() != 0 || !content.getBootId().isEmpty()
                || !content.getPrevHash().isEmpty()) {
            throw new InvalidEventException("seq, wall_time_ms, boot_id and prev_hash are assigned by the journal; "
                    + "leave them unset");
        }
        Event stamped = content.toBuilder()
                .setSchemaVersion(EventRules.SCHEMA_VERSION)
                .setWallTimeMs(clock.wallTimeMillis())
                .setBootId(ByteString.copyFrom(clock.bootId().toBytes()))
                .setMonotonicNanos(clock.monotonicNanos())
                .build();
        EventRules.checkContent(stamped).ifPresent(problem -> {
            throw new InvalidEventException(problem);
        });
        CompletableFuture<Long> done = new CompletableFuture<>();
        enqueue(new Append(stamped, done));
        return done;
    }

    /** Appends and waits until the event is durable; returns its seq. */
    public long append(Event content) {
        return await(appendAsync(content));
    }

    /** The highest seq committed so far (0 when empty). */
    public long lastSeq() {
        return lastSeq;
    }

    /** The highest seq the server has acked (every seq up to it is safe on the server). */
    public long ackedThrough() {
        return ackedThrough;
    }

    /** Events committed but not yet acked by the server. */
    public long backlog() {
        return lastSeq - ackedThrough;
    }

    /** The journal's file. */
    public Path file() {
        return file;
    }

    /** Up to {@code max} events with seq greater than {@code afterSeq}, ascending. */
    public List<JournaledEvent> readAfter(long afterSeq, int max) {
        synchronized (reader) {
            try (PreparedStatement p = reader.prepareStatement("SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
                p.setLong(1, afterSeq);
                p.setInt(2, max);
                List<JournaledEvent> out = new ArrayList<>(Math.min(max, 4096));
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(new JournaledEvent(rs.getLong(1), rs.getBytes(2)));
                    }
                }
                reader.commit(); // end the read transaction so the WAL can be checkpointed
                return out;
            } catch (SQLException e) {
                throw new JournalException("cannot read journal " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The event with {@code seq}, if it is still in the journal (not purged). */
    public Optional<JournaledEvent> read(long seq) {
        List<JournaledEvent> one = readAfter(seq - 1, 1);
        return one.isEmpty() || one.get(0).seq() != seq ? Optional.empty() : Optional.of(one.get(0));
    }

    /**
     * Records that the server holds every event up to {@code seq}. Acked events become eligible for purging after
     * the retention period. Ignores a seq at or below the current ack, and caps it at the last committed seq.
     */
    public void markAcked(long seq) {
        long through = Math.min(seq, lastSeq);
        if (through <= ackedThrough) {
            return;
        }
        long now = clock.wallTimeMillis();
        command(() -> {
            if (through <= ackedThrough) {
                return null;
            }
            try (PreparedStatement p = writer.prepareStatement("UPDATE journal_meta SET value = ? WHERE key = 'acked_through'");
                 PreparedStatement log = writer.prepareStatement("INSERT INTO ack_log VALUES (?, ?)")) {
                p.setLong(1, through);
                p.executeUpdate();
                log.setLong(1, through);
                log.setLong(2, now);
                log.executeUpdate();
            }
            writer.commit();
            ackedThrough = through;
            refusal = null; // the server's events make room for new ones at the next append
            return null;
        });
    }

    /**
     * After a salvage, the first seq this journal numbered without knowing the server's highest (0 when settled): the
     * sync worker names it in its handshake and calls {@link #continueAfter} with the answer before sending anything.
     */
    public long unconfirmedFrom() {
        return unconfirmedFrom;
    }

    /**
     * Settles a salvaged journal's numbering against the server's highest stored seq: if the server already holds
     * seqs the journal numbered after the salvage (the salvage lost an acked tail), those events move up to follow it,
     * chained to {@code serverHash} (the server's last event's hash; empty: unknown). No seq is ever reused, and the
     * moved events were never sent, so nothing on the server changes. Does nothing when nothing is unconfirmed.
     */
    public void continueAfter(long serverHighest, ByteString serverHash) {
        if (unconfirmedFrom == 0) {
            return;
        }
        command(() -> {
            long from = unconfirmedFrom;
            if (from == 0) {
                return null;
            }
            SeqRebase moved = null;
            ByteString head = chainHead;
            if (serverHighest >= from) {
                moved = SeqRebase.after(serverHighest, from);
                head = renumber(moved, serverHash);
            }
            try (PreparedStatement p = writer.prepareStatement("DELETE FROM journal_meta WHERE key = ?")) {
                p.setString(1, UNCONFIRMED_FROM);
                p.executeUpdate();
            }
            writer.commit();
            unconfirmedFrom = 0;
            if (moved != null) {
                lastSeq = Math.max(moved.moved(lastSeq), serverHighest);
                chainHead = head;
                LOG.warn("The salvaged journal had lost events the server holds up to seq {}: events from seq {} on "
                        + "now follow it (moved up by {}); no seq is reused", serverHighest, from, moved.shift());
            }
            return null;
        });
    }

    /**
     * Rewrites the events from {@code moved.from()} on under their new seqs, in the open transaction; returns the
     * chain head they leave (memory takes it only once the caller commits).
     */
    private ByteString renumber(SeqRebase moved, ByteString serverHash) throws SQLException {
        List<JournaledEvent> rows = new ArrayList<>();
        try (PreparedStatement p = writer.prepareStatement("SELECT seq, body FROM events WHERE seq >= ? ORDER BY seq")) {
            p.setLong(1, moved.from());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    rows.add(new JournaledEvent(rs.getLong(1), rs.getBytes(2)));
                }
            }
        }
        List<JournaledEvent> renumbered;
        try {
            renumbered = moved.apply(rows, serverHash, chain);
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("a journal row from seq " + moved.from() + " on is not an event: " + e.getMessage(), e);
        }
        // At least the server's highest, even if nothing was numbered after the salvage (its record failed to append).
        long newLast = Math.max(moved.moved(lastSeq), moved.from() + moved.shift() - 1);
        ByteString head = renumbered.isEmpty() ? (serverHash.isEmpty() ? chainHead : serverHash)
                : chain.hash(renumbered.get(renumbered.size() - 1).body());
        try (PreparedStatement del = writer.prepareStatement("DELETE FROM events WHERE seq >= ?");
             PreparedStatement insert = writer.prepareStatement("INSERT INTO events (seq, body) VALUES (?, ?)");
             PreparedStatement meta = writer.prepareStatement(
                     "INSERT OR REPLACE INTO journal_meta VALUES ('last_seq', ?), ('chain_head', ?)")) {
            del.setLong(1, moved.from());
            del.executeUpdate();
            for (JournaledEvent e : renumbered) {
                insert.setLong(1, e.seq());
                insert.setBytes(2, e.body());
                insert.addBatch();
            }
            insert.executeBatch();
            meta.setLong(1, newLast);
            meta.setBytes(2, head.toByteArray());
            meta.executeUpdate();
        }
        return head;
    }

    /** Deletes acked events whose ack is older than the retention period; returns how many were deleted. */
    public int purgeExpired() {
        long cutoff = clock.wallTimeMillis() - settings.retention().toMillis();
        return (Integer) command(() -> purgeAckedBefore(cutoff));
    }

    /** The journal's room now: its own size against its limit, the disk's free space against the reserve. */
    public JournalSpace space() {
        JournalFullException refused = refusal;
        return new JournalSpace(usedBytes(), settings.maxBytes(), storage.usableBytes(), settings.minFreeBytes(),
                settings.warnFreeBytes(), Optional.ofNullable(refused).map(Throwable::getMessage));
    }

    /** Disk the journal uses now, in bytes (live pages plus the write-ahead log). */
    public long usedBytes() {
        return (Long) command(this::measureUsedBytes);
    }

    private int purgeAckedBefore(long cutoffMs) throws SQLException {
        long through;
        try (PreparedStatement p = writer.prepareStatement("SELECT max(acked_through) FROM ack_log WHERE acked_at_ms <= ?")) {
            p.setLong(1, cutoffMs);
            try (ResultSet rs = p.executeQuery()) {
                through = rs.next() ? rs.getLong(1) : 0L;
            }
        }
        if (through <= 0) {
            return 0;
        }
        int deleted;
        try (PreparedStatement del = writer.prepareStatement("DELETE FROM events WHERE seq <= ?");
             PreparedStatement log = writer.prepareStatement("DELETE FROM ack_log WHERE acked_through < ?")) {
            del.setLong(1, through);
            deleted = del.executeUpdate();
            log.setLong(1, through);
            log.executeUpdate();
        }
        writer.commit();
        if (deleted > 0) {
            LOG.info("Purged {} acked events (seq ≤ {}) from the journal", deleted, through);
        }
        return deleted;
    }

    private long measureUsedBytes() throws SQLException {
        long pages;
        long free;
        long pageSize;
        try (Statement s = writer.createStatement()) {
            pages = single(s, "PRAGMA page_count");
            free = single(s, "PRAGMA freelist_count");
            pageSize = single(s, "PRAGMA page_size");
        }
        Path wal = Path.of(file.toAbsolutePath() + "-wal");
        long walBytes;
        try {
            walBytes = Files.exists(wal) ? Files.size(wal) : 0L;
        } catch (IOException e) {
            walBytes = 0L;
        }
        return (pages - free) * pageSize + walBytes;
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0L;
        }
    }

    private Object command(SqlAction action) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        enqueue(new Command(action, done));
        return await(done);
    }

    private void enqueue(Work work) {
        if (closed) {
            throw new JournalException("journal " + file + " is closed");
        }
        try {
            queue.put(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while queueing for the journal", e);
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JournalException("interrupted while waiting for the journal", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof JournalException je) {
                throw je;
            }
            throw new JournalException(String.valueOf(e.getCause().getMessage()), e.getCause());
        }
    }

    private void writeLoop() {
        List<Work> group = new ArrayList<>();
        List<Append> appends = new ArrayList<>();
        try {
            while (true) {
                group.add(queue.take());
                queue.drainTo(group, settings.maxGroup() - 1);
                boolean stop = false;
                for (Work w : group) {
                    if (w instanceof Append a) {
                        appends.add(a);
                    } else if (w instanceof Command c) {
                        runCommand(c);
                    } else {
                        stop = true;
                    }
                }
                if (!appends.isEmpty()) {
                    commitAppends(appends);
                }
                group.clear();
                appends.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failPending();
        }
    }

    private void runCommand(Command c) {
        try {
            c.done().complete(c.action().run());
        } catch (SQLException | RuntimeException e) {
            reloadCommitted();
            c.done().completeExceptionally(new JournalException("journal " + file + ": " + e.getMessage(), e));
        }
    }

    private void commitAppends(List<Append> appends) {
        try {
            long[] seqs;
            try {
                seqs = insert(appends);
            } catch (JournalFullException e) {
                throw e; // refused before anything was written
            } catch (SQLException | RuntimeException e) {
                // Whatever part of the group reached the file is undone: seq and chain head go back to what is committed.
                reloadCommitted();
                if (!isOutOfSpace(e) || !freedAckedSpace()) {
                    throw e;
                }
                LOG.info("The disk filled; made room from events the server already holds and wrote again");
                seqs = insert(appends);
            }
            refusal = null;
            for (int i = 0; i < appends.size(); i++) {
                appends.get(i).done().complete(seqs[i]);
            }
        } catch (JournalFullException e) {
            refusal = e;
            appends.forEach(a -> a.done().completeExceptionally(e));
            return;
        } catch (SQLException | RuntimeException e) {
            reloadCommitted();
            JournalException failure;
            if (isOutOfSpace(e)) {
                JournalFullException full = storageFull(storage.usableBytes(), e);
                refusal = full;
                failure = full;
                LOG.warn("Journal write refused, the disk is full; {} appends refused, nothing committed: {}",
                        appends.size(), e.getMessage());
            } else {
                failure = new JournalException("cannot write to journal " + file + ": " + e.getMessage(), e);
                LOG.error("Journal write failed; {} appends refused, nothing committed", appends.size(), e);
            }
            appends.forEach(a -> a.done().completeExceptionally(failure));
            return;
        }
        for (Runnable listener : appendListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("Journal append listener failed", e);
            }
        }
    }

    /** Writes the group in one transaction and returns its seqs; memory moves on only once it is committed. */
    private long[] insert(List<Append> appends) throws SQLException {
        ensureSpace(appends);
        long seq = lastSeq;
        long[] seqs = new long[appends.size()];
        ByteString head = chainHead;
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO events (seq, body) VALUES (?, ?)");
             // One statement for both: the chain head always belongs to last_seq, and an append costs no more
             // statements than before the chain.
             PreparedStatement meta = writer.prepareStatement(
                     "INSERT OR REPLACE INTO journal_meta VALUES ('last_seq', ?), ('chain_head', ?)")) {
            for (int i = 0; i < appends.size(); i++) {
                seq++;
                seqs[i] = seq;
                byte[] body = appends.get(i).stamped().toBuilder().setSeq(seq).setPrevHash(chain.link(head)).build()
                        .toByteArray();
                // The next event's prev_hash links to the hash of exactly these bytes: what the journal keeps and sends.
                head = chain.hash(body);
                insert.setLong(1, seq);
                insert.setBytes(2, body);
                insert.addBatch();
            }
            insert.executeBatch();
            meta.setLong(1, seq);
            meta.setBytes(2, head.toByteArray());
            meta.executeUpdate();
        }
        writer.commit();
        lastSeq = seq;
        chainHead = head; // only once committed: a rolled-back group leaves the chain where it was
        return seqs;
    }

    /** Whether purging acked events freed anything (then a write that found the disk full may succeed now). */
    private boolean freedAckedSpace() {
        try {
            return freeAckedSpace() > 0;
        } catch (SQLException e) {
            reloadCommitted();
            return false;
        }
    }

    private void ensureSpace(List<Append> appends) throws SQLException {
        long incoming = 0;
        for (Append a : appends) {
            incoming += a.stamped().getSerializedSize() + 64L;
        }
        ensureFreeDisk(incoming);
        ensureWithinLimit(incoming);
    }

    /**
     * Refuses the group while the disk would drop below the reserve the OS and its logs need. One statvfs per commit
     * (microseconds, beside an fsync); pages the journal already holds but no longer uses count as free, since
     * events written into them take nothing more from the disk.
     */
    private void ensureFreeDisk(long incoming) throws SQLException {
        if (storage.usableBytes() - incoming >= settings.minFreeBytes()) {
            return;
        }
        freeAckedSpace();
        long free = storage.usableBytes();
        if (free + reusableBytes() - incoming < settings.minFreeBytes()) {
            throw storageFull(free, null);
        }
    }

    private JournalFullException storageFull(long freeBytes, Throwable cause) {
        return new JournalFullException(String.format(
                "the device's storage is full: %d MiB free on its disk, %d MiB are kept for the system; "
                        + "%d events waiting for the server (nothing logged was dropped). New events are refused "
                        + "until space returns: let the device sync (events the server holds are then removed) "
                        + "or free space on the card (old logs, copied files)",
                freeBytes >> 20, settings.minFreeBytes() >> 20, backlog()), cause);
    }

    /** Bytes of pages the journal file holds but no longer uses (deleted rows). */
    private long reusableBytes() throws SQLException {
        try (Statement s = writer.createStatement()) {
            return single(s, "PRAGMA freelist_count") * single(s, "PRAGMA page_size");
        }
    }

    /** SQLITE_FULL, or an I/O error while the disk is (nearly) out of space: ENOSPC on the write-ahead log. */
    private boolean isOutOfSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                int primary = s.getResultCode().code & 0xff;
                if (primary == SQLiteErrorCode.SQLITE_FULL.code) {
                    return true;
                }
                if (primary == SQLiteErrorCode.SQLITE_IOERR.code) {
                    // With no reserve configured, "out of space" still means less than a write-ahead log's worth.
                    return storage.usableBytes() < Math.max(settings.minFreeBytes(), 4L << 20);
                }
            }
        }
        return false;
    }

    /**
     * After a failed write: a fresh connection, and seq, ack and chain head as committed. SQLite may already have
     * rolled the transaction back itself (SQLITE_FULL does), which leaves the driver's connection outside any
     * transaction, so later statements would each commit on their own; a new connection cannot carry that state.
     */
    private void reloadCommitted() {
        lastMeasured = -1;
        try {
            writer.close();
        } catch (SQLException e) {
            LOG.debug("Closing the failed journal connection: {}", e.getMessage());
        }
        try {
            writer = openWriter();
            lastSeq = meta("last_seq");
            ackedThrough = meta("acked_through");
            unconfirmedFrom = meta(UNCONFIRMED_FROM);
            chainHead = loadChainHead();
            writer.commit();
        } catch (SQLException e) {
            // Nothing newer can have been committed than what memory holds; the next write tries again.
            LOG.warn("Cannot reopen journal {} after a failed write: {}", file, e.getMessage());
        }
    }

    private void ensureWithinLimit(long incoming) throws SQLException {
        // Measuring (three PRAGMAs and two file stats) costs as much as a small group's inserts, so it is done once
        // per REMEASURE_AFTER_BYTES of appended events while far from the limit, and at every commit near it.
        if (lastMeasured >= 0 && sinceMeasured + incoming < REMEASURE_AFTER_BYTES
                && lastMeasured + 4 * REMEASURE_AFTER_BYTES <= settings.maxBytes()) {
            sinceMeasured += incoming;
            return;
        }
        lastMeasured = measureUsedBytes();
        sinceMeasured = incoming;
        if (lastMeasured + incoming <= settings.maxBytes()) {
            return;
        }
        freeAckedSpace();
        long used = measureUsedBytes();
        lastMeasured = used;
        if (used + incoming > settings.maxBytes()) {
            throw new JournalFullException(String.format(
                    "journal is full: %d MiB used of the %d MiB limit, %d events waiting for the server; "
                            + "new events are refused until the device syncs (nothing logged was dropped)",
                    used >> 20, settings.maxBytes() >> 20, backlog()));
        }
    }

    /** Acked events are already safe on the server: gives their space back before anything new is refused. */
    private int freeAckedSpace() throws SQLException {
        int deleted = purgeAckedBefore(Long.MAX_VALUE);
        // The deleted rows' pages are free now, but the write-ahead log still holds their frames: fold it into
        // the database and truncate it, or the space would only come back at the next automatic checkpoint.
        // (A checkpoint cannot run inside a transaction, and with auto-commit off the driver always holds one.)
        writer.setAutoCommit(true);
        try (Statement s = writer.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } finally {
            writer.setAutoCommit(false);
        }
        return deleted;
    }

    private void failPending() {
        JournalException closedError = new JournalException("journal " + file + " is closed");
        for (Work w; (w = queue.poll()) != null; ) {
            if (w instanceof Append a) {
                a.done().completeExceptionally(closedError);
            } else if (w instanceof Command c) {
                c.done().completeExceptionally(closedError);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            queue.put(new Stop());
            closed = true;
            writerThread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            reader.close();
            writer.close();
        } catch (SQLException e) {
            LOG.warn("Closing journal {}: {}", file, e.getMessage());
        }
    }

    /** Unwraps a failed append future's cause for callers that used {@link #appendAsync}. */
    public static RuntimeException unwrap(Throwable t) {
        Throwable cause = t instanceof CompletionException || t instanceof ExecutionException ? t.getCause() : t;
        return cause instanceof RuntimeException re ? re : new JournalException(String.valueOf(cause), cause);
    }
}
