package vn.kiosk06.hardware.identity;

import java.util.Objects;

/**
 * Internal control flow of the parsers: thrown deep inside a parser when a payload is rejected and caught at the
 * parser's public entry point, which turns it into a {@link FailedRead}. Never escapes a public {@code parse}
 * method. Its message is the reason's name only, never payload content; it records no stack trace because
 * rejecting garbage is the normal case on a fuzzed input path.
 */
public final class ReadRejected extends RuntimeException {
    private final FailureReason reason;

    public ReadRejected(FailureReason reason) {
        super(Objects.requireNonNull(reason, "reason").name(), null, false, false);
        this.reason = reason;
    }

    /** Why the payload was rejected. */
    public FailureReason reason() {
        return reason;
    }

    /** The rejection as a parse result. */
    public FailedRead toFailedRead() {
        return new FailedRead(reason);
    }
}
