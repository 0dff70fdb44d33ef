package vn.kiosk06.server.integrity;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.proto.sync.v1.Event;
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
     */
    record Position(long seq, ByteString hash, boolean chained) {

        static Position origin() {
            return new Position(0, ByteString.copyFrom(new byte[EventRules.PREV_HASH_BYTES]), false);
        }

        static Position of(StoredEvent e, EventChain chain) {
            try {
                Event parsed = Event.parseFrom(e.body());
                return new Position(e.seq(), chain.journaledHash(parsed, e.body()), !parsed.getPrevHash().isEmpty());
            } catch (InvalidProtocolBufferException ex) {
                return new Position(e.seq(), chain.hash(e.body()), false);
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
        return walk(from, events, watermark, nowMs, new EventChain());
    }

    /** As above, hashing with {@code chain}: one digest for a whole pass instead of a lookup per event. */
    static Result walk(Position from, List<StoredEvent> events, long watermark, long nowMs, EventChain chain) {
        List<ChainBreak> breaks = new ArrayList<>();
        Position at = from;
        for (StoredEvent e : events) {
            long seq = e.seq();
            Event parsed;
            try {
                parsed = Event.parseFrom(e.body());
            } catch (InvalidProtocolBufferException ex) {
                breaks.add(ChainBreak.of(seq, ChainBreakKind.UNREADABLE, seq - 1, nowMs));
                at = new Position(seq, chain.hash(e.body()), at.chained());
                continue;
            }
            ByteString prev = parsed.getPrevHash();
            if (seq > at.seq() + 1) {
                ChainBreakKind gap = seq - 1 <= watermark ? ChainBreakKind.GAP_QUARANTINED : ChainBreakKind.GAP_MISSING;
                breaks.add(ChainBreak.of(seq, gap, at.seq() + 1, nowMs));
            } else if (prev.isEmpty()) {
                if (at.chained()) {
                    breaks.add(ChainBreak.of(seq, ChainBreakKind.CHAIN_DROPPED, seq - 1, nowMs));
                }
            } else if (!prev.equals(at.hash())) {
                breaks.add(ChainBreak.of(seq, ChainBreakKind.HASH_MISMATCH, seq - 1, nowMs));
            }
            at = new Position(seq, chain.journaledHash(parsed, e.body()), !prev.isEmpty());
        }
        return new Result(breaks, at);
    }
}
