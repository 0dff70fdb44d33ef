package vn.kiosk06.server.logging;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A short random reference for one unexpected failure: the caller's answer says only "internal error" and this id,
 * the server log has the same id with the stack trace, so an operator finds the cause without the answer showing
 * class names or file paths. Immutable.
 *
 * @param value twelve hex digits, e.g. {@code 3f9a1c2b7d04}
 */
public record ErrorId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public ErrorId {
        if (value == null || !value.matches("[0-9a-f]{12}")) {
            throw new IllegalArgumentException("an error id is 12 hex digits, was " + value);
        }
    }

    /** A fresh id. Thread-safe. */
    public static ErrorId next() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return new ErrorId(HexFormat.of().formatHex(b));
    }

    /** What the caller reads: {@code internal error <id> (the server log has the details under this id)}. */
    public String answer() {
        return "internal error " + value + " (the server log has the details under this id)";
    }

    @Override
    public String toString() {
        return value;
    }
}
