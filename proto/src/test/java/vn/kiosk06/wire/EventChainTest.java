package vn.kiosk06.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.Payment;

/** A prev_hash left out on the wire is restored to exactly the journaled bytes; a break always travels. */
class EventChainTest {

    final EventChain chain = new EventChain();

    /** Journal {@code n} chained payments from seq 1, as the device's journal writes them. */
    List<byte[]> journal(int n) {
        List<byte[]> bodies = new ArrayList<>();
        ByteString prev = ByteString.copyFrom(new byte[EventRules.PREV_HASH_BYTES]);
        for (int seq = 1; seq <= n; seq++) {
            byte[] body = payment(seq, 10_000L * seq, prev).toByteArray();
            bodies.add(body);
            prev = chain.hash(body);
        }
        return bodies;
    }

    static Event payment(long seq, long amount, ByteString prevHash) {
        return Event.newBuilder().setSeq(seq).setWallTimeMs(1_795_000_000_000L + seq).setPrevHash(prevHash)
                .setPayment(Payment.newBuilder().setAmountVnd(amount)).build();
    }

    /** What the server does with a batch: restore each event from the previous one, as received order goes. */
    List<byte[]> restored(List<Event> wire) {
        List<byte[]> out = new ArrayList<>();
        Event previous = null;
        byte[] previousBody = null;
        for (Event e : wire) {
            Event r = chain.restore(e, previous, previousBody);
            previousBody = r.toByteArray();
            previous = r;
            out.add(previousBody);
        }
        return out;
    }

    @Test
    void onlyTheBatchesFirstHashTravels_andTheServerRestoresTheJournaledBytes() throws Exception {
        List<byte[]> journaled = journal(50);

        List<Event> wire = chain.forTheWire(journaled.subList(10, 50));

        assertThat(wire.get(0).getPrevHash().size()).isEqualTo(32);
        assertThat(wire.subList(1, wire.size())).allSatisfy(e -> assertThat(e.getPrevHash().isEmpty()).isTrue());
        assertThat(restored(wire)).containsExactlyElementsOf(journaled.subList(10, 50));
    }

    @Test
    void anEditedRow_sendsItsSuccessorsHash_soTheBreakReachesTheServer() throws Exception {
        List<byte[]> journaled = journal(10);
        Event edited = Event.parseFrom(journaled.get(3)).toBuilder().setPayment(Payment.newBuilder().setAmountVnd(5_000)).build();
        journaled.set(3, edited.toByteArray());

        List<Event> wire = chain.forTheWire(journaled);

        assertThat(wire.get(4).getPrevHash()).isEqualTo(Event.parseFrom(journaled.get(4)).getPrevHash());
        assertThat(wire.get(4).getPrevHash()).isNotEqualTo(chain.hash(journaled.get(3)));
        assertThat(restored(wire)).containsExactlyElementsOf(journaled);
    }

    @Test
    void aDeletedRow_leavesTheNextEventsHashOnTheWire() throws Exception {
        List<byte[]> journaled = journal(10);
        journaled.remove(3); // seq 4

        List<Event> wire = chain.forTheWire(journaled);

        assertThat(wire.get(3).getSeq()).isEqualTo(5);
        assertThat(wire.get(3).getPrevHash().size()).isEqualTo(32);
        assertThat(restored(wire)).containsExactlyElementsOf(journaled);
    }

    @Test
    void eventsFromBeforeTheChain_travelAsTheyAre() throws Exception {
        List<byte[]> journaled = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            journaled.add(payment(seq, 1, ByteString.EMPTY).toByteArray());
        }
        // The first chained event after an upgrade points at the last unchained one: it keeps its hash.
        journaled.add(payment(4, 1, chain.hash(journaled.get(2))).toByteArray());

        List<Event> wire = chain.forTheWire(journaled);

        assertThat(wire.get(3).getPrevHash().size()).isEqualTo(32);
        assertThat(restored(wire)).containsExactlyElementsOf(journaled);
    }

    @Test
    void keyedChain_linksAreHmacsOfTheDigest_leftOutOnTheWire_andRestoredByAServerWithTheSameKey() throws Exception {
        EventChain keyed = new EventChain(java.util.Optional.of(ChainKey.fromSecret("s3cret")));
        List<byte[]> journaled = new ArrayList<>();
        ByteString digest = ByteString.copyFrom(new byte[32]);
        for (long seq = 1; seq <= 20; seq++) {
            byte[] body = payment(seq, 1000 * seq, keyed.link(digest)).toByteArray();
            journaled.add(body);
            digest = keyed.hash(body);
        }

        List<Event> wire = keyed.forTheWire(journaled);
        EventChain server = new EventChain(java.util.Optional.of(ChainKey.fromCredentialHashHex(java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest("s3cret".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8))))));
        List<byte[]> restored = new ArrayList<>();
        Event previous = null;
        byte[] previousBody = null;
        for (Event e : wire) {
            previous = server.restore(e, previous, previousBody);
            previousBody = previous.toByteArray();
            restored.add(previousBody);
        }

        assertThat(wire.subList(1, wire.size())).allSatisfy(e -> assertThat(e.getPrevHash().isEmpty()).isTrue());
        assertThat(restored).containsExactlyElementsOf(journaled);
        assertThat(keyed.link(keyed.hash(journaled.get(0)))).isNotEqualTo(keyed.hash(journaled.get(0)));
        // A plain chain's links are not the keyed chain's: sent as a keyed batch, each travels in full.
        assertThat(keyed.forTheWire(journal(5)).stream().filter(e -> !e.getPrevHash().isEmpty())).hasSize(5);
    }
}
