package vn.kiosk06.client.sync;

/** A sync attempt failed; the message says why, for the status screen and the log. */
final class SyncFailure extends Exception {

    SyncFailure(String message) {
        super(message);
    }

    SyncFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
