package vn.kiosk06.server.ingest;

/**
 * A request was refused as a whole (not one event of it, which would be quarantined instead). The message names
 * the problem and is sent to the device as the status description.
 */
public final class IngestRejectedException extends RuntimeException {

    /** Why the request was refused; the gRPC edge maps it to a status code. */
    public enum Reason {
        /** The request is malformed (INVALID_ARGUMENT). */
        INVALID,
        /** The request is larger than allowed (RESOURCE_EXHAUSTED). */
        TOO_LARGE,
        /** The device sends faster than its rate limit (RESOURCE_EXHAUSTED). */
        RATE_LIMITED,
        /** The authenticated device writes under another device's id (PERMISSION_DENIED). */
        FORBIDDEN
    }

    private final Reason reason;

    public IngestRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
