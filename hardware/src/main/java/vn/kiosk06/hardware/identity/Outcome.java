package vn.kiosk06.hardware.identity;

/** Whether a read produced a usable citizen key. */
public enum Outcome {
    OK,
    FAILED
}
