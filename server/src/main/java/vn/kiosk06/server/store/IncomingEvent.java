package vn.kiosk06.server.store;

import vn.kiosk06.server.report.rollup.EventFacts;

/**
 * A valid event on its way into the store: its identity, what the reports and time correction need as columns,
 * and the exact bytes the device sent.
 *
 * @param seq      the device's seq (≥ 1)
 * @param kind     the payload's field number in {@code Event} (10 reception … 15 heartbeat)
 * @param wallMs   the device's wall clock at the event
 * @param bootId   the boot the event happened in (16 bytes)
 * @param monoNs   monotonic ns since that boot
 * @param body     the serialized {@code Event}
 * @param facts    what the rollups count, taken from the parsed payload at ingest
 */
public record IncomingEvent(long seq, int kind, long wallMs, byte[] bootId, long monoNs, byte[] body, EventFacts facts) {

    /** An event whose facts are read from {@code body} (tools and tests; the ingest path passes them in). */
    public IncomingEvent(long seq, int kind, long wallMs, byte[] bootId, long monoNs, byte[] body) {
        this(seq, kind, wallMs, bootId, monoNs, body, EventFacts.parse(body));
    }
}
