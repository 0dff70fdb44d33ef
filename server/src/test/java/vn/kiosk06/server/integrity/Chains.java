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
