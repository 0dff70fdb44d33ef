package vn.kiosk06.hardware.chip;

/**
 * ICAO 9303 check digit: characters valued {@code <}=0, 0–9, A–Z=10–35, weighted 7-3-1 repeating, sum mod 10.
 * Stateless.
 */
public final class MrzCheckDigit {
    private static final int[] WEIGHTS = {7, 3, 1};

    private MrzCheckDigit() {
    }

    /**
     * Check digit of {@code field}.
     *
     * @throws IllegalArgumentException if a character is outside the MRZ alphabet
     */
    public static int of(CharSequence field) {
        int sum = 0;
        for (int i = 0; i < field.length(); i++) {
            sum += value(field.charAt(i)) * WEIGHTS[i % 3];
        }
        return sum % 10;
    }

    /** The check digit as the character written in the MRZ. */
    public static char charOf(CharSequence field) {
        return (char) ('0' + of(field));
    }

    static int value(char c) {
        if (c == '<') {
            return 0;
        }
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 10;
        }
        throw new IllegalArgumentException("not an MRZ character: U+" + Integer.toHexString(c));
    }
}
