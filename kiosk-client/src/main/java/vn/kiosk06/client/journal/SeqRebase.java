package vn.kiosk06.client.journal;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.wire.EventChain;

/**
 * Moves the events a salvaged journal numbered blindly to follow what the server holds. A salvage that lost the
 * journal's tail (the last events and its own count) cannot know that the server already acked seqs beyond what it
 * read; the events it numbered from {@code from} on were never sent (the sync refuses until this is settled), so they
 * can take new seqs: each moves up by {@code shift}, the first is chained to the server's last event and the rest to
 * each other, and a reference to a moved event inside another (a transaction code's reception, a void's target) moves
 * with it. Pure and stateless.
 *
 * @param from  the first seq numbered after the salvage
 * @param shift how far every seq from {@code from} on moves up
 */
record SeqRebase(long from, long shift) {

    SeqRebase {
        if (from < 1 || shift < 1) {
            throw new IllegalArgumentException("a rebase moves seqs ≥ 1 up by ≥ 1, was from " + from + " by " + shift);
        }
    }

    /** The rebase that puts the events from {@code from} on just after the server's {@code serverHighest}. */
    static SeqRebase after(long serverHighest, long from) {
        return new SeqRebase(from, serverHighest + 1 - from);
    }

    /** Where {@code seq} is now: moved if it was numbered after the salvage. */
    long moved(long seq) {
        return seq >= from ? seq + shift : seq;
    }

    /**
     * The events renumbered, in order, with their new bytes.
     *
     * @param rows     the events from {@code from} on, ascending, as journaled
     * @param prevDigest the digest the first links to (the server's last event's hash; empty keeps the link it has)
     * @param chain      the journal's chain (keyed or plain), which links each event to the one before
     */
    List<JournaledEvent> apply(List<JournaledEvent> rows, ByteString prevDigest, EventChain chain)
            throws InvalidProtocolBufferException {
        List<JournaledEvent> out = new ArrayList<>(rows.size());
        ByteString prev = prevDigest;
        for (JournaledEvent row : rows) {
            Event.Builder e = Event.parseFrom(row.body()).toBuilder();
            e.setSeq(moved(row.seq()));
            if (!prev.isEmpty()) {
                e.setPrevHash(chain.link(prev));
            }
            Event moved = references(e.build());
            byte[] body = moved.toByteArray();
            out.add(new JournaledEvent(moved.getSeq(), body));
            prev = chain.hash(body);
        }
        return out;
    }

    /** {@code event} with the seqs it names inside its payload moved too. */
    Event references(Event event) {
        return switch (event.getPayloadCase()) {
            case TRANSACTION_CODE_CREATED -> {
                long reception = event.getTransactionCodeCreated().getReceptionSeq();
                yield reception >= from ? event.toBuilder().setTransactionCodeCreated(event.getTransactionCodeCreated()
                        .toBuilder().setReceptionSeq(reception + shift)).build() : event;
            }
            case VOID_EVENT -> {
                long voided = event.getVoidEvent().getVoidedSeq();
                yield voided >= from ? event.toBuilder().setVoidEvent(event.getVoidEvent().toBuilder()
                        .setVoidedSeq(voided + shift)).build() : event;
            }
            default -> event;
        };
    }
}
