package vn.kiosk06.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
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
 * <p>Plain or keyed: a plain chain's link is the digest d = SHA-256 of the previous event's bytes; a keyed chain's
 * (an enrolled device, {@link ChainKey}) is HMAC-SHA256(chain key, d). Keying the digest rather than the bytes lets
 * the server, which keeps only d of an event whose stored bytes differ from the journaled ones
 * ({@code journaled_sha256}), and a device that learns d of the server's last event in a handshake, compute the link.
 *
 * <p>Not thread-safe (one digest and one MAC per instance).
 */
public final class EventChain {

    private final MessageDigest sha256;
    private final Mac mac; // null: plain chain
    private final Optional<ChainKey> key;

    /** A plain chain: each link is the SHA-256 of the previous event's bytes. */
    public EventChain() {
        this(Optional.empty());
    }

    /** Keyed under {@code key} when present, else plain. */
    public EventChain(Optional<ChainKey> key) {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        this.key = key;
        this.mac = key.map(ChainKey::newMac).orElse(null);
    }

    /** Whether links are keyed (HMAC) rather than plain. */
    public boolean keyed() {
        return mac != null;
    }

    /** The key of a keyed chain. */
    public Optional<ChainKey> key() {
        return key;
    }

    /** The digest d of an event: SHA-256 of {@code body}, its serialized bytes (a plain chain's link). */
    public ByteString hash(byte[] body) {
        return ByteString.copyFrom(sha256.digest(body));
    }

    /** The link that follows an event with digest {@code digest}: the digest itself, or its HMAC when keyed. */
    public ByteString link(ByteString digest) {
        if (mac == null || digest.isEmpty()) {
            return digest;
        }
        return ByteString.copyFrom(mac.doFinal(digest.toByteArray()));
    }

    /** The prev_hash the event after {@code body} must carry in this chain. */
    public ByteString linkAfter(byte[] body) {
        return link(hash(body));
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
     * restore left out: those that are this chain's links (keyed or plain, as the batch says in {@code chain_keyed}).
     */
    public List<Event> forTheWire(List<byte[]> journaledBodies) throws InvalidProtocolBufferException {
        List<Event> out = new ArrayList<>(journaledBodies.size());
        Event previous = null;
        byte[] previousBody = null;
        for (byte[] body : journaledBodies) {
            Event journaled = Event.parseFrom(body);
            boolean restorable = follows(journaled, previous) && journaled.getPrevHash().equals(linkAfter(previousBody));
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
        return received.toBuilder().setPrevHash(linkAfter(previousBody)).build();
    }

    /** Whether {@code event} directly follows a chained {@code previous} (null: the batch's first event). */
    private static boolean follows(Event event, Event previous) {
        return previous != null && !previous.getPrevHash().isEmpty() && event.getSeq() == previous.getSeq() + 1;
    }
}
