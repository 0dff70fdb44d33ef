package vn.kiosk06.server.integrity;

/** What is wrong at one event of a device's hash chain; the name is what the database stores. */
public enum ChainBreakKind {

    /** The event's prev_hash is not the hash of the stored event before it: something was edited, deleted or moved. */
    HASH_MISMATCH(true),
    /** The event has no prev_hash although the event before it had one: the chain was stripped. */
    CHAIN_DROPPED(true),
    /**
     * The event's prev_hash is a plain (unkeyed) link although the device's chain was already keyed: someone without
     * the device's credential rewrote the chain from here on.
     */
    PLAIN_AFTER_KEYED(true),
    /** The stored bytes of the event do not parse as an event. */
    UNREADABLE(true),
    /** The events before this one were refused as malformed and quarantined: a gap, not necessarily tampering. */
    GAP_QUARANTINED(false),
    /**
     * The events before this one never arrived: a gap, not necessarily tampering. They may still arrive (the
     * checker looks again) or were deleted on the device.
     */
    GAP_MISSING(false);

    private final boolean tampering;

    ChainBreakKind(boolean tampering) {
        this.tampering = tampering;
    }

    /** Whether this kind is evidence of tampering (as opposed to a gap that cannot be checked). */
    public boolean tampering() {
        return tampering;
    }

    /** The sentence the dashboard and API show for a break of this kind at {@code seq} (gap from {@code gapFirst}). */
    public String describe(long seq, long gapFirst) {
        long prev = seq - 1;
        String gap = gapFirst == prev ? "seq " + prev + " is missing" : "seqs " + gapFirst + "–" + prev + " are missing";
        return switch (this) {
            case HASH_MISMATCH -> seq == 1
                    ? "event 1 does not start the chain: its previous-event hash is not 32 zero bytes "
                            + "(it was edited, or events before it were removed)"
                    : "event " + seq + " does not follow event " + prev + ": its previous-event hash differs "
                            + "(an event was edited, deleted or reordered on the device)";
            case CHAIN_DROPPED -> "event " + seq + " has no previous-event hash although event " + prev
                    + " has one (the chain was stripped on the device)";
            case PLAIN_AFTER_KEYED -> "event " + seq + " links to event " + prev + " with a plain hash although the "
                    + "device's chain is keyed (the chain was recomputed without the device's credential)";
            case UNREADABLE -> "the stored bytes of event " + seq + " are not an event";
            case GAP_QUARANTINED -> gap + " (quarantined), so event " + seq
                    + " cannot be checked against it: a gap, not necessarily tampering";
            case GAP_MISSING -> gap + " (not received), so event " + seq + " cannot be checked against it: "
                    + "a gap, not necessarily tampering (it may still arrive, or was deleted on the device)";
        };
    }
}
