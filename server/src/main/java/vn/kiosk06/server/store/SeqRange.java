package vn.kiosk06.server.store;

import io.micronaut.serde.annotation.Serdeable;

/** An inclusive range of one device's sequence numbers. */
@Serdeable
public record SeqRange(long first, long last) {

    public SeqRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("seq range needs 1 ≤ first ≤ last, was " + first + ".." + last);
        }
    }
}
