package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.TransactionCodeCreated;
import vn.kiosk06.proto.sync.v1.VoidEvent;
import vn.kiosk06.proto.sync.v1.VoidReason;
import vn.kiosk06.wire.EventChain;

/**
 * A salvaged journal's unconfirmed events moved past the server's highest seq, on a real journal file: the moved
 * events keep their order and payloads, chain to the server's last event and to each other, and references between
 * them move too; a server that holds less moves nothing. Either way the journal stops being unconfirmed.
 */
class SeqRebaseTest {

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));
    final ByteString serverHash = ByteString.copyFrom(new byte[32]);

    /** A journal with seqs 1–6 (a reception at 5, its transaction code at 6) whose seqs from 4 on are unconfirmed. */
    Journal salvagedJournal() throws Exception {
        return salvagedJournal(4);
    }

    Journal salvagedJournal(long unconfirmedFrom) throws Exception {
        Path file = dir.resolve("journal.db");
        try (Journal j = Journal.open(file, JournalSettings.defaults(), clock)) {
            for (int i = 1; i <= 3; i++) {
                j.append(JournalTest.payment(i * 1000));
            }
            j.append(Event.newBuilder().setVoidEvent(VoidEvent.newBuilder().setVoidedSeq(2).setReason(VoidReason.MISTAP)).build());
            long reception = j.append(Event.newBuilder().setReception(Reception.newBuilder().setCaseType(CaseType.BHYT)
                    .setDepartment("NOI")).build());
            j.append(Event.newBuilder().setTransactionCodeCreated(TransactionCodeCreated.newBuilder().setCode("PQ01-0001")
                    .setReceptionSeq(reception).setQueueNumber(1)).build());
        }
        // As a salvage leaves it (JournalSalvage writes this row into the fresh journal).
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO journal_meta VALUES ('" + Journal.UNCONFIRMED_FROM + "', " + unconfirmedFrom + ")");
        }
        return Journal.open(file, JournalSettings.defaults(), clock);
    }

    @Test
    void continueAfter_aServerAhead_movesTheUnconfirmedEventsPastIt_chainedAndReferencesMoved() throws Exception {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 7);
        try (Journal j = salvagedJournal()) {
            assertThat(j.unconfirmedFrom()).isEqualTo(4);
            j.continueAfter(10, ByteString.copyFrom(hash));

            assertThat(j.unconfirmedFrom()).isZero();
            assertThat(j.lastSeq()).isEqualTo(13);
            List<JournaledEvent> rows = j.readAfter(0, 100);
            assertThat(rows).extracting(JournaledEvent::seq).containsExactly(1L, 2L, 3L, 11L, 12L, 13L);
            Event voided = Event.parseFrom(rows.get(3).body());
            Event reception = Event.parseFrom(rows.get(4).body());
            Event code = Event.parseFrom(rows.get(5).body());
            assertThat(voided.getSeq()).isEqualTo(11);
            assertThat(voided.getVoidEvent().getVoidedSeq()).as("a target before the salvage stays").isEqualTo(2);
            assertThat(voided.getPrevHash()).as("chained to the server's seq 10").isEqualTo(ByteString.copyFrom(hash));
            assertThat(reception.getPrevHash()).isEqualTo(new EventChain().hash(rows.get(3).body()));
            assertThat(code.getTransactionCodeCreated().getReceptionSeq()).as("the reception moved with it").isEqualTo(12);
            assertThat(code.getPrevHash()).isEqualTo(new EventChain().hash(rows.get(4).body()));

            long next = j.append(JournalTest.payment(9));
            assertThat(next).isEqualTo(14);
            assertThat(Event.parseFrom(j.read(14).orElseThrow().body()).getPrevHash())
                    .isEqualTo(new EventChain().hash(rows.get(5).body()));
        }
        try (Journal reopened = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock)) {
            assertThat(reopened.unconfirmedFrom()).as("settled for good").isZero();
            assertThat(reopened.lastSeq()).isEqualTo(14);
        }
    }

    @Test
    void continueAfter_aServerBehind_movesNothing_butSettles() throws Exception {
        try (Journal j = salvagedJournal()) {
            List<JournaledEvent> before = j.readAfter(0, 100);
            j.continueAfter(3, serverHash);
            assertThat(j.unconfirmedFrom()).isZero();
            assertThat(j.lastSeq()).isEqualTo(6);
            assertThat(j.readAfter(0, 100)).usingRecursiveFieldByFieldElementComparator().isEqualTo(before);
        }
    }

    @Test
    void continueAfter_nothingNumberedSinceTheSalvage_stillContinuesAfterTheServersHighest() throws Exception {
        byte[] hash = new byte[32];
        Arrays.fill(hash, (byte) 9);
        try (Journal j = salvagedJournal(7)) {
            j.continueAfter(10, ByteString.copyFrom(hash));
            assertThat(j.lastSeq()).isEqualTo(10);
            assertThat(j.append(JournalTest.payment(5))).isEqualTo(11);
            assertThat(Event.parseFrom(j.read(11).orElseThrow().body()).getPrevHash()).isEqualTo(ByteString.copyFrom(hash));
        }
    }
}
