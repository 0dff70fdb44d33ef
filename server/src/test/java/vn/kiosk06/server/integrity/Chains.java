package vn.kiosk06.server.integrity;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.store.StoredEvent;

/** Builds hash-chained events as a device journal does, and tampers with them as an attacker would. */
public final class Chains {

    public static final ByteString ZEROS = ByteString.copyFrom(new byte[32]);

    private Chains() {
    }

    /** Payments with seqs 1..count, amount 10,000 × seq, chained from 32 zero bytes. */
    public static List<Event> payments(int count) {
        List<Event> out = new ArrayList<>();
        ByteString prev = ZEROS;
        for (long seq = 1; seq <= count; seq++) {
            Event e = TestEvents.payment(seq, 10_000 * seq).toBuilder().setPrevHash(prev).build();
            out.add(e);
            prev = new vn.kiosk06.wire.EventChain().hash(e.toByteArray());
        }
        return out;
    }

    /**
     * Payments with seqs 1..count as an enrolled device journals them: links from seq {@code keyedFrom} on are keyed
     * under {@code key}, those before plain (a device that chained before the keyed chain existed).
     */
    public static List<Event> keyedPayments(int count, long keyedFrom, vn.kiosk06.wire.ChainKey key) {
        vn.kiosk06.wire.EventChain plain = new vn.kiosk06.wire.EventChain();
        vn.kiosk06.wire.EventChain keyed = new vn.kiosk06.wire.EventChain(java.util.Optional.of(key));
        List<Event> out = new ArrayList<>();
        ByteString digest = ZEROS;
        for (long seq = 1; seq <= count; seq++) {
            ByteString link = seq >= keyedFrom ? keyed.link(digest) : digest;
            Event e = TestEvents.payment(seq, 10_000 * seq).toBuilder().setPrevHash(link).build();
            out.add(e);
            digest = plain.hash(e.toByteArray());
        }
        return out;
    }

    /**
     * An attacker's rewrite without the key: event {@code seq}'s amount changed (its own prev_hash kept), and every
     * later event's prev_hash recomputed as a plain SHA-256 link, as one would for an unkeyed chain.
     */
    public static List<Event> rewrittenPlain(List<Event> events, long seq, long amountVnd) {
        List<Event> out = new ArrayList<>(withAmountEdited(events, seq, amountVnd));
        vn.kiosk06.wire.EventChain plain = new vn.kiosk06.wire.EventChain();
        for (int i = (int) seq; i < out.size(); i++) {
            out.set(i, out.get(i).toBuilder().setPrevHash(plain.hash(out.get(i - 1).toByteArray())).build());
        }
        return out;
    }

    /** The same list with event {@code seq}'s payment amount changed (its prev_hash untouched). */
    public static List<Event> withAmountEdited(List<Event> events, long seq, long amountVnd) {
        List<Event> out = new ArrayList<>(events);
        Event e = out.get((int) seq - 1);
        out.set((int) seq - 1, e.toBuilder().setPayment(e.getPayment().toBuilder().setAmountVnd(amountVnd)).build());
        return out;
    }

    public static List<StoredEvent> stored(List<Event> events) {
        return events.stream().map(e -> new StoredEvent(e.getSeq(), e.toByteArray())).toList();
    }

    public static EventBatch batch(String device, List<Event> events) {
        return EventBatch.newBuilder().setDeviceId(device).addAllEvents(events).build();
    }
}
