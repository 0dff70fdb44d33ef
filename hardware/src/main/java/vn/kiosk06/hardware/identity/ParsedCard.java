package vn.kiosk06.hardware.identity;

/**
 * What a parser made of one reader payload: a citizen ID card, a health-insurance card, or a failure with its
 * reason. The first two hold raw personal data and stay inside the hardware module; convert them with
 * {@link Pseudonymizer} before anything leaves.
 */
public sealed interface ParsedCard permits CitizenCard, HealthInsuranceCard, FailedRead {
}
