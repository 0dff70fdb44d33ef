package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.client.clock.SystemDeviceClock;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.client.enroll.Enroller;
import vn.kiosk06.client.enroll.SecureChannels;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalSettings;
import vn.kiosk06.client.sync.Backoff;
import vn.kiosk06.client.sync.SyncSettings;
import vn.kiosk06.client.sync.SyncWorker;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.PaymentMethod;
import vn.kiosk06.proto.sync.v1.PaymentStatus;
import vn.kiosk06.server.enroll.IssuedCode;

/**
 * A device whose SD card damaged its journal while it was offline: at the next start the journal is salvaged, the
 * device syncs over real gRPC/TLS to a real aggregator process, and the aggregator's gap detection lists exactly the
 * seqs the damage took, beside the salvage event that explains them; and a salvage that lost events the server already
 * held, after which the device continues past the server's highest seq rather than reuse one.
 */
class JournalSalvageSyncTest {

    static final String DEVICE = "kiosk-salvage-01";
    static final int SYNCED = 100;
    static final int OFFLINE = 3000;
    /** The device whose salvage lost an acked tail: seqs after KEPT were on the server already. */
    static final String TAIL_DEVICE = "kiosk-salvage-tail-01";
    static final int KEPT = 60;
    static final int OFFLINE_AFTER = 5;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static SecureServer server;
    static ManagedChannel channel;
    static SecureServer.AdminSession admin;
    static DeviceCredential credential;
    static DeviceCredential tailCredential;

