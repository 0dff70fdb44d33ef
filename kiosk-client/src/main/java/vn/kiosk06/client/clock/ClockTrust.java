package vn.kiosk06.client.clock;

/** Whether the device's wall clock can be taken at its word. */
public enum ClockTrust {
    /** Measured close to the server's clock recently, or NTP-synchronised per the OS. */
    TRUSTED,
    /** Not checked, checked too long ago, changed since, or found off. */
    UNTRUSTED
}
