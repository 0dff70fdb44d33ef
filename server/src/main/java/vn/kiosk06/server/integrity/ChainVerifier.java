package vn.kiosk06.server.integrity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.server.store.StoredEvent;
import vn.kiosk06.wire.EventChain;
import vn.kiosk06.wire.EventRules;

/**
 * The pure core of the chain check: given where a walk stands and the next stored events of one device (ascending
 * seq), says which links are broken and where the walk ends. Stateless and thread-safe.
 *
 * <p>It hashes the bytes the server stored, which are {@code Event.toByteArray()} of what it parsed, while the
 * device hashed the bytes it journaled. They are the same bytes: protobuf-java serializes the known fields of a
 * message deterministically (in field-number order), the journal writes {@code toByteArray()} of the same event,
 * and an event with unknown fields is quarantined rather than stored. The end-to-end test checks this equality.
 * Where the server replaced a sealed citizen id by its keyed hash, the stored bytes differ from the journaled ones,
 * and the hash of the journaled bytes, taken at ingest, is stored with the event ({@code journaled_sha256}).
 *
 * <p>A link is plain (that digest) or keyed (its HMAC under the device's {@link vn.kiosk06.wire.ChainKey}). Plain links
 * are accepted until a device's first keyed link — devices chained plain before the keyed chain existed, or with no
 * credential (insecure demo mode), stay plain — and from then on a plain link is a break ({@code PLAIN_AFTER_KEYED}):
 * whoever wrote it could not compute the keyed one.
 */
final class ChainVerifier {

    private ChainVerifier() {
    }

    /**
     * The last event a walk checked.
     *
     * @param seq     its seq (0 before the first event)
     * @param hash    SHA-256 of its stored bytes (32 zero bytes at seq 0: what seq 1 must carry)
     * @param chained whether it carried a prev_hash (false at seq 0, so a device from before the chain is fine)
     * @param keyedFrom the seq of the device's first keyed link at or before it (0: plain so far, so a plain link is
     *                  still accepted; after it, a plain link is a break)
     */
    record Position(long seq, ByteString hash, boolean chained, long keyedFrom) {

        Position(long seq, ByteString hash, boolean chained) {
            this(seq, hash, chained, 0);
        }

        static Position origin() {
            return new Position(0, ByteString.copyFrom(new byte[EventRules.PREV_HASH_BYTES]), false, 0);
        }

        /** The position at stored event {@code e}, whose device's chain was keyed from {@code keyedFrom} (0: not). */
        static Position of(StoredEvent e, EventChain chain, long keyedFrom) {
            long keyed = keyedFrom > 0 && keyedFrom <= e.seq() ? keyedFrom : 0;
            try {
                ChainFields fields = ChainFields.read(e.body());
                return new Position(e.seq(), fields.journaledHash(chain, e.body()), !fields.prevHash().isEmpty(), keyed);
            } catch (InvalidProtocolBufferException ex) {
                return new Position(e.seq(), chain.hash(e.body()), false, keyed);
            }
        }
    }

    /** Breaks found, and the position after the last event walked. */
    record Result(List<ChainBreak> breaks, Position end) {
    }

    /**
     * Walks {@code events} (ascending seq, all above {@code from.seq()}) from {@code from}.
     *
     * @param watermark the device's watermark: every seq up to it is stored or quarantined, so a gap below it is a
     *                  quarantine, and one above it holds events not received
     */
    static Result walk(Position from, List<StoredEvent> events, long watermark, long nowMs) {
        return walk(from, events, watermark, nowMs, new EventChain(), new EventChain());
    }

    /**
     * As above, hashing with {@code chain} (plain: one digest for a whole pass instead of a lookup per event), and
     * checking keyed links with {@code keyed}, the device's keyed chain (a plain one when the device has no
     * credential: then no link is taken for keyed, and a device stays plain).
     */
    static Result walk(Position from, List<StoredEvent> events, long watermark, long nowMs, EventChain chain,
                       EventChain keyed) {
        List<ChainBreak> breaks = new ArrayList<>();
        Position at = from;
        long keyedFrom = from.keyedFrom();
        for (StoredEvent e : events) {
            long seq = e.seq();
            ChainFields parsed;
            try {
                parsed = ChainFields.read(e.body());
            } catch (InvalidProtocolBufferException ex) {
                breaks.add(ChainBreak.of(seq, ChainBreakKind.UNREADABLE, seq - 1, nowMs));
                at = new Position(seq, chain.hash(e.body()), at.chained(), keyedFrom);
                continue;
            }
            ByteString prev = parsed.prevHash();
            if (seq > at.seq() + 1) {
                ChainBreakKind gap = seq - 1 <= watermark ? ChainBreakKind.GAP_QUARANTINED : ChainBreakKind.GAP_MISSING;
                breaks.add(ChainBreak.of(seq, gap, at.seq() + 1, nowMs));
            } else if (prev.isEmpty()) {
                if (at.chained()) {
                    breaks.add(ChainBreak.of(seq, ChainBreakKind.CHAIN_DROPPED, seq - 1, nowMs));
                }
            } else if (keyed.keyed() && prev.equals(keyed.link(at.hash()))) {
                keyedFrom = keyedFrom == 0 ? seq : keyedFrom; // from here on a plain link is a break
            } else if (!prev.equals(at.hash())) {
                breaks.add(ChainBreak.of(seq, ChainBreakKind.HASH_MISMATCH, seq - 1, nowMs));
            } else if (keyedFrom > 0) {
                breaks.add(ChainBreak.of(seq, ChainBreakKind.PLAIN_AFTER_KEYED, seq - 1, nowMs));
            }
            at = new Position(seq, parsed.journaledHash(chain, e.body()), !prev.isEmpty(), keyedFrom);
        }
        return new Result(breaks, at);
    }
}
