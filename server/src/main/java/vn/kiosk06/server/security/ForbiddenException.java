package vn.kiosk06.server.security;

/** A logged-in user asked for something outside their role or org-unit subtree: HTTP 403 with this message. */
public final class ForbiddenException extends AuthException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }
}
