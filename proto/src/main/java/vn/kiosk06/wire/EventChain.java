package vn.kiosk06.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * The events' hash chain ({@code Event.prev_hash}: SHA-256 of the previous event's bytes) and how it travels.
 *
 * <p>32 random bytes per event are incompressible: sent as journaled they would more than double the bytes on the
 * wire. So the sender leaves a prev_hash out when the receiver can restore it exactly — the event directly follows
 * (seq − 1) the previous event of the same batch, that event is chained too, and the prev_hash is the SHA-256 of that
 * event's bytes — and the receiver restores it before storing, so the stored bytes are the journaled bytes. A batch
 * thus carries its first event's hash, plus every hash that does not follow: exactly the places where the chain
 * breaks (an edited, deleted or reordered journal row), which the server's check then reports at the right event.
 *
 * <p>Not thread-safe (one digest per instance).
 */
public final class EventChain {

    private final MessageDigest sha256;

    public EventChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    /** The hash the next event's prev_hash must hold: SHA-256 of {@code body}, an event's serialized bytes. */
    public ByteString hash(byte[] body) {
        return ByteString.copyFrom(sha256.digest(body));
    }

    /**
     * The hash the event after {@code stored} must hold, from what the server stored: the hash of the bytes the
     * device journaled, which the server kept in {@code journaled_sha256} when it replaced a sealed citizen id by its
     * keyed hash, and otherwise are the stored bytes themselves.
     */
    public ByteString journaledHash(Event stored, byte[] storedBody) {
        return stored.getJournaledSha256().isEmpty() ? hash(storedBody) : stored.getJournaledSha256();
    }

    /**
     * Device side: one batch's events, parsed from their journaled bytes (by seq), with each prev_hash the server can
     * restore left out.
     */
    public List<Event> forTheWire(List<byte[]> journaledBodies) throws InvalidProtocolBufferException {
        List<Event> out = new ArrayList<>(journaledBodies.size());
        Event previous = null;
        byte[] previousBody = null;
        for (byte[] body : journaledBodies) {
            Event journaled = Event.parseFrom(body);
            boolean restorable = follows(journaled, previous) && journaled.getPrevHash().equals(hash(previousBody));
            out.add(restorable ? journaled.toBuilder().clearPrevHash().build() : journaled);
            previous = journaled;
            previousBody = body;
        }
        return out;
    }

    /**
     * Server side: {@code received} as the device journaled it — its prev_hash restored from the previous event of
     * the same batch ({@code previous}, as restored, and {@code previousBody}, its bytes) when the device left it out.
     */
    public Event restore(Event received, Event previous, byte[] previousBody) {
        if (!received.getPrevHash().isEmpty() || !follows(received, previous)) {
            return received;
        }
        return received.toBuilder().setPrevHash(hash(previousBody)).build();
    }

    /** Whether {@code event} directly follows a chained {@code previous} (null: the batch's first event). */
    private static boolean follows(Event event, Event previous) {
        return previous != null && !previous.getPrevHash().isEmpty() && event.getSeq() == previous.getSeq() + 1;
    }
}
