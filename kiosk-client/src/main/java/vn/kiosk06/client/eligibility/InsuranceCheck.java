package vn.kiosk06.client.eligibility;

/**
 * Decides whether a patient is received as insured (BHYT) or fee-paying. The kiosk calls it once per person,
 * right after the card is read or the BHYT number typed, on a request or reader thread.
 *
 * <p>Implementations: {@link OfflineInsuranceRules} (configurable rules, for a demo or a site without a link to
 * the social-insurance portal). A real adapter calls the portal's card-check service with the number it is given,
 * must answer within a few seconds (the person is standing at the kiosk), and on any failure — timeout, portal
 * down, unknown answer — returns {@link Eligibility#notInsured} with a reason code such as {@code PORTAL_UNAVAILABLE}:
 * the kiosk then offers the fee path, as hospitals do, and never blocks. It must not log the number.
 * Implementations must be thread-safe.
 */
public interface InsuranceCheck {

    /** The verdict for {@code query}; never throws, never blocks longer than a few seconds. */
    Eligibility check(InsuranceQuery query);
}
