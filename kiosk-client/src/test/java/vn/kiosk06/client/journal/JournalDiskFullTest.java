package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.clock.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;

/**
 * The card fills before the journal's own limit: SQLite itself fails the write (SQLITE_FULL). Forced here without
 * root by capping the database's pages ({@code PRAGMA max_page_count}).
 */
class JournalDiskFullTest {

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));
    final List<Journal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Journal::close);
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
}
