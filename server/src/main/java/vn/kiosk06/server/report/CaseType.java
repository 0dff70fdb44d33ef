package vn.kiosk06.server.report;

/** Health-insurance status of a kiosk reception: insured (BHYT) or fee-paying ("thu phí"). */
public enum CaseType {
    /** Covered by national health insurance. */
    BHYT,
    /** Fee-paying. */
    FEE
}
