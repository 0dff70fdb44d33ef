package vn.kiosk06.server.seal;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.SealedCitizenId;
import vn.kiosk06.wire.seal.CitizenHash;
import vn.kiosk06.wire.seal.CitizenIdOpener;
import vn.kiosk06.wire.seal.SealedIdException;

/**
 * The ingest step before the store: opens an event's sealed citizen id with the server's private keys, puts the keyed
 * hash (citizen key held only by the server) in its place and drops the ciphertext, so the store only ever sees the
 * hash. The event's bytes change, so the SHA-256 of the bytes the device journaled goes with it
 * ({@code Event.journaled_sha256}) for the hash chain. Thread-safe.
 */
public final class SealedIdOpening {

    /** The event to store (or quarantine), and what was wrong with its sealed id, if anything. */
    public record Opened(Event event, Optional<String> problem) {
    }

    private final CitizenIdOpener opener;
    private final CitizenHash hash;

    public SealedIdOpening(CitizenIdOpener opener, CitizenHash hash) {
        this.opener = opener;
        this.hash = hash;
    }

    /**
     * @param journaled     the event as the device journaled it (its prev_hash restored)
     * @param journaledBody its bytes
     */
    public Opened open(Event journaled, byte[] journaledBody) {
        if (!journaled.getJournaledSha256().isEmpty()) {
            return new Opened(journaled, Optional.of("journaled_sha256 is set by the server only, never by a device"));
        }
        Optional<SealedCitizenId> sealed = sealedId(journaled);
        if (sealed.isEmpty()) {
            return new Opened(journaled, Optional.empty());
        }
        Event.Builder b = journaled.toBuilder().setJournaledSha256(sha256(journaledBody));
        ByteString citizenKey;
        Optional<String> problem = Optional.empty();
        try {
            citizenKey = ByteString.copyFrom(hash.of(opener.open(sealed.get())));
        } catch (SealedIdException e) {
            citizenKey = ByteString.EMPTY;
            problem = Optional.of(e.getMessage());
        }
        // The ciphertext never reaches the store, not even in quarantine.
        if (b.hasCardRead()) {
            CardRead.Builder c = b.getCardReadBuilder().clearSealedCitizenId();
            if (problem.isEmpty()) {
                problem = alreadyKeyed(c.getCitizenKey(), "card_read");
                c.setCitizenKey(citizenKey);
            }
        } else {
            FieldAssist.Builder f = b.getFieldAssistBuilder().clearSealedCitizenId();
            if (problem.isEmpty()) {
                problem = alreadyKeyed(f.getCitizenKey(), "field_assist");
                f.setCitizenKey(citizenKey);
            }
        }
        return new Opened(b.build(), problem);
    }

    private static Optional<String> alreadyKeyed(ByteString key, String message) {
        return key.isEmpty() ? Optional.empty()
                : Optional.of(message + " has both citizen_key and sealed_citizen_id; a citizen is named once");
    }

    private static Optional<SealedCitizenId> sealedId(Event e) {
        if (e.hasCardRead() && e.getCardRead().hasSealedCitizenId()) {
            return Optional.of(e.getCardRead().getSealedCitizenId());
        }
        if (e.hasFieldAssist() && e.getFieldAssist().hasSealedCitizenId()) {
            return Optional.of(e.getFieldAssist().getSealedCitizenId());
        }
        return Optional.empty();
    }

    private static ByteString sha256(byte[] body) {
        return ByteString.copyFrom(SHA256.get().digest(body));
    }

    /** One digest per thread: the provider lookup of {@code getInstance} per event cost more than the hash. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    });
}
