package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power cuts and crashes, with real processes: the device app and the aggregator are separate JVMs, SIGKILLed
 * at random moments while they work; then every event the device confirmed must be on the server exactly once.
 */
class CrashRecoveryTest {

    // Kept when a test fails: the processes' logs are in it.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    Rig rig;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void offlineDevice_killedTwentyTimesWhileLogging_thenSyncs_everyEventOnServerExactlyOnce() throws Exception {
        rig = new Rig(dir);
        Random random = new Random(2026);
        int target = 10_000;
        for (int kill = 1; kill <= 20; kill++) {
            rig.startDevice();
            Rig.Posters posters = rig.startPosting(4);
            // A random moment within this run's share of the 10,000 events, with appends in flight.
            long killAt = (long) target * kill / 21 + random.nextInt(target / 42);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                    .until(() -> rig.confirmed.size() >= killAt);
            rig.device().kill();
            posters.awaitFinished();
        }
        rig.startDevice();
        Rig.Posters posters = rig.startPosting(4);
        await().atMost(Duration.ofSeconds(60)).until(() -> rig.confirmed.size() >= target);
        posters.stop();
        long journaled = rig.deviceStatus("lastSeq");

        rig.startServer();
        rig.syncNow();
        await("device fully acked").atMost(Duration.ofSeconds(90)).until(() -> rig.deviceStatus("backlog") == 0);
        rig.close();

        StoreContents journal = StoreContents.ofJournal(rig.journalFile());
        StoreContents server = StoreContents.ofServer(rig.storeFile(), Rig.DEVICE);
        assertThat(rig.confirmed.size()).isGreaterThanOrEqualTo(target);
        assertThat(journal.dense()).as("journal seqs dense from 1 after 20 kills").isTrue();
        assertThat(journal.count()).isEqualTo(journaled);
        assertThat(server.count()).isEqualTo(journal.count());
        assertThat(server.maxSeq()).isEqualTo(journal.maxSeq());
        assertThat(server.digest()).isEqualTo(journal.digest());
        for (var e : rig.confirmed.entrySet()) {
            assertThat(server.event(e.getKey()).getPayment().getAmountVnd())
                    .as("confirmed seq %d holds event %d", e.getKey(), e.getValue()).isEqualTo(e.getValue());
        }
    }

    @Test
    void server_killedRepeatedlyDuringIngest_noEventLostOrDoubled() throws Exception {
        rig = new Rig(dir);
        Random random = new Random(6);
        rig.startDevice();
        Rig.Posters posters = rig.startPosting(4);
        await().atMost(Duration.ofSeconds(60)).until(() -> rig.confirmed.size() >= 3_000);
        for (int kill = 1; kill <= 8; kill++) {
            rig.startServer();
            rig.syncNow();
            long ackedBefore = rig.deviceStatus("ackedThrough");
            // Let ingest get going, then cut it at a random moment.
            await().atMost(Duration.ofSeconds(60)).until(() -> rig.deviceStatus("ackedThrough") > ackedBefore);
            long extra = random.nextInt(2_000);
            long target = rig.deviceStatus("ackedThrough") + extra;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                    .until(() -> rig.deviceStatus("ackedThrough") >= Math.min(target, rig.deviceStatus("lastSeq")));
            rig.server().kill();
        }
        posters.stop();
        rig.startServer();
        rig.syncNow();
        await("device fully acked").atMost(Duration.ofSeconds(90)).until(() -> rig.deviceStatus("backlog") == 0);
        rig.close();

        StoreContents journal = StoreContents.ofJournal(rig.journalFile());
        StoreContents server = StoreContents.ofServer(rig.storeFile(), Rig.DEVICE);
        assertThat(journal.dense()).isTrue();
        assertThat(server.count()).isEqualTo(journal.count());
        assertThat(server.maxSeq()).isEqualTo(journal.maxSeq());
        assertThat(server.digest()).isEqualTo(journal.digest());
    }
}