    @BeforeAll
    static void startServer() throws Exception {
        server = new SecureServer(dir);
        channel = server.channel();
        admin = server.admin();
        IssuedCode code = server.registry().register(DEVICE, "PQ-DD", Duration.ofHours(1));
        credential = Enroller.enroll(code.code(), server.target(), dir.resolve(DEVICE + "-credential"), "e2e");
        IssuedCode tailCode = server.registry().register(TAIL_DEVICE, "PQ-DD", Duration.ofHours(1));
        tailCredential = Enroller.enroll(tailCode.code(), server.target(), dir.resolve(TAIL_DEVICE + "-credential"), "e2e");
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    static Event payment(int i) {
        return Event.newBuilder().setPayment(Payment.newBuilder().setAmountVnd(10_000L * i)
                .setMethod(PaymentMethod.CASH).setStatus(PaymentStatus.CONFIRMED).setReference("E2E-" + i)).build();
    }

    /** Opens the journal as the app does at start and syncs it until the server holds {@code expectStored} events. */
    static Journal syncUntil(Path file, long expectStored) {
        return syncUntil(DEVICE, credential, file, expectStored);
    }

    static Journal syncUntil(String device, DeviceCredential as, Path file, long expectStored) {
        Journal journal = Journal.open(file, JournalSettings.defaults(), SystemDeviceClock.start());
        try (SyncWorker worker = new SyncWorker(device, "e2e", journal, channel, SyncSettings.defaults(),
                SystemDeviceClock.start(), Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                new Random(7)), SecureChannels.credential(as))) {
            worker.start();
            await(device + " synced").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.get("/api/v1/devices/" + device).statusCode() == 200
                            && Http.longField(admin.body("/api/v1/devices/" + device), "eventsStored") >= expectStored);
        }
        return journal;
    }

    @Test
    void salvagedJournal_syncs_andTheServerListsExactlyTheLostSeqs() throws Exception {
        Path file = dir.resolve(DEVICE).resolve("journal.db");
        try (Journal journal = Journal.open(file, JournalSettings.defaults(), SystemDeviceClock.start())) {
            for (int i = 1; i <= SYNCED; i++) {
                journal.append(payment(i));
            }
        }
        syncUntil(file, SYNCED).close();
        try (Journal journal = Journal.open(file, JournalSettings.defaults(), SystemDeviceClock.start())) {
            for (int i = SYNCED + 1; i <= SYNCED + OFFLINE; i++) {
                journal.appendAsync(payment(i));
            }
            journal.append(payment(0));   // waits for the group before it
        }
        long last = SYNCED + OFFLINE + 1;
        // The card damages the page at the root of the events table: every event not yet on the server is unreadable.
        int root;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'events'")) {
            rs.next();
            root = rs.getInt(1);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek((root - 1) * 4096L);
            f.write(new byte[] {0x42, 0x42, 0x42, 0x42, 0x42, 0x42});
        }

        try (Journal salvaged = syncUntil(file, SYNCED + 1)) {
            assertThat(salvaged.salvaged()).isPresent();
            assertThat(salvaged.lastSeq()).as("the salvage record comes after the highest seq").isEqualTo(last + 1);
        }

        String device = admin.body("/api/v1/devices/" + DEVICE);
        assertThat(device).contains("\"missing\":[{\"first\":" + (SYNCED + 1) + ",\"last\":" + last + "}]");
        // The gap is explained: the salvage record says the device lost exactly those seqs.
        assertThat(device).contains("\"gaps\":[{\"first\":" + (SYNCED + 1) + ",\"last\":" + last
                + ",\"lostOnDevice\":true,\"salvageSeq\":" + (last + 1) + "}]");
        assertThat(Http.longField(device, "eventsStored")).isEqualTo(SYNCED + 1);
        assertThat(Http.longField(device, "watermark")).isEqualTo(SYNCED);
    }

    /**
     * A salvage that lost events the server already acked: the device had synced seqs 1–100, then its card lost the
     * journal's tail (the pages of seqs 61–100) and the page with its own count, so the salvaged journal ends at 60 and
     * numbers what it journals next from 61 — seqs the server already holds for other events. The device must take
     * the server's highest seq as its floor: the salvage record and the events journaled offline follow seq 100, none
     * is taken for a replay, and the hash chain verifies across the move.
     */
    @Test
    void salvageLosingAnAckedTail_continuesAfterTheServersHighestSeq_reusesNone() throws Exception {
        Path file = dir.resolve(TAIL_DEVICE).resolve("journal.db");
        try (Journal journal = Journal.open(file, JournalSettings.defaults(), SystemDeviceClock.start())) {
            for (int i = 1; i <= SYNCED; i++) {
                journal.append(payment(i));
            }
        }
        syncUntil(TAIL_DEVICE, tailCredential, file, SYNCED).close();

        // The card loses the tail's pages and the page holding the journal's count (journal_meta): as if those pages
        // were gone, the rows after KEPT go, then the count's page is overwritten.
        int metaRoot;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM events WHERE seq > " + KEPT);
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            try (ResultSet rs = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'journal_meta'")) {
                rs.next();
                metaRoot = rs.getInt(1);
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek((metaRoot - 1) * 4096L);
            f.write(new byte[] {0x42, 0x42, 0x42, 0x42, 0x42, 0x42});
        }

        // Offline after the salvage: the salvage record and five payments are numbered from 61, blind to the server.
        try (Journal salvaged = Journal.open(file, JournalSettings.defaults(), SystemDeviceClock.start())) {
            assertThat(salvaged.salvaged()).isPresent();
            assertThat(salvaged.lastSeq()).isEqualTo(KEPT + 1);
            assertThat(salvaged.unconfirmedFrom()).isEqualTo(KEPT + 1);
            for (int i = 1; i <= OFFLINE_AFTER; i++) {
                salvaged.append(payment(1000 + i));
            }
        }

        long expected = SYNCED + 1 + OFFLINE_AFTER;
        try (Journal synced = syncUntil(TAIL_DEVICE, tailCredential, file, expected)) {
            await("the device acked through " + expected).atMost(Duration.ofSeconds(30))
                    .until(() -> synced.ackedThrough() == expected);
            assertThat(synced.lastSeq()).isEqualTo(expected);
            assertThat(synced.unconfirmedFrom()).as("settled by the handshake").isZero();
        }

        String device = admin.body("/api/v1/devices/" + TAIL_DEVICE);
        assertThat(Http.longField(device, "eventsStored")).isEqualTo(expected);
        assertThat(Http.longField(device, "watermark")).isEqualTo(expected);
        assertThat(device).contains("\"missing\":[]");
        StoreContents stored = StoreContents.ofServer(server.dataDir.resolve("kiosk06.db"), TAIL_DEVICE);
        for (int seq = KEPT + 1; seq <= SYNCED; seq++) {
            assertThat(stored.event(seq).getPayment().getReference()).as("the server's own seq " + seq + " is untouched")
                    .isEqualTo("E2E-" + seq);
        }
        Event salvageRecord = stored.event(SYNCED + 1);
        assertThat(salvageRecord.hasJournalSalvaged()).as("the salvage record follows the server's highest").isTrue();
        for (int i = 1; i <= OFFLINE_AFTER; i++) {
            assertThat(stored.event(SYNCED + 1 + i).getPayment().getReference()).isEqualTo("E2E-" + (1000 + i));
        }
        // The chain goes on across the move: the salvage record is chained to the server's seq 100.
        await("the chain checked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> admin.body("/api/v1/devices/" + TAIL_DEVICE).contains("\"checkedThrough\":" + expected));
        assertThat(admin.body("/api/v1/devices/" + TAIL_DEVICE)).contains("\"state\":\"ok\"");
    }
}
