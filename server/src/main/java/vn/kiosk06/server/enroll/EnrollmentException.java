package vn.kiosk06.server.enroll;

/** A registry request that cannot be honoured; the message says why, in words an admin or a technician can act on. */
public final class EnrollmentException extends RuntimeException {

    public enum Reason {
        /** The request itself is malformed (bad device id, unit, validity). */
        INVALID,
        /** No such device. */
        UNKNOWN_DEVICE,
        /** The code is unknown, used or expired. */
        CODE_REFUSED
    }

    private final Reason reason;

    public EnrollmentException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
