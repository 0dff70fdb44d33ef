package vn.kiosk06.hardware.identity;

/** Which number a {@link CitizenKey} was derived from: the 12-digit personal ID or a health-insurance number. */
public enum CredentialKind {
    CITIZEN_ID,
    HEALTH_INSURANCE
}
