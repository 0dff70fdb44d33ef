package vn.kiosk06.hardware.identity;

/** Sex as printed on an ID or health-insurance card. */
public enum Sex {
    MALE,
    FEMALE
}
