package vn.kiosk06.client.eligibility;

import java.util.Objects;

/**
 * The insurance check's verdict.
 *
 * @param insured true: received as BHYT; false: offered the fee path
 * @param reason  a code the screens translate, e.g. {@code INSURED}, {@code CARD_EXPIRED}, {@code GROUP_NOT_ACCEPTED},
 *                {@code NOT_INSURED}, {@code PORTAL_UNAVAILABLE}; never personal data
 */
public record Eligibility(boolean insured, String reason) {
    public Eligibility {
        Objects.requireNonNull(reason, "reason");
        if (!reason.matches("[A-Z_]{1,40}")) {
            throw new IllegalArgumentException("reason must be an UPPER_CASE code, was '" + reason + "'");
        }
    }

    /** Insured (BHYT). */
    public static Eligibility covered() {
        return new Eligibility(true, "INSURED");
    }

    /** Not insured, for {@code reason}. */
    public static Eligibility notInsured(String reason) {
        return new Eligibility(false, reason);
    }
}
