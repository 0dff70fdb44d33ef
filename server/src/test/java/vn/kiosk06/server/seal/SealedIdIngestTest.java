package vn.kiosk06.server.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.ReaderKind;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;
import vn.kiosk06.proto.sync.v1.SealingKey;
import vn.kiosk06.proto.sync.v1.Sex;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.Uploads;
import vn.kiosk06.server.integrity.Chains;
import vn.kiosk06.server.integrity.IntegrityChecker;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.StoredEvent;
import vn.kiosk06.wire.EventChain;
import vn.kiosk06.wire.seal.CitizenHash;
import vn.kiosk06.wire.seal.CitizenIdSealer;
import vn.kiosk06.wire.seal.CitizenNumber;

/** Sealed citizen ids over real gRPC into a real SQLite store: opened at ingest, stored only as the keyed hash. */
class SealedIdIngestTest {

    static final CitizenNumber ID = new CitizenNumber(CitizenNumber.Kind.PERSONAL_ID, "079203001234");

    @TempDir
    Path dir;
    RunningServer server;

    @BeforeEach
    void start() {
        server = new RunningServer(dir);
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    SealingKey handshakeKey() {
        return SyncServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(20, TimeUnit.SECONDS)
                .handshake(HandshakeRequest.newBuilder().setDeviceId("kiosk-1").build()).getConfig().getSealingKey();
    }

    static Event cardRead(long seq, SealedCitizenId sealed) {
        return TestEvents.envelope(seq).setCardRead(CardRead.newBuilder().setReaderKind(ReaderKind.READER_QR)
                .setOutcome(ReadOutcome.READ_OK).setAgeGroup(AgeGroup.AGE_14_PLUS).setSex(Sex.FEMALE)
                .setSealedCitizenId(sealed)).build();
    }

    static List<Event> chained(List<Event> events) {
        List<Event> out = new ArrayList<>();
        ByteString prev = Chains.ZEROS;
        for (Event e : events) {
            Event c = e.toBuilder().setPrevHash(prev).build();
            out.add(c);
            prev = new EventChain().hash(c.toByteArray());
        }
        return out;
    }

    byte[] citizenKey() throws Exception {
        return new CitizenHash(Files.readAllBytes(dir.resolve("citizen-key.secret"))).of(ID);
    }

    @Test
    void sealedIds_areStoredAsTheServersKeyedHash_withNoCiphertext_andTheChainStillVerifies() throws Exception {
        SealingKey key = handshakeKey();
        assertThat(key.getKeyId()).isEqualTo(1);
        assertThat(key.getPublicKey().size()).isEqualTo(32);
        CitizenIdSealer sealer = new CitizenIdSealer(key);
        SealedCitizenId sealed = sealer.seal(ID);
        List<Event> events = chained(List.of(cardRead(1, sealed),
                TestEvents.envelope(2).setFieldAssist(FieldAssist.newBuilder().setActivity(FieldActivity.EHEALTH_BOOK)
                        .setTeam("TCNS-AP1").setOrgUnit("Ấp 1").setAgeGroup(AgeGroup.AGE_14_PLUS)
                        .setSealedCitizenId(sealed)).build(),
                cardRead(3, sealer.seal(ID)), TestEvents.reception(4)));

        Ack ack = Uploads.upload(server.channel(), Chains.batch("kiosk-1", events)).get(0);

        assertThat(ack.getStored()).isEqualTo(4);
        List<StoredEvent> stored = server.bean(EventStore.class).events("kiosk-1", 0, 10);
        assertThat(stored).hasSize(4);
        byte[] hash = citizenKey();
        for (int i = 0; i < 3; i++) {
            Event e = Event.parseFrom(stored.get(i).body());
            ByteString citizen = e.hasCardRead() ? e.getCardRead().getCitizenKey() : e.getFieldAssist().getCitizenKey();
            assertThat(citizen.toByteArray()).as("event " + (i + 1)).isEqualTo(hash);
            assertThat(e.getCardRead().hasSealedCitizenId() || e.getFieldAssist().hasSealedCitizenId()).isFalse();
            assertThat(e.getJournaledSha256()).isEqualTo(new EventChain().hash(events.get(i).toByteArray()));
            assertThat(contains(stored.get(i).body(), sealed.getEnc().toByteArray())).isFalse();
        }
        IntegrityChecker checker = server.bean(IntegrityChecker.class);
        checker.checkNow();
        assertThat(checker.integrity("kiosk-1").breaks()).isEmpty();
        assertThat(checker.integrity("kiosk-1").checkedThrough()).isEqualTo(4);
        // The key pairs are in an owner-only file of the data directory.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("citizen-sealing-keys.properties")))).isEqualTo("rw-------");
    }

    @Test
    void alteredSeal_orUnknownKey_isQuarantinedWithItsReason_withoutTheCiphertext_andTheRestIsStored() throws Exception {
        SealedCitizenId sealed = new CitizenIdSealer(handshakeKey()).seal(ID);
        byte[] flipped = sealed.getCiphertext().toByteArray();
        flipped[3] ^= 0x40;
        List<Event> events = List.of(cardRead(1, sealed.toBuilder().setCiphertext(ByteString.copyFrom(flipped)).build()),
                cardRead(2, sealed.toBuilder().setKeyId(9).build()), TestEvents.reception(3));

        Ack ack = Uploads.upload(server.channel(), Chains.batch("kiosk-1", events)).get(0);

        assertThat(ack.getStored()).isEqualTo(1);
        assertThat(ack.getRejectedList()).extracting(r -> r.getReason()).containsExactly(
                "sealed_citizen_id does not open: altered, or sealed with another counter",
                "sealed_citizen_id is sealed to key 9, which this server does not hold (it holds [1])");
        assertThat(server.bean(EventStore.class).quarantine("kiosk-1", 10)).hasSize(2).allSatisfy(q ->
                assertThat(contains(q.body(), sealed.getEnc().toByteArray())).as("ciphertext kept in quarantine").isFalse());
        assertThat(ack.getWatermark()).isEqualTo(3);
    }

    @Test
    void afterARotation_theHandshakeHandsTheNewKey_andIdsSealedToTheOldOneStillCountAsTheSameCitizen() throws Exception {
        SealedCitizenId old = new CitizenIdSealer(handshakeKey()).seal(ID);
        server.close();
        SealingKeyRing.load(dir.resolve("citizen-sealing-keys.properties")).rotate();
        server = new RunningServer(dir);

        SealingKey fresh = handshakeKey();
        assertThat(fresh.getKeyId()).isEqualTo(2);
        Uploads.upload(server.channel(), Chains.batch("kiosk-1",
                chained(List.of(cardRead(1, old), cardRead(2, new CitizenIdSealer(fresh).seal(ID))))));

        List<StoredEvent> stored = server.bean(EventStore.class).events("kiosk-1", 0, 10);
        assertThat(stored).hasSize(2).allSatisfy(s ->
                assertThat(Event.parseFrom(s.body()).getCardRead().getCitizenKey().toByteArray()).isEqualTo(citizenKey()));
    }

    @Test
    void aDeviceSettingJournaledSha256_isQuarantined() {
        Event forged = TestEvents.reception(1).toBuilder().setJournaledSha256(Chains.ZEROS).build();

        Ack ack = Uploads.upload(server.channel(), Chains.batch("kiosk-1", List.of(forged))).get(0);

        assertThat(ack.getRejectedList()).singleElement().satisfies(r ->
                assertThat(r.getReason()).isEqualTo("journaled_sha256 is set by the server only, never by a device"));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
