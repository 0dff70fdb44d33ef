package vn.kiosk06.wire.seal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The number a citizen is counted by: the 12-digit personal ID, or the 10-digit social-insurance part of a BHYT
 * number. Raw personal data: it exists only inside the device's reader path (before sealing) and inside the
 * server's ingest (after opening, until hashed). {@link #toString()} is redacted.
 *
 * @param kind   which number it is
 * @param digits the number, exactly {@link Kind#digits()} ASCII digits
 */
public record CitizenNumber(Kind kind, String digits) {

    /** Which number a citizen was identified by; the code is the first plaintext byte of a seal. */
    public enum Kind {
        PERSONAL_ID(1, 12),
        SOCIAL_INSURANCE(2, 10);

        private final int code;
        private final int digits;

        Kind(int code, int digits) {
            this.code = code;
            this.digits = digits;
        }

        /** How many digits a number of this kind has. */
        public int digits() {
            return digits;
        }

        int code() {
            return code;
        }

        static Kind ofCode(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown citizen number kind " + code);
        }
    }

    /** Bytes of a packed number: the kind, then the number as a 5-byte big-endian integer (10¹² < 2⁴⁰). */
    static final int PACKED_BYTES = 6;
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    public CitizenNumber {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digits, "digits");
        // Messages give lengths, never the value: they may end up in a log.
        if (digits.length() != kind.digits() || !DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException(kind + " must be " + kind.digits() + " digits, was "
                    + digits.length() + " characters");
        }
    }

    byte[] pack() {
        long value = Long.parseLong(digits);
        byte[] out = new byte[PACKED_BYTES];
        out[0] = (byte) kind.code();
        for (int i = PACKED_BYTES - 1; i >= 1; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    static CitizenNumber unpack(byte[] packed) {
        if (packed.length != PACKED_BYTES) {
            throw new IllegalArgumentException("a packed citizen number has " + PACKED_BYTES + " bytes, was " + packed.length);
        }
        Kind kind = Kind.ofCode(packed[0]);
        long value = 0;
        for (int i = 1; i < PACKED_BYTES; i++) {
            value = (value << 8) | (packed[i] & 0xFF);
        }
        String text = Long.toString(value);
        if (text.length() > kind.digits()) {
            throw new IllegalArgumentException(kind + " must be " + kind.digits() + " digits, was longer");
        }
        return new CitizenNumber(kind, "0".repeat(kind.digits() - text.length()) + text);
    }

    @Override
    public String toString() {
        return "CitizenNumber[" + kind + ", redacted]";
    }
}
