package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The hash chain end to end: a real device journal (SQLite file) is tampered with by plain SQL, as someone with the
 * device's disk could, then synced by the real sync worker over real gRPC to a real aggregator process; the
 * aggregator's integrity check must show the break on its API at exactly the right event.
 */
class TamperEvidenceTest {

    static final int EVENTS = 10;

    // Kept when a test fails: the server's log is in it.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    static SecureServer server;
    static ManagedChannel channel;
    static SecureServer.AdminSession admin;

    @BeforeAll
    static void startServer() throws Exception {
        // The deployment's default: TLS, enrolled devices only, a logged-in dashboard user for the API.
        server = new SecureServer(dir);
        channel = server.channel();
        admin = server.admin();
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

    /** The device's credential, enrolled over the real Enroll rpc with a code from the registry. */
    static DeviceCredential enroll(String device) throws Exception {
        IssuedCode code = server.registry().register(device, "PQ-DD", Duration.ofHours(1));
        return Enroller.enroll(code.code(), server.target(), dir.resolve(device + "-credential"), "e2e");
    }

    @FunctionalInterface
    interface Tampering {
        void apply(Connection journal) throws Exception;
    }

    /** Journals EVENTS payments (amount 10,000 × seq) for {@code device}, returns the journal file. */
    static Path journalPayments(String device) {
        Path file = dir.resolve(device).resolve("journal.db");
        try (Journal journal = Journal.open(file, JournalSettings.defaults(), SystemDeviceClock.start())) {
            for (int i = 1; i <= EVENTS; i++) {
                journal.append(Event.newBuilder().setPayment(Payment.newBuilder().setAmountVnd(10_000L * i)
                        .setMethod(PaymentMethod.CASH).setStatus(PaymentStatus.CONFIRMED).setReference("E2E-" + i)).build());
            }
        }
        return file;
    }

    static void tamper(Path journalFile, Tampering tampering) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + journalFile)) {
            tampering.apply(c);
        }
    }

    static Event row(Connection c, long seq) throws SQLException, InvalidProtocolBufferException {
        try (PreparedStatement p = c.prepareStatement("SELECT body FROM events WHERE seq = ?")) {
            p.setLong(1, seq);
            try (ResultSet rs = p.executeQuery()) {
                assertThat(rs.next()).as("journal row %d", seq).isTrue();
                return Event.parseFrom(rs.getBytes(1));
            }
        }
    }

    static void write(Connection c, long seq, Event e) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE events SET body = ? WHERE seq = ?")) {
            p.setBytes(1, e.toByteArray());
            p.setLong(2, seq);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
    }

    /** Syncs the journal with the real sync worker until the server holds {@code expectStored} events of the device. */
    static void sync(String device, Path journalFile, int expectStored) throws Exception {
        DeviceCredential credential = enroll(device);
        try (Journal journal = Journal.open(journalFile, JournalSettings.defaults(), SystemDeviceClock.start());
             SyncWorker worker = new SyncWorker(device, "e2e", journal, channel, SyncSettings.defaults(),
                     SystemDeviceClock.start(), Clock.systemUTC(), new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1),
                     new Random(7)), SecureChannels.credential(credential))) {
            worker.start();
            await(device + " synced").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> admin.get("/api/v1/devices/" + device).statusCode() == 200
                            && Http.longField(admin.body("/api/v1/devices/" + device), "eventsStored") >= expectStored);
        }
    }

    /** Waits until the server's scheduled chain check has walked the device, and returns its API answer. */
    static String checkedDevice(String device) {
        await(device + " chain checked").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.body("/api/v1/devices/" + device).contains("\"checkedThrough\":" + EVENTS));
        return admin.body("/api/v1/devices/" + device);
    }

    @Test
    void untouchedJournal_chainOk_andTheServerStoresExactlyTheJournaledBytes() throws Exception {
        Path journal = journalPayments("e2e-untouched");

        sync("e2e-untouched", journal, EVENTS);

        assertThat(checkedDevice("e2e-untouched")).contains("\"state\":\"ok\"")
                .contains("\"summary\":\"chain ok up to seq " + EVENTS + "\"");
        // The server hashes the bytes it stored (toByteArray() of what it parsed), the device the bytes it journaled:
        // the chain holds only if they are the same bytes.
        StoreContents onDevice = StoreContents.ofJournal(journal);
        StoreContents onServer = StoreContents.ofServer(server.dataDir.resolve("kiosk06.db"), "e2e-untouched");
        assertThat(onServer.events().keySet()).containsExactlyElementsOf(onDevice.events().keySet());
        onDevice.events().forEach((seq, body) -> assertThat(onServer.events().get(seq)).as("seq %d", seq).isEqualTo(body));
    }

    @Test
    void paymentAmountEditedInTheJournal_isABreakAtExactlyTheNextEvent_onTheApiAndTheFleetView() throws Exception {
        Path journal = journalPayments("e2e-edited");
        tamper(journal, c -> {
            Event e = row(c, 4);
            write(c, 4, e.toBuilder().setPayment(e.getPayment().toBuilder().setAmountVnd(5_000)).build());
        });

        sync("e2e-edited", journal, EVENTS);

        assertThat(checkedDevice("e2e-edited")).contains("\"state\":\"broken\"")
                .contains("\"summary\":\"broken at seq 5: event 5 does not follow event 4: its previous-event hash differs")
                .contains("\"seq\":5,\"kind\":\"HASH_MISMATCH\"")
                .doesNotContain("\"seq\":4,");
        assertThat(admin.body("/api/v1/fleet")).contains("broken at seq 5: event 5 does not follow event 4");
        assertThat(admin.body("/prometheus"))
                .containsPattern("kiosk06_chain_breaks_total\\{kind=\"HASH_MISMATCH\"} [1-9]");
    }

    @Test
    void rowDeletedFromTheJournal_isShownAsAGapAtTheNextEvent() throws Exception {
        Path journal = journalPayments("e2e-deleted");
        tamper(journal, c -> {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM events WHERE seq = 4")) {
                assertThat(p.executeUpdate()).isEqualTo(1);
            }
        });

        sync("e2e-deleted", journal, EVENTS - 1);

        assertThat(checkedDevice("e2e-deleted")).contains("\"state\":\"gap\"")
                .contains("except a gap at seq 5: seq 4 is missing (not received)")
                .contains("\"seq\":5,\"kind\":\"GAP_MISSING\"");
    }

    @Test
    void twoRowsSwappedInTheJournal_isABreakWhereTheOrderChanged() throws Exception {
        Path journal = journalPayments("e2e-swapped");
        tamper(journal, c -> {
            Event four = row(c, 4);
            Event five = row(c, 5);
            // Reordered so that the device still syncs it: each row's own seq is rewritten to its new place.
            write(c, 4, five.toBuilder().setSeq(4).build());
            write(c, 5, four.toBuilder().setSeq(5).build());
        });

        sync("e2e-swapped", journal, EVENTS);

        String device = checkedDevice("e2e-swapped");
        assertThat(device).contains("\"state\":\"broken\"")
                .contains("\"summary\":\"broken at seq 4: event 4 does not follow event 3");
        List<String> kinds = new ArrayList<>();
        for (long seq = 4; seq <= 6; seq++) {
            kinds.add("\"seq\":" + seq + ",\"kind\":\"HASH_MISMATCH\"");
        }
        assertThat(device).contains(kinds);
    }
}
