package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;

/**
 * A power cut on an SD card, beyond a killed process: the bytes of a write in progress reach the card up to some
 * offset, and what follows is whatever the card held (old bytes, zeros, noise). Each snapshot below is such a card:
 * the journal is started on it as the app starts it, and must open (or salvage), with dense seqs, an unbroken chain,
 * and every event confirmed before the write began.
 */
class JournalPowerLossTest {

    static final int CONFIRMED = 100;
    static final int IN_FLIGHT = 40;
    static final int SNAPSHOTS = 40;
    /** Few enough that SQLite's automatic checkpoint (at 1,000 WAL pages) has not run yet. */
    static final int CHECKPOINTED = 200;

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));
    final long seed = new Random().nextLong();
    final Random random = new Random(seed);

    /** The journal's files at one moment. */
    record Card(byte[] db, byte[] wal) {
        static Card of(Path file) throws Exception {
            Path wal = Path.of(file + "-wal");
            return new Card(Files.readAllBytes(file), Files.exists(wal) ? Files.readAllBytes(wal) : new byte[0]);
        }

        Path writeTo(Path dir) throws Exception {
            Files.createDirectories(dir);
            Path file = dir.resolve("journal.db");
            Files.write(file, db);
            if (wal.length > 0) {
                Files.write(Path.of(file + "-wal"), wal);
            }
            return file;
        }
    }

    @Test
    void start_onAWalTornAtRandomOffsets_opensWithEveryCommitThatEndedBeforeTheCut() throws Exception {
        Path live = dir.resolve("live/journal.db");
        Path liveWal = Path.of(live + "-wal");
        Card before;
        Card after;
        long[] commitEnds = new long[IN_FLIGHT]; // where in the WAL each later commit's last frame ends
        try (Journal journal = Journal.open(live, JournalSettings.defaults(), clock)) {
            for (int i = 0; i < CONFIRMED; i++) {
                journal.append(JournalTest.payment(i));
            }
            before = Card.of(live);
            // The writes the power cut interrupts: one commit each, appended to the WAL.
            for (int i = 0; i < IN_FLIGHT; i++) {
                journal.append(JournalTest.reception());
                commitEnds[i] = Files.size(liveWal);
            }
            after = Card.of(live);
        }
        assertThat(Arrays.equals(after.db(), before.db())).as("no checkpoint in between: the writes went to the WAL only")
                .isTrue();
        assertThat(Arrays.mismatch(before.wal(), after.wal())).as("the WAL only grew").isEqualTo(before.wal().length);

        for (int n = 0; n < SNAPSHOTS; n++) {
            int cut = before.wal().length + random.nextInt(after.wal().length - before.wal().length + 1);
            long confirmed = CONFIRMED + Arrays.stream(commitEnds).filter(end -> end <= cut).count();
            startAndCheck(new Card(after.db(), tornAt(after.wal(), cut, n)).writeTo(dir.resolve("wal-" + n)), confirmed,
                    "WAL cut at byte " + cut + " of " + after.wal().length + " (seed " + seed + ")");
        }
    }

    @Test
    void start_onADatabaseTornAtRandomOffsetsOfACheckpoint_opensWithEveryConfirmedEvent() throws Exception {
        Path live = dir.resolve("live/journal.db");
        Card before;
        try (Journal journal = Journal.open(live, JournalSettings.defaults(), clock)) {
            for (int i = 0; i < CHECKPOINTED; i++) {
                journal.append(JournalTest.payment(i));
            }
            before = Card.of(live);
        }
        // Closing folds the WAL into the database (a checkpoint): the write the power cut interrupts. SQLite removes
        // the WAL only after the database is synced, so a cut mid-checkpoint leaves the whole WAL beside a torn file.
        byte[] checkpointed = Files.readAllBytes(live);
        assertThat(checkpointed.length).as("the checkpoint grows the file").isGreaterThan(before.db().length);

        for (int n = 0; n < SNAPSHOTS; n++) {
            int cut = random.nextInt(checkpointed.length + 1);
            byte[] db = Arrays.copyOf(checkpointed, checkpointed.length);
            // Up to the cut: the new bytes; after it, what the card held before (or nothing, past the old end).
            System.arraycopy(before.db(), Math.min(cut, before.db().length), db, Math.min(cut, before.db().length),
                    before.db().length - Math.min(cut, before.db().length));
            if (cut > before.db().length) {
                db = Arrays.copyOf(db, cut);
            }
            startAndCheck(new Card(db, before.wal()).writeTo(dir.resolve("db-" + n)), CHECKPOINTED,
                    "database cut at byte " + cut + " of " + checkpointed.length + " (seed " + seed + ")");
        }
    }

    /** The file as a cut at {@code cut} leaves it: the rest is nothing, zeros or noise, as a card may show. */
    private byte[] tornAt(byte[] full, int cut, int n) {
        byte[] out = Arrays.copyOf(full, full.length);
        switch (n % 3) {
            case 0 -> Arrays.fill(out, cut, out.length, (byte) 0);
            case 1 -> {
                byte[] noise = new byte[out.length - cut];
                random.nextBytes(noise);
                System.arraycopy(noise, 0, out, cut, noise.length);
            }
            default -> out = Arrays.copyOf(full, cut); // the file's length was not yet extended
        }
        return out;
    }

    private void startAndCheck(Path file, long confirmed, String what) throws Exception {
        try (Journal journal = Journal.open(file, JournalSettings.defaults(), clock)) {
            List<JournaledEvent> rows = journal.readAfter(0, 10_000);
            assertThat(journal.salvaged()).as(what + ": a torn write needs no salvage").isEmpty();
            assertThat(journal.lastSeq()).as(what + ": every commit that ended before the cut").isEqualTo(confirmed);
            assertThat(rows).as(what).hasSize((int) journal.lastSeq());
            JournalDiskFullTest.assertDenseAndChained(rows);
            assertThat(journal.append(JournalTest.reception())).as(what).isEqualTo(rows.size() + 1);
        }
    }
}
