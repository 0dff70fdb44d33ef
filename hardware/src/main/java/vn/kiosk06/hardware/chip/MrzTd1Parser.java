package vn.kiosk06.hardware.chip;

import vn.kiosk06.hardware.identity.FailureReason;

/**
 * Validates a Vietnamese ID card's TD1 MRZ: three lines of 30 characters from {@code [A-Z0-9<]}, line 1
 * {@code IDVNM} + document number + check + optional data, line 2 birth date + check, sex, expiry + check,
 * nationality, optional data, composite check; line 3 the name. Every check digit is verified.
 *
 * <p>Stateless and thread-safe. Never throws.
 */
public final class MrzTd1Parser {
    static final int LINE_LENGTH = 30;
    /** Three lines plus separators, with room for CRLF; anything longer is not an MRZ. */
    static final int MAX_CHARS = 3 * LINE_LENGTH + 4;

    private MrzTd1Parser() {
    }

    /** Validates the MRZ given as three lines separated by LF or CRLF. */
    public static MrzResult parse(String mrz) {
        if (mrz == null || mrz.length() > MAX_CHARS) {
            return new MrzResult.Invalid(FailureReason.MRZ_BAD_SHAPE);
        }
        String[] lines = mrz.strip().split("\r?\n", -1);
        if (lines.length != 3) {
            return new MrzResult.Invalid(FailureReason.MRZ_BAD_SHAPE);
        }
        return parse(lines[0], lines[1], lines[2]);
    }

    /** Validates the MRZ given as its three lines. */
    public static MrzResult parse(String line1, String line2, String line3) {
        if (!wellShaped(line1) || !wellShaped(line2) || !wellShaped(line3)) {
            return new MrzResult.Invalid(FailureReason.MRZ_BAD_SHAPE);
        }
        if (!line1.startsWith("IDVNM")) {
            return new MrzResult.Invalid(FailureReason.MRZ_NOT_VIETNAMESE_ID);
        }
        String documentNumber = line1.substring(5, 14);
        if (!checks(documentNumber, line1.charAt(14))) {
            return new MrzResult.Invalid(FailureReason.MRZ_DOCUMENT_NUMBER_CHECK);
        }
        String birth = line2.substring(0, 6);
        if (!checks(birth, line2.charAt(6))) {
            return new MrzResult.Invalid(FailureReason.MRZ_BIRTH_DATE_CHECK);
        }
        String expiry = line2.substring(8, 14);
        if (!checks(expiry, line2.charAt(14))) {
            return new MrzResult.Invalid(FailureReason.MRZ_EXPIRY_DATE_CHECK);
        }
        String composite = line1.substring(5, 30) + line2.substring(0, 7) + line2.substring(8, 15)
                + line2.substring(18, 29);
        if (!checks(composite, line2.charAt(29))) {
            return new MrzResult.Invalid(FailureReason.MRZ_COMPOSITE_CHECK);
        }
        if (!digits(birth) || !digits(expiry)) {
            return new MrzResult.Invalid(FailureReason.BAD_DATE);
        }
        char sex = line2.charAt(7);
        if (sex != 'M' && sex != 'F' && sex != '<') {
            return new MrzResult.Invalid(FailureReason.BAD_SEX);
        }
        return new MrzTd1(documentNumber, line1.substring(15, 30), birth, sex, expiry, line2.substring(15, 18), line3);
    }

    private static boolean wellShaped(String line) {
        if (line == null || line.length() != LINE_LENGTH) {
            return false;
        }
        for (int i = 0; i < LINE_LENGTH; i++) {
            char c = line.charAt(i);
            if (!(c == '<' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean checks(String field, char check) {
        return check >= '0' && check <= '9' && MrzCheckDigit.of(field) == check - '0';
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
