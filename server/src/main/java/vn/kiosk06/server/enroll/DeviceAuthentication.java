package vn.kiosk06.server.enroll;

/** The registry's verdict on a device's credential. */
public enum DeviceAuthentication {
    /** Known, enrolled, not revoked, and the secret matches. */
    ACCEPTED,
    /** No such device in the registry. */
    UNKNOWN_DEVICE,
    /** Registered but never enrolled (its code is still pending or expired). */
    NOT_ENROLLED,
    /** The secret does not match the device's credential. */
    WRONG_SECRET,
    /** Revoked by an admin. */
    REVOKED
}
