package vn.kiosk06.server.integrity;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A break in one device's hash chain, found at the event {@code seq}.
 *
 * @param seq      the event whose link to its predecessor is broken or cannot be checked
 * @param kind     what is wrong
 * @param gapFirst for a gap, the first missing seq (the gap is {@code gapFirst..seq-1}); otherwise {@code seq - 1}
 * @param detail   the sentence shown on the dashboard, e.g. "event 8 does not follow event 7: …"
 * @param foundMs  server time the checker found it, ms since the epoch
 */
@Serdeable
public record ChainBreak(long seq, ChainBreakKind kind, long gapFirst, String detail, long foundMs) {

    static ChainBreak of(long seq, ChainBreakKind kind, long gapFirst, long foundMs) {
        return new ChainBreak(seq, kind, gapFirst, kind.describe(seq, gapFirst), foundMs);
    }

    /** Whether this break is evidence of tampering rather than a gap. */
    public boolean tampering() {
        return kind.tampering();
    }
}
