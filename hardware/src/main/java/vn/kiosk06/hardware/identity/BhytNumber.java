package vn.kiosk06.hardware.identity;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A health-insurance (BHYT) number: either the 10-digit social-insurance number (cards since 04/2021) or the older
 * 15-character code {@code [A-Z]{2}[1-5]\d{2}\d{10}} (group, benefit level, province, 10 digits). The UI uses
 * {@link #parse(String)} to validate what a clerk typed. {@link #toString()} is redacted.
 */
public record BhytNumber(String value) {
    private static final Pattern TEN_DIGITS = Pattern.compile("\\d{10}");
    private static final Pattern LEGACY_CODE = Pattern.compile("[A-Z]{2}[1-5]\\d{2}\\d{10}");

    /** Which of the two forms a number has. */
    public enum Form {
        SOCIAL_INSURANCE_10,
        LEGACY_15
    }

    public BhytNumber {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "BHYT number must be 10 digits or [A-Z]{2}[1-5] + 12 digits, was " + value.length() + " characters");
        }
    }

    /** True if {@code candidate} is exactly one of the two forms (no spaces, upper case). */
    public static boolean isValid(String candidate) {
        if (candidate == null) {
            return false;
        }
        return TEN_DIGITS.matcher(candidate).matches() || LEGACY_CODE.matcher(candidate).matches();
    }

    /**
     * Validates typed input: spaces and dashes a clerk may type between groups are removed and letters upper-cased
     * first. Empty when the result is neither form.
     */
    public static Optional<BhytNumber> parse(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        String normalised = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        return isValid(normalised) ? Optional.of(new BhytNumber(normalised)) : Optional.empty();
    }

    /** The form of this number. */
    public Form form() {
        return value.length() == 10 ? Form.SOCIAL_INSURANCE_10 : Form.LEGACY_15;
    }

    /** The 10-digit social-insurance number inside either form: the stable part to key a person on. */
    public String socialInsuranceNumber() {
        return value.substring(value.length() - 10);
    }

    @Override
    public String toString() {
        return "BhytNumber[" + form() + ", redacted]";
    }
}
