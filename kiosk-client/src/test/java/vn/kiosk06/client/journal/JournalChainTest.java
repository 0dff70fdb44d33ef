package vn.kiosk06.client.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.client.clock.FakeDeviceClock;
import vn.kiosk06.proto.sync.v1.Event;

/** The journal's hash chain: every event's prev_hash is the SHA-256 of the bytes journaled for the seq before it. */
class JournalChainTest {

    static final ByteString ZEROS = ByteString.copyFrom(new byte[32]);

    @TempDir
    Path dir;
    final FakeDeviceClock clock = new FakeDeviceClock(BootId.of(UUID.randomUUID()), 1_781_000_000_000L, Duration.ofMinutes(3));
    final List<Journal> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Journal::close);
    }

    Journal open() {
        Journal j = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock);
        opened.add(j);
        return j;
    }

    static ByteString sha256(byte[] bytes) throws Exception {
        return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Asserts that the journal's rows form one unbroken chain starting with {@code first} as seq 1's prev_hash. */
    static void assertUnbrokenChain(List<JournaledEvent> rows, ByteString first) throws Exception {
        ByteString expected = first;
        for (JournaledEvent row : rows) {
            assertThat(row.parse().getPrevHash()).as("prev_hash of seq %d", row.seq()).isEqualTo(expected);
            expected = sha256(row.body());
        }
    }

    /** The link an enrolled device's event carries, computed here from the secret without the production code. */
    static ByteString keyedLink(String secret, ByteString digest) throws Exception {
        javax.crypto.Mac derive = javax.crypto.Mac.getInstance("HmacSHA256");
        derive.init(new javax.crypto.spec.SecretKeySpec(sha256(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toByteArray(), "HmacSHA256"));
        byte[] chainKey = derive.doFinal("kiosk06 event chain v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        javax.crypto.Mac link = javax.crypto.Mac.getInstance("HmacSHA256");
        link.init(new javax.crypto.spec.SecretKeySpec(chainKey, "HmacSHA256"));
        return ByteString.copyFrom(link.doFinal(digest.toByteArray()));
    }

    Journal openKeyed(String secret) {
        Journal j = Journal.open(dir.resolve("journal.db"), JournalSettings.defaults(), clock,
                java.util.Optional.of(vn.kiosk06.wire.ChainKey.fromSecret(secret)));
        opened.add(j);
        return j;
    }

    @Test
    void append_enrolledDevice_linksAreHmacsUnderTheKeyDerivedFromItsSecret_notRecomputableFromTheFile() throws Exception {
        Journal journal = openKeyed("device-secret-1");
        for (int i = 0; i < 4; i++) {
            journal.append(JournalTest.payment(1000L * i));
        }

        List<JournaledEvent> rows = journal.readAfter(0, 100);

        ByteString digest = ZEROS;
        for (JournaledEvent row : rows) {
            assertThat(row.parse().getPrevHash()).as("prev_hash of seq %d", row.seq())
                    .isEqualTo(keyedLink("device-secret-1", digest)).isNotEqualTo(digest);
            digest = sha256(row.body());
        }
        assertThat(journal.wireChain().keyed()).isTrue();
    }

    @Test
    void reopenedWithACredential_aPlainJournal_goesOnKeyedFromItsNextEvent() throws Exception {
        Journal plain = open();
        for (int i = 0; i < 3; i++) {
            plain.append(JournalTest.payment(1000L * i));
        }
        plain.close();
        opened.remove(plain);
        Journal keyed = openKeyed("device-secret-2");
        keyed.append(JournalTest.payment(5000));

        List<JournaledEvent> rows = keyed.readAfter(0, 100);

        assertUnbrokenChain(rows.subList(0, 3), ZEROS);
        assertThat(rows.get(3).parse().getPrevHash()).isEqualTo(keyedLink("device-secret-2", sha256(rows.get(2).body())));
    }

    @Test
    void append_firstEvent_carries32ZeroBytes_andEachNextTheHashOfThePreviousBytes() throws Exception {
        Journal journal = open();
        for (int i = 0; i < 5; i++) {
            journal.append(JournalTest.payment(1000L * i));
        }

        List<JournaledEvent> rows = journal.readAfter(0, 100);

        assertThat(rows).hasSize(5);
        assertUnbrokenChain(rows, ZEROS);
    }

    @Test
    void append_eightConcurrentAppenders_formOneChainInSeqOrder() throws Exception {
        Journal journal = open();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    journal.append(JournalTest.payment(thread * 1000L + i));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<JournaledEvent> rows = journal.readAfter(0, 5000);

        assertThat(rows).hasSize(1600);
        assertUnbrokenChain(rows, ZEROS);
    }

    @Test
    void reopen_continuesTheChainFromTheLastEvent() throws Exception {
        Journal first = open();
        for (int i = 0; i < 7; i++) {
            first.append(JournalTest.reception());
        }
        first.close();

        Journal again = open();
        again.append(JournalTest.payment(30_000));
        again.append(JournalTest.reception());

        List<JournaledEvent> rows = again.readAfter(0, 100);
        assertThat(rows).extracting(JournaledEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertUnbrokenChain(rows, ZEROS);
    }

    @Test
    void reopen_afterEveryEventWasAckedAndPurged_stillChainsTheNextEventToTheLastOne() throws Exception {
        Journal first = open();
        for (int i = 0; i < 3; i++) {
            first.append(JournalTest.reception());
        }
        ByteString hashOfLast = sha256(first.read(3).orElseThrow().body());
        first.markAcked(3);
        clock.advance(Duration.ofDays(30));
        assertThat(first.purgeExpired()).isEqualTo(3);
        first.close();

        Journal again = open();
        long seq = again.append(JournalTest.reception());

        assertThat(seq).isEqualTo(4);
        assertThat(again.read(4).orElseThrow().parse().getPrevHash()).isEqualTo(hashOfLast);
    }

    @Test
    void open_journalWrittenBeforeTheChain_chainsTheNextEventToItsLastRow() throws Exception {
        Path file = dir.resolve("journal.db");
        byte[] oldBody = JournalTest.reception().toBuilder().setSeq(1).setSchemaVersion(1).setWallTimeMs(1)
                .setBootId(ByteString.copyFrom(new byte[16])).build().toByteArray();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (seq INTEGER PRIMARY KEY, body BLOB NOT NULL)");
            s.execute("CREATE TABLE journal_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("INSERT INTO journal_meta VALUES ('last_seq', 1), ('acked_through', 0)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO events VALUES (1, ?)")) {
                p.setBytes(1, oldBody);
                p.executeUpdate();
            }
        }

        Journal journal = open();
        journal.append(JournalTest.reception());

        assertThat(journal.read(2).orElseThrow().parse().getPrevHash()).isEqualTo(sha256(oldBody));
    }

    @Test
    void append_eventWithPrevHashAlreadySet_isRefused() {
        Journal journal = open();
        Event forged = JournalTest.reception().toBuilder().setPrevHash(ZEROS).build();

        assertThatThrownBy(() -> journal.append(forged))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("prev_hash are assigned by the journal");
    }
}
