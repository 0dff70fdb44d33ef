package vn.kiosk06.client.eligibility;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import vn.kiosk06.hardware.identity.BhytNumber;

/**
 * An {@link InsuranceCheck} that needs no network: configurable rules for a demo, a training kiosk or a site
 * without a link to the social-insurance portal.
 * <ul>
 *   <li>a scanned card (no number reaches the kiosk) counts as {@code insurance-cards: insured|uninsured};</li>
 *   <li>a typed number listed in {@code insurance-expired} is refused as {@code CARD_EXPIRED};</li>
 *   <li>an old 15-character code whose 2-letter group is not in {@code insurance-groups} (when that list is set)
 *       is refused as {@code GROUP_NOT_ACCEPTED};</li>
 *   <li>any other well-formed typed number is insured.</li>
 * </ul>
 * Immutable and thread-safe.
 */
public final class OfflineInsuranceRules implements InsuranceCheck {

    private final boolean cardsInsured;
    private final Set<String> expired;
    private final Set<String> groups;

    /**
     * @param cardsInsured what a scanned card counts as
     * @param expired      BHYT numbers (10 digits or 15 characters) treated as expired
     * @param groups       accepted group codes of old 15-character cards; empty accepts all
     */
    public OfflineInsuranceRules(boolean cardsInsured, Set<String> expired, Set<String> groups) {
        this.cardsInsured = cardsInsured;
        // Compared on the 10-digit social-insurance number, so a person's old 15-character card and new card agree.
        this.expired = Objects.requireNonNull(expired, "expired").stream()
                .map(n -> BhytNumber.parse(n).orElseThrow(() -> new IllegalArgumentException(
                        "insurance-expired holds an item that is not a BHYT number (10 digits or 15 characters)")))
                .map(BhytNumber::socialInsuranceNumber)
                .collect(Collectors.toUnmodifiableSet());
        this.groups = Objects.requireNonNull(groups, "groups").stream()
                .map(g -> g.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Eligibility check(InsuranceQuery query) {
        if (query.bhytNumber().isEmpty()) {
            return cardsInsured ? Eligibility.covered() : Eligibility.notInsured("NOT_INSURED");
        }
        BhytNumber number = query.bhytNumber().get();
        if (expired.contains(number.socialInsuranceNumber())) {
            return Eligibility.notInsured("CARD_EXPIRED");
        }
        if (number.form() == BhytNumber.Form.LEGACY_15 && !groups.isEmpty()
                && !groups.contains(number.value().substring(0, 2))) {
            return Eligibility.notInsured("GROUP_NOT_ACCEPTED");
        }
        return Eligibility.covered();
    }
}
