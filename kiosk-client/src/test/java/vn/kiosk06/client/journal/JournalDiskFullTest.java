package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;

/**
 * The card fills before the journal's own limit. SQLite itself fails the write (SQLITE_FULL): forced without root by
 * capping the database's pages ({@code PRAGMA max_page_count}), and as root on a real, tiny tmpfs that runs out
 * (ENOSPC on the database and its write-ahead log). And the journal refuses on its own while free space is below the
 * reserve, before the OS and its logs starve.
 */
class JournalDiskFullTest {

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));
    final List<Journal> opened = new ArrayList<>();

    Path mounted;

    @AfterEach
    void closeAll() throws Exception {
        opened.forEach(Journal::close);
        if (mounted != null) {
            run("umount", mounted.toString());
        }
    }

    /** A tmpfs of {@code size} at dir/small, or the test is skipped saying why. */
    Path smallDisk(String size) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root; SQLITE_FULL is still covered by the max_page_count test");
        Path mount = Files.createDirectories(dir.resolve("small"));
        int rc = run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
        assumeTrue(rc == 0, "mount -t tmpfs failed (exit " + rc + "): no CAP_SYS_ADMIN in this container");
        mounted = mount;
        return mount;
    }

    static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }

    /** Appends until the journal refuses for space; returns the refusal and leaves the last committed seq in lastSeq. */
    static JournalFullException fillUntilRefused(Journal journal) {
        for (int i = 0; i < 1_000_000; i++) {
            try {
                journal.append(JournalTest.payment(i));
            } catch (JournalFullException e) {
                return e;
            }
        }
        throw new AssertionError("the journal never refused");
    }

    static void assertDenseAndChained(List<JournaledEvent> rows) throws Exception {
        for (int i = 1; i < rows.size(); i++) {
            assertThat(rows.get(i).seq()).as("seq after %d", rows.get(i - 1).seq()).isEqualTo(rows.get(i - 1).seq() + 1);
        }
        if (!rows.isEmpty()) {
            JournalChainTest.assertUnbrokenChain(rows.subList(1, rows.size()),
                    JournalChainTest.sha256(rows.get(0).body()));
        }
    }

    @Test
    void append_sqliteFull_isRefusedAsStorageFull_andTheNextAppendAfterASyncGetsTheNextDenseSeq() throws Exception {
        Journal journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock,
                JournalStorage.of(dir), 40);
        opened.add(journal);
        long committed = 0;
        JournalFullException full = null;
        for (int i = 0; i < 10_000 && full == null; i++) {
            try {
                committed = journal.append(JournalTest.payment(i));
            } catch (JournalFullException e) {
                full = e;
            }
        }
        assertThat(full).as("SQLite refused a write once the page cap was reached").isNotNull();
        assertThat(full.getMessage()).contains("storage is full").contains(committed + " events waiting for the server");

        for (int i = 0; i < 5; i++) {
            assertThat(catchFull(journal)).as("refused again, cleanly, while still full").isNotNull();
        }
        assertThat(journal.lastSeq()).isEqualTo(committed);

        byte[] lastBeforeFull = journal.read(committed).orElseThrow().body();
        journal.markAcked(committed);   // the server has them all: their pages can be reused
        long next = journal.append(JournalTest.reception());

        assertThat(next).isEqualTo(committed + 1);
        journal.close();
        Journal again = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock);
        opened.add(again);
        assertThat(again.append(JournalTest.reception())).isEqualTo(committed + 2);
        List<JournaledEvent> rows = again.readAfter(0, 100_000);
        assertThat(rows).extracting(JournaledEvent::seq).containsExactly(committed + 1, committed + 2);
        JournalChainTest.assertUnbrokenChain(rows, JournalChainTest.sha256(lastBeforeFull));
    }

    private static JournalFullException catchFull(Journal journal) {
        try {
            journal.append(JournalTest.payment(7));
            return null;
        } catch (JournalFullException e) {
            return e;
        }
    }

    @Test
    void append_realDiskRunsOut_isRefusedCleanly_andResumesWithTheNextDenseSeqOnceLogsRotate() throws Exception {
        Path disk = smallDisk("4m");
        // No reserve: let SQLite meet ENOSPC itself, on the database or on its write-ahead log.
        Journal journal = Journal.open(disk.resolve("journal.db"),
                new JournalSettings(64 << 20, Duration.ofDays(7), 64, 0), clock);
        opened.add(journal);
        journal.append(JournalTest.reception());
        Path logs = disk.resolve("syslog.1");
        Files.write(logs, new byte[(int) (Files.getFileStore(disk).getUsableSpace() - (512 << 10))]);

        JournalFullException full = fillUntilRefused(journal);
        long committed = journal.lastSeq();

        assertThat(full.getMessage()).startsWith("the device's storage is full")
                .contains(committed + " events waiting for the server");
        for (int i = 0; i < 5; i++) {
            assertThat(catchFull(journal)).as("still full: refused again the same way, no constraint error").isNotNull();
        }
        assertThat(journal.lastSeq()).isEqualTo(committed);

        Files.delete(logs);  // logrotate, or a technician
        long next = journal.append(JournalTest.reception());

        assertThat(next).isEqualTo(committed + 1);
        List<JournaledEvent> rows = journal.readAfter(0, 1_000_000);
        assertThat(rows).hasSize((int) next);
        assertDenseAndChained(rows);
    }

    @Test
    void append_belowTheFreeSpaceReserve_isRefusedBeforeTheDiskFills_andAcceptedOnceSpaceReturns() throws Exception {
        Path disk = smallDisk("8m");
        Journal journal = Journal.open(disk.resolve("journal.db"),
                new JournalSettings(64 << 20, Duration.ofDays(7), 64, 2 << 20), clock);
        opened.add(journal);
        journal.append(JournalTest.reception());
        // The OS's logs fill the card to just above the reserve.
        Path logs = disk.resolve("syslog.1");
        Files.write(logs, new byte[(int) (Files.getFileStore(disk).getUsableSpace() - (2 << 20) - (256 << 10))]);

        JournalFullException full = fillUntilRefused(journal);
        long committed = journal.lastSeq();

        assertThat(full.getMessage()).startsWith("the device's storage is full").contains("2 MiB are kept for the system");
        assertThat(Files.getFileStore(disk).getUsableSpace()).as("the reserve is still there for the OS")
                .isGreaterThan(1 << 20);

        journal.markAcked(committed - 10);   // a sync: the server holds all but the last ten; their pages are reused
        assertThat(journal.append(JournalTest.reception())).isEqualTo(committed + 1);
        List<JournaledEvent> rows = journal.readAfter(0, 1_000_000);
        assertThat(rows).extracting(JournaledEvent::seq).first().isEqualTo(committed - 9);
        assertDenseAndChained(rows);

        Files.delete(logs);  // logrotate, or a technician
        assertThat(journal.append(JournalTest.reception())).isEqualTo(committed + 2);
    }

    @Test
    void append_freeSpaceBelowReserve_withoutRoot_refusesUntilSpaceReturns() throws Exception {
        AtomicLong free = new AtomicLong(1L << 30);
        Journal journal = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock,
                JournalStorage.reporting(free::get), 0);
        opened.add(journal);
        journal.append(JournalTest.reception());

        free.set(20L << 20);
        JournalFullException full = catchFull(journal);
        assertThat(full).isNotNull();
        assertThat(full.getMessage()).isEqualTo("the device's storage is full: 20 MiB free on its disk, 32 MiB are "
                + "kept for the system; 1 events waiting for the server (nothing logged was dropped). New events are "
                + "refused until space returns: let the device sync (events the server holds are then removed) or "
                + "free space on the card (old logs, copied files)");

        free.set(40L << 20);
        assertThat(journal.append(JournalTest.reception())).isEqualTo(2);
    }
}
