package vn.kiosk06.client.journal;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import vn.kiosk06.client.files.OwnerOnly;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.proto.sync.v1.SeqRange;
import vn.kiosk06.wire.EventChain;

/**
 * Keeps a damaged journal from taking the device down. At start, a journal that fails SQLite's integrity check (or
 * cannot be opened because it is corrupt) is kept intact under a name with the time
 * ({@code journal.db.damaged-20261204-052900}, its write-ahead log beside it as {@code …-wal}, so a technician can open
 * the pair with sqlite3), every event that can still be read is carried into a fresh journal in seq order with its
 * original bytes, and the fresh journal continues after the highest seq known, so no seq is ever reused: seqs it
 * numbers from there on stay unconfirmed until the server's highest is known, and move up past it if the salvage lost
 * events the server already held ({@link Journal#continueAfter}). What was salvaged and which seq ranges were lost is
 * returned for the journal to record as an event.
 *
 * <p>Crash-safe: the damaged files are hard-linked aside (no copy, no extra space) and a marker naming them is written
 * before the damaged journal is removed; a start that finds the marker salvages again from the kept files.
 *
 * <p>Used once, at start, before the journal opens; not thread-safe.
 */
public final class JournalSalvage {

    private static final Logger LOG = LoggerFactory.getLogger(JournalSalvage.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final int MAX_REASON = 64;

    private final Path file;

    JournalSalvage(Path file) {
        this.file = file;
    }

    /**
     * Salvages the journal if it is damaged (or a salvage was interrupted); empty when it is healthy or absent.
     *
     * @param now wall time, for the kept file's name
     */
    Optional<JournalSalvaged> salvageIfDamaged(Instant now) {
        try {
            Path marker = sibling(".salvage");
            if (Files.exists(marker)) {
                Path kept = file.resolveSibling(Files.readString(marker, StandardCharsets.UTF_8).trim());
                LOG.warn("A salvage of journal {} was interrupted; salvaging again from {}", file, kept);
                return Optional.of(salvage(kept, "an interrupted salvage, resumed"));
            }
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Optional<String> damage = check();
            if (damage.isEmpty()) {
                return Optional.empty();
            }
            Path kept = sibling(".damaged-" + STAMP.format(now));
            LOG.error("Journal {} is damaged ({}); keeping it as {} and salvaging what can be read", file, damage.get(), kept);
            keepAside(kept);
            Files.writeString(marker, kept.getFileName().toString(), StandardCharsets.UTF_8);
            return Optional.of(salvage(kept, damage.get()));
        } catch (IOException | SQLException e) {
            throw new JournalException("journal " + file + " is damaged and could not be salvaged: " + e.getMessage()
                    + "; the damaged files are kept beside it for a technician", e);
        }
    }

    /** SQLite's verdict on the journal, read-only so the check changes nothing; empty when it is healthy. */
    private Optional<String> check() throws SQLException {
        try (Connection c = readOnly(file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            return "ok".equals(first) ? Optional.empty() : Optional.of("integrity check: " + first);
        } catch (SQLiteException e) {
            if (isCorrupt(e)) {
                return Optional.of(e.getMessage());
            }
            throw e;
        }
    }

    static boolean isCorrupt(SQLiteException e) {
        int primary = e.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
    }

    private void keepAside(Path kept) throws IOException {
        link(file, kept);
        Path wal = sibling("-wal");
        if (Files.exists(wal)) {
            link(wal, Path.of(kept + "-wal"));
        }
    }

    /** A second name for the same bytes; a copy where the filesystem has no hard links. */
    private static void link(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private JournalSalvaged salvage(Path kept, String reason) throws IOException, SQLException {
        // The damaged journal's own names go: from here on only the kept files are read, and the fresh journal
        // must not meet the old write-ahead log (SQLite would replay it into the new file).
        Files.deleteIfExists(sibling("-wal"));
        Files.deleteIfExists(sibling("-shm"));
        Files.deleteIfExists(file);
        Readable readable = readWithHeaderRepair(kept);
        if (readable.rows().isEmpty() && readable.metaLastSeq().isEmpty()) {
            // Starting again at seq 1 would reuse seqs the server already holds (it would take the new events for
            // replays); only a technician can tell where this device stood.
            throw new IOException("nothing in it can be read, not even its last seq, so a fresh journal could not "
                    + "continue its seq numbers (" + reason + ")");
        }
        Path fresh = sibling(".salvage-new");
        Files.deleteIfExists(fresh);
        Files.deleteIfExists(Path.of(fresh + "-wal"));
        OwnerOnly.database(fresh);
        long lastSeq = readable.lastSeq();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + fresh.toAbsolutePath())) {
            c.setAutoCommit(false);
            Journal.createSchema(c);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO events (seq, body) VALUES (?, ?)")) {
                for (var row : readable.rows().entrySet()) {
                    insert.setLong(1, row.getKey());
                    insert.setBytes(2, row.getValue());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement meta = c.prepareStatement("INSERT OR REPLACE INTO journal_meta VALUES (?, ?)")) {
                meta.setString(1, "last_seq");
                meta.setLong(2, lastSeq);
                meta.executeUpdate();
                meta.setString(1, "acked_through");
                meta.setLong(2, Math.min(readable.ackedThrough().orElse(0), lastSeq));
                meta.executeUpdate();
                // What was lost may include events the server already acked, beyond the highest seq read here: the
                // seqs from here on stay unconfirmed until a handshake tells the server's highest (Journal.continueAfter).
                meta.setString(1, Journal.UNCONFIRMED_FROM);
                meta.setLong(2, lastSeq + 1);
                meta.executeUpdate();
                Optional<ByteString> head = readable.chainHead(lastSeq);
                if (head.isPresent()) {
                    meta.setString(1, "chain_head");
                    meta.setBytes(2, head.get().toByteArray());
                    meta.executeUpdate();
                }
            }
            c.commit();
        }
        Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(sibling(".salvage"));
        List<SeqRange> lost = readable.lost(lastSeq);
        LOG.error("Journal salvaged: {} events carried into a fresh journal, lost {}; the damaged journal is kept as {}",
                readable.rows().size(), lost.isEmpty() ? "none" : describe(lost), kept.getFileName());
        return JournalSalvaged.newBuilder().setSalvaged(readable.rows().size()).addAllLost(lost)
                .setDamagedFile(kept.getFileName().toString()).setReason(printable(reason)).build();
    }

    /**
     * What could be read from a damaged journal.
     *
     * @param rows         events by seq, with the bytes as journaled
     * @param metaLastSeq  journal_meta's last_seq, if readable
     * @param ackedThrough journal_meta's acked_through, if readable
     * @param metaHead     journal_meta's chain_head, if readable
     */
    private record Readable(TreeMap<Long, byte[]> rows, OptionalLong metaLastSeq, OptionalLong ackedThrough,
                            Optional<ByteString> metaHead) {

        /** The highest seq known: the journal's own count, or the last event read if that is higher or unreadable. */
        long lastSeq() {
            long read = rows.isEmpty() ? 0 : rows.lastKey();
            return Math.max(read, metaLastSeq.orElse(0));
        }

        /** The next event's prev_hash: the hash of the last event if it was read, else the stored head if it is its. */
        Optional<ByteString> chainHead(long lastSeq) {
            if (lastSeq == 0) {
                return Optional.of(ByteString.copyFrom(new byte[32]));
            }
            if (rows.containsKey(lastSeq)) {
                return Optional.of(new EventChain().hash(rows.get(lastSeq)));
            }
            return metaLastSeq.isPresent() && metaLastSeq.getAsLong() == lastSeq ? metaHead : Optional.empty();
        }

        /** Seqs after the server's ack (or the first event read) up to {@code lastSeq} that were not read. */
        List<SeqRange> lost(long lastSeq) {
            long from = ackedThrough.isPresent() ? ackedThrough.getAsLong() + 1 : rows.isEmpty() ? lastSeq + 1 : rows.firstKey();
            List<SeqRange> out = new ArrayList<>();
            long gapStart = -1;
            for (long seq = from; seq <= lastSeq; seq++) {
                boolean missing = !rows.containsKey(seq);
                if (missing && gapStart < 0) {
                    gapStart = seq;
                } else if (!missing && gapStart >= 0) {
                    out.add(SeqRange.newBuilder().setFirst(gapStart).setLast(seq - 1).build());
                    gapStart = -1;
                }
            }
            if (gapStart >= 0) {
                out.add(SeqRange.newBuilder().setFirst(gapStart).setLast(lastSeq).build());
            }
            return out;
        }
    }

    /**
     * Reads the kept journal; if its file header (the first 100 bytes) is what is damaged, SQLite sees no database at
     * all, so the reading is done again on a copy whose header is rebuilt from a fresh journal's (page size kept).
     */
    private Readable readWithHeaderRepair(Path kept) throws IOException, SQLException {
        Readable readable = read(kept);
        if (!readable.rows().isEmpty() || readable.metaLastSeq().isPresent()) {
            return readable;
        }
        Path copy = Path.of(kept + ".repairing");
        Path copyWal = Path.of(copy + "-wal");
        try {
            Files.copy(kept, copy, StandardCopyOption.REPLACE_EXISTING);
            if (Files.exists(Path.of(kept + "-wal"))) {
                Files.copy(Path.of(kept + "-wal"), copyWal, StandardCopyOption.REPLACE_EXISTING);
            }
            rebuildHeader(copy);
            return read(copy);
        } finally {
            Files.deleteIfExists(copyWal);
            Files.deleteIfExists(Path.of(copy + "-shm"));
            Files.deleteIfExists(copy);
        }
    }

    private void rebuildHeader(Path copy) throws IOException, SQLException {
        Path template = sibling(".header-template");
        Files.deleteIfExists(template);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + template.toAbsolutePath())) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
            }
            c.setAutoCommit(false);
            Journal.createSchema(c);
        }
        byte[] header;
        try (var in = Files.newInputStream(template)) {
            header = in.readNBytes(100);
        } finally {
            Files.deleteIfExists(Path.of(template + "-wal"));
            Files.deleteIfExists(Path.of(template + "-shm"));
            Files.deleteIfExists(template);
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        try (FileChannel f = FileChannel.open(copy, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer old = ByteBuffer.allocate(100);
            f.read(old, 0);
            int oldSize = Short.toUnsignedInt(old.getShort(16));
            int pageSize = oldSize == 1 ? 65536 : oldSize;
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                pageSize = Short.toUnsignedInt(h.getShort(16)) == 1 ? 65536 : Short.toUnsignedInt(h.getShort(16));
            }
            h.putShort(16, (short) (pageSize == 65536 ? 1 : pageSize));
            h.putInt(28, (int) (f.size() / pageSize));  // database size in pages, valid because of the next two
            h.putInt(92, h.getInt(24));                 // version-valid-for = change counter
            h.putInt(32, 0);                             // no free-page list: leaked pages do not matter for reading
            h.putInt(36, 0);
            f.write(ByteBuffer.wrap(header), 0);
        }
    }

    /**
     * Reads every event it can: forward from the first until a damaged page stops the scan, backward from the last
     * likewise, and one by one in between (a lookup by seq only touches the pages on its own path, so it reaches
     * events beyond a damaged leaf).
     */
    private static Readable read(Path kept) throws SQLException {
        TreeMap<Long, byte[]> rows = new TreeMap<>();
        Connection opened;
        try {
            opened = readOnly(kept);
        } catch (SQLiteException e) {
            if (!isCorrupt(e)) {
                throw e;
            }
            LOG.warn("Damaged journal {} does not open: {}", kept, e.getMessage());
            return new Readable(rows, OptionalLong.empty(), OptionalLong.empty(), Optional.empty());
        }
        try (Connection c = opened) {
            OptionalLong lastSeq = metaLong(c, "last_seq");
            OptionalLong acked = metaLong(c, "acked_through");
            Optional<ByteString> head = metaBlob(c, "chain_head");
            long forwardEnd = scan(c, "SELECT seq, body FROM events ORDER BY seq", rows);
            if (forwardEnd != Long.MAX_VALUE) {
                scan(c, "SELECT seq, body FROM events ORDER BY seq DESC", rows);
                long from = rows.isEmpty() ? acked.orElse(0) + 1 : Math.min(rows.firstKey(), forwardEnd + 1);
                long to = Math.max(lastSeq.orElse(0), rows.isEmpty() ? 0 : rows.lastKey());
                try (PreparedStatement one = c.prepareStatement("SELECT body FROM events WHERE seq = ?")) {
                    for (long seq = Math.max(from, 1); seq <= to; seq++) {
                        if (!rows.containsKey(seq)) {
                            lookup(one, seq, rows);
                        }
                    }
                } catch (SQLException e) {
                    LOG.warn("Journal lookups by seq impossible: {}", e.getMessage()); // the schema itself is unreadable
                }
            }
            return new Readable(rows, lastSeq, acked, head);
        }
    }

    /** Adds the rows a scan reaches; returns Long.MAX_VALUE if it read to the end, else the last seq read before it broke. */
    private static long scan(Connection c, String sql, TreeMap<Long, byte[]> rows) {
        long last = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                last = rs.getLong(1);
                byte[] body = rs.getBytes(2);
                if (parses(body)) {
                    rows.put(last, body);
                }
            }
            return Long.MAX_VALUE;
        } catch (SQLException e) {
            LOG.warn("Journal scan stopped after seq {}: {}", last, e.getMessage());
            return last;
        }
    }

    private static void lookup(PreparedStatement one, long seq, TreeMap<Long, byte[]> rows) {
        try {
            one.setLong(1, seq);
            try (ResultSet rs = one.executeQuery()) {
                if (rs.next()) {
                    byte[] body = rs.getBytes(1);
                    if (parses(body)) {
                        rows.put(seq, body);
                    }
                }
            }
        } catch (SQLException e) {
            LOG.debug("Journal seq {} unreadable: {}", seq, e.getMessage());
        }
    }

    /** A row whose bytes no longer parse as an event (a damaged cell) is as lost as an unreadable one. */
    private static boolean parses(byte[] body) {
        try {
            return body != null && Event.parseFrom(body).getSeq() > 0;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static OptionalLong metaLong(Connection c, String key) {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM journal_meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<ByteString> metaBlob(Connection c, String key) {
        try (PreparedStatement p = c.prepareStatement("SELECT value FROM journal_meta WHERE key = ?")) {
            p.setString(1, key);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    byte[] v = rs.getBytes(1);
                    return v != null && v.length == 32 ? Optional.of(ByteString.copyFrom(v)) : Optional.empty();
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static Connection readOnly(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), config.toProperties());
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** A sentence for the status page and a technician. */
    public static String describe(JournalSalvaged s) {
        return String.format("the journal was damaged at start (%s): %d events salvaged, %s; the damaged file is "
                        + "kept on the device as %s", s.getReason(), s.getSalvaged(),
                s.getLostCount() == 0 ? "none lost" : "lost " + describe(s.getLostList()), s.getDamagedFile());
    }

    static String describe(List<SeqRange> ranges) {
        List<String> parts = new ArrayList<>();
        for (SeqRange r : ranges) {
            parts.add(r.getFirst() == r.getLast() ? "seq " + r.getFirst() : "seq " + r.getFirst() + "–" + r.getLast());
        }
        return String.join(", ", parts);
    }

    /** One line, no digit run that could pass for an ID number, short enough for the event's rules. */
    private static String printable(String reason) {
        String line = reason.replaceAll("\\p{Cntrl}+", " ").replaceAll("\\d{9,}", "…").strip();
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON - 1) + "…" : line;
    }
}
