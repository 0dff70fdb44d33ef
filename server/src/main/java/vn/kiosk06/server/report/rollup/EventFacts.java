package vn.kiosk06.server.report.rollup;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.PaymentStatus;

/**
 * The few fields of an event that the rollups count, taken from the payload once at ingest so the store's
 * writer never parses bytes on the hot path (it parses a body only when re-correcting an event stored with an
 * unknown time). Immutable.
 *
 * @param metric      the rollup counter the event adds to, one of the {@link Rollup} metric indices, or -1 for
 *                    none (a failed payment, a heartbeat)
 * @param amountVnd   a confirmed payment's amount, else 0
 * @param citizenKey  the first 8 bytes of the citizen's keyed hash as a long, 0 when the event names no citizen.
 *                    64 bits: a collision among a province's citizens has odds around one in a million, so the
 *                    distinct count is exact for every practical purpose and the key column stays small
 * @param backlog     a heartbeat's reported backlog, else -1
 */
public record EventFacts(int metric, long amountVnd, long citizenKey, long backlog) {

    /** An event the rollups only count as "an event" (heartbeats, failed payments). */
    public static final EventFacts NONE = new EventFacts(-1, 0, 0, -1);

    /** The facts of a parsed event that passed the wire rules. */
    public static EventFacts of(Event e) {
        switch (e.getPayloadCase()) {
            case RECEPTION:
                return new EventFacts(e.getReception().getCaseTypeValue() == 2 ? Rollup.FEE : Rollup.BHYT, 0, 0, -1);
            case TRANSACTION_CODE_CREATED:
                return new EventFacts(Rollup.CODES, 0, 0, -1);
            case PAYMENT:
                return e.getPayment().getStatus() == PaymentStatus.CONFIRMED
                        ? new EventFacts(Rollup.PAYMENTS, e.getPayment().getAmountVnd(), 0, -1) : NONE;
            case CARD_READ:
                boolean ok = e.getCardRead().getOutcomeValue() == 1;
                return new EventFacts(ok ? Rollup.READS_OK : Rollup.READS_FAILED, 0,
                        key(e.getCardRead().getCitizenKey()), -1);
            case FIELD_ASSIST:
                int activity = e.getFieldAssist().getActivityValue(); // 1..4
                int age = e.getFieldAssist().getAgeGroupValue();      // 1..3
                if (activity < 1 || activity > 4 || age < 1 || age > 3) {
                    return new EventFacts(-1, 0, key(e.getFieldAssist().getCitizenKey()), -1);
                }
                return new EventFacts(Rollup.assistMetric(activity - 1, age - 1), 0,
                        key(e.getFieldAssist().getCitizenKey()), -1);
            case HEARTBEAT:
                return new EventFacts(-1, 0, 0, e.getHeartbeat().getBacklog());
            default:
                return NONE;
        }
    }

    /** The facts of a stored body; NONE if it no longer parses (it did when it was stored). */
    public static EventFacts parse(byte[] body) {
        try {
            return of(Event.parseFrom(body));
        } catch (InvalidProtocolBufferException e) {
            return NONE;
        }
    }

    private static long key(ByteString hash) {
        if (hash.isEmpty()) {
            return 0;
        }
        long k = 0;
        for (int i = 0; i < Math.min(8, hash.size()); i++) {
            k = (k << 8) | (hash.byteAt(i) & 0xFF);
        }
        return k == 0 ? 1 : k; // 0 means "no citizen"
    }
}
