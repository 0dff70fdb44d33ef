package vn.kiosk06.server.admin;

/** An administration command that cannot go ahead; the message says why, and is all the user sees. */
final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    AdminException(String message) {
        super(message);
    }
}
