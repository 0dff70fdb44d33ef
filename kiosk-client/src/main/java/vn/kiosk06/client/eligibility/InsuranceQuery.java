package vn.kiosk06.client.eligibility;

import java.util.Objects;
import java.util.Optional;
import vn.kiosk06.hardware.identity.BhytNumber;
import vn.kiosk06.hardware.identity.CredentialKind;

/**
 * What the kiosk knows when it asks about insurance: which credential the person showed and, when they typed it,
 * the BHYT number. A scanned card reaches the kiosk only as a keyed hash, so a scan carries no number here.
 *
 * @param credential the credential shown (citizen ID card or health-insurance card)
 * @param bhytNumber the BHYT number, present only when typed at the kiosk; its {@code toString()} is redacted
 */
public record InsuranceQuery(CredentialKind credential, Optional<BhytNumber> bhytNumber) {
    public InsuranceQuery {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(bhytNumber, "bhytNumber");
    }

    /** A scanned card (CCCD QR, chip or BHYT/VNeID QR). */
    public static InsuranceQuery scanned(CredentialKind credential) {
        return new InsuranceQuery(credential, Optional.empty());
    }

    /** A typed BHYT number. */
    public static InsuranceQuery typed(BhytNumber number) {
        return new InsuranceQuery(CredentialKind.HEALTH_INSURANCE, Optional.of(number));
    }
}
