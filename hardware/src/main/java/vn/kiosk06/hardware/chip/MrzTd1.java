package vn.kiosk06.hardware.chip;

import java.util.Objects;

/**
 * A validated TD1 machine-readable zone (3 lines × 30) from a Vietnamese ID card's DG1. Holds personal data
 * (document number, names); {@link #toString()} is redacted.
 *
 * @param documentNumber 9 characters after {@code IDVNM}: the last 9 digits of the personal ID
 * @param optionalData1  15 characters after the document check digit; on Vietnamese cards it begins with the full
 *                       12-digit ID
 * @param birthDate      {@code YYMMDD}
 * @param sex            {@code M}, {@code F} or {@code <}
 * @param expiryDate     {@code YYMMDD}
 * @param nationality    3 letters, {@code VNM}
 * @param names          line 3 as printed: {@code SURNAME<<GIVEN<NAMES<<<}
 */
public record MrzTd1(
        String documentNumber,
        String optionalData1,
        String birthDate,
        char sex,
        String expiryDate,
        String nationality,
        String names) implements MrzResult {

    public MrzTd1 {
        Objects.requireNonNull(documentNumber, "documentNumber");
        Objects.requireNonNull(optionalData1, "optionalData1");
        Objects.requireNonNull(birthDate, "birthDate");
        Objects.requireNonNull(expiryDate, "expiryDate");
        Objects.requireNonNull(nationality, "nationality");
        Objects.requireNonNull(names, "names");
        if (documentNumber.length() != 9) {
            throw new IllegalArgumentException("documentNumber must be 9 characters, was " + documentNumber.length());
        }
        if (birthDate.length() != 6 || expiryDate.length() != 6) {
            throw new IllegalArgumentException("MRZ dates must be YYMMDD");
        }
    }

    /**
     * Builds the three MRZ lines for the given fields with correct check digits; used by the simulator and tests.
     * Fields are padded with {@code <}.
     */
    public static String compose(String documentNumber, String optionalData1, String birthYymmdd, char sex,
            String expiryYymmdd, String names) {
        String docCheck = String.valueOf(MrzCheckDigit.charOf(documentNumber));
        String line1 = pad("IDVNM" + documentNumber + docCheck + optionalData1, 30);
        String dob = birthYymmdd + MrzCheckDigit.charOf(birthYymmdd);
        String exp = expiryYymmdd + MrzCheckDigit.charOf(expiryYymmdd);
        String opt2 = pad("", 11);
        String composite = line1.substring(5, 30) + dob + exp + opt2;
        String line2 = dob + sex + exp + "VNM" + opt2 + MrzCheckDigit.charOf(composite);
        String line3 = pad(names, 30);
        return line1 + "\n" + line2 + "\n" + line3;
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, width);
        }
        return s + "<".repeat(width - s.length());
    }

    @Override
    public String toString() {
        return "MrzTd1[redacted]";
    }
}
