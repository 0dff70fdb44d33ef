package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.proto.sync.v1.SeqRange;

/**
 * A damaged journal does not take the device down: page-level damage on a copy of a real journal, then the journal
 * opens as the app opens it at start.
 */
class JournalSalvageTest {

    static final int EVENTS = 3000;
    static final int PAGE = 4096;

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));
    final List<Journal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Journal::close);
    }

    Journal open(Path file) {
        Journal j = Journal.open(file, JournalSettings.defaults(), clock);
        opened.add(j);
        return j;
    }

    /** A real journal: EVENTS payments, the first 500 acked by the server, closed (so it is all in journal.db). */
    Path realJournal() {
        Path file = dir.resolve("device/journal.db");
        try (Journal j = Journal.open(file, JournalSettings.defaults(), clock)) {
            for (int i = 0; i < EVENTS; i++) {
                j.appendAsync(JournalTest.payment(i));
            }
            j.append(JournalTest.reception());
            j.markAcked(500);
        }
        return file;
    }

    @Test
    void open_leafPageHeaderOverwritten_keepsTheFileAside_salvagesTheRest_andRecordsTheLostRange() throws Exception {
        Path file = realJournal();
        long last = EVENTS + 1;
        Leaf leaf = middleLeafOfEvents(file);
        overwrite(file, (long) (leaf.page() - 1) * PAGE, new byte[] {0x42, 0x42, 0x42, 0x42, 0x42, 0x42});
        String damagedSha = sha256(file);

        Journal journal = open(file);

        List<JournaledEvent> rows = journal.readAfter(0, 100_000);
        JournalSalvaged salvage = journal.salvaged().orElseThrow();
        SeqRange lost = SeqRange.newBuilder().setFirst(leaf.firstSeq()).setLast(leaf.lastSeq()).build();
        assertThat(salvage.getLostList()).containsExactly(lost);
        assertThat(salvage.getSalvaged()).isEqualTo(last - (leaf.lastSeq() - leaf.firstSeq() + 1));
        assertThat(salvage.getDamagedFile()).isEqualTo("journal.db.damaged-20260609-101320");
        assertThat(salvage.getReason()).startsWith("integrity check");
        assertThat(sha256(file.resolveSibling(salvage.getDamagedFile()))).as("kept intact for a technician")
                .isEqualTo(damagedSha);

        // Every readable event kept with its original bytes, in order; nothing but the damaged leaf is missing.
        assertThat(rows).extracting(JournaledEvent::seq)
                .doesNotContain(leaf.firstSeq(), leaf.lastSeq())
                .contains(1L, leaf.firstSeq() - 1, leaf.lastSeq() + 1, last);
        assertChainedRuns(rows);
        // The salvage is itself an event, after the highest seq: no seq is reused, and it goes to the server.
        JournaledEvent record = rows.get(rows.size() - 1);
        assertThat(record.seq()).isEqualTo(last + 1);
        assertThat(record.parse().getJournalSalvaged()).isEqualTo(salvage);
        assertThat(journal.ackedThrough()).isEqualTo(500);
        assertThat(journal.append(JournalTest.reception())).isEqualTo(last + 2);
        assertThat(Files.exists(file.resolveSibling("journal.db.salvage"))).isFalse();

        journal.close();
        Journal again = open(file);
        assertThat(again.salvaged()).as("the fresh journal is healthy: no second salvage").isEmpty();
        assertThat(again.lastSeq()).isEqualTo(last + 2);
    }

    @Test
    void open_rootPageOfTheEventsDamaged_losesOnlyTheUnackedEvents_visibly_andContinuesAfterTheHighestSeq() throws Exception {
        Path file = realJournal();
        long last = EVENTS + 1;
        overwrite(file, (long) (rootPage(file) - 1) * PAGE, new byte[] {0x42, 0x42, 0x42, 0x42, 0x42, 0x42});

        Journal journal = open(file);

        JournalSalvaged salvage = journal.salvaged().orElseThrow();
        assertThat(salvage.getSalvaged()).isZero();
        assertThat(salvage.getLostList()).as("acked events are safe on the server; the rest is a visible gap")
                .containsExactly(SeqRange.newBuilder().setFirst(501).setLast(last).build());
        assertThat(journal.lastSeq()).isEqualTo(last + 1);
        assertThat(journal.readAfter(0, 10)).extracting(JournaledEvent::seq).containsExactly(last + 1);
    }

    @Test
    void open_fileHeaderOverwritten_stillSalvagesEveryEvent() throws Exception {
        Path file = realJournal();
        long last = EVENTS + 1;
        overwrite(file, 0, new byte[] {0x42, 0x42, 0x42, 0x42, 0x42, 0x42});   // "SQLite format 3" is gone

        Journal journal = open(file);

        JournalSalvaged salvage = journal.salvaged().orElseThrow();
        assertThat(salvage.getLostList()).isEmpty();
        assertThat(salvage.getSalvaged()).isEqualTo(last);
        List<JournaledEvent> rows = journal.readAfter(0, 100_000);
        assertThat(rows).hasSize((int) last + 1);
        JournalDiskFullTest.assertDenseAndChained(rows);
        assertThat(journal.ackedThrough()).isEqualTo(500);
    }

    @Test
    void open_nothingReadable_refusesToStartRatherThanReuseSeqs_andKeepsTheFile() throws Exception {
        Path file = realJournal();
        byte[] noise = new byte[(int) Files.size(file)];
        java.util.Arrays.fill(noise, (byte) 0x42);
        overwrite(file, 0, noise);

        assertThatThrownBy(() -> open(file)).isInstanceOf(JournalException.class)
                .hasMessageContaining("could not continue its seq numbers")
                .hasMessageContaining("kept beside it for a technician");
        assertThat(Files.exists(file.resolveSibling("journal.db.damaged-20260609-101320"))).isTrue();
        assertThatThrownBy(() -> open(file)).as("and again at the next start, from the kept file")
                .isInstanceOf(JournalException.class);
    }

    @Test
    void open_walTailTornMidFrame_opensWithoutSalvage_withEveryEarlierCommit() throws Exception {
        Path live = dir.resolve("live/journal.db");
        Journal writer = open(live);
        for (int i = 0; i < 200; i++) {
            writer.append(JournalTest.payment(i));   // one commit each: the WAL holds 200 transactions
        }
        Path copy = Files.createDirectories(dir.resolve("copy")).resolve("journal.db");
        Files.copy(live, copy);
        Path wal = Path.of(live + "-wal");
        long walSize = Files.size(wal);
        assertThat(walSize).isGreaterThan(32 + 2L * (24 + PAGE));
        try (RandomAccessFile in = new RandomAccessFile(wal.toFile(), "r")) {
            byte[] torn = new byte[(int) (walSize - PAGE / 2)];   // the power went halfway through the last frame
            in.readFully(torn);
            Files.write(Path.of(copy + "-wal"), torn);
        }

        Journal journal = open(copy);

        assertThat(journal.salvaged()).isEmpty();
        List<JournaledEvent> rows = journal.readAfter(0, 1000);
        assertThat(journal.lastSeq()).isBetween(199L, 200L);  // the torn commit never completed, so it never counted
        assertThat(rows).hasSize((int) journal.lastSeq());
        JournalDiskFullTest.assertDenseAndChained(rows);
        assertThat(journal.append(JournalTest.reception())).isEqualTo(journal.lastSeq());
    }

    /** Each run of consecutive seqs is one unbroken hash chain (a lost range breaks it only at the gap). */
    static void assertChainedRuns(List<JournaledEvent> rows) throws Exception {
        int start = 0;
        for (int i = 1; i <= rows.size(); i++) {
            if (i == rows.size() || rows.get(i).seq() != rows.get(i - 1).seq() + 1) {
                JournalDiskFullTest.assertDenseAndChained(rows.subList(start, i));
                start = i;
            }
        }
    }

    record Leaf(int page, long firstSeq, long lastSeq) {
    }

    static int rootPage(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'events'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * A leaf in the middle of the events table, from its root (an interior page: each cell is a 4-byte child page
     * and the highest seq in that child, as a varint).
     */
    static Leaf middleLeafOfEvents(Path db) throws Exception {
        int root = rootPage(db);
        byte[] page = new byte[PAGE];
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "r")) {
            f.seek((long) (root - 1) * PAGE);
            f.readFully(page);
        }
        assertThat(page[0]).as("the root of 3000 events is an interior table page").isEqualTo((byte) 0x05);
        ByteBuffer b = ByteBuffer.wrap(page);
        int cells = Short.toUnsignedInt(b.getShort(3));
        int middle = cells / 2;
        int prevCell = Short.toUnsignedInt(b.getShort(12 + 2 * (middle - 1)));
        int cell = Short.toUnsignedInt(b.getShort(12 + 2 * middle));
        return new Leaf(b.getInt(cell), varint(page, prevCell + 4) + 1, varint(page, cell + 4));
    }

    static long varint(byte[] p, int at) {
        long v = 0;
        for (int i = 0; i < 9; i++) {
            int x = p[at + i] & 0xff;
            if (i == 8) {
                return (v << 8) | x;
            }
            v = (v << 7) | (x & 0x7f);
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        return v;
    }

    static void overwrite(Path file, long offset, byte[] bytes) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(bytes);
        }
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
