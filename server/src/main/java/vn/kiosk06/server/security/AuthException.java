package vn.kiosk06.server.security;

/** Bad input to user administration or log-in (unknown role, weak password, unknown unit …); the message says what. */
public class AuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthException(String message) {
        super(message);
    }

    public AuthException(String message, Throwable cause) {
        super(message, cause);
    }
}
