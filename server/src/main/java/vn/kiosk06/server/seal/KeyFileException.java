package vn.kiosk06.server.seal;

/** A secret file (the citizen key) is unusable; the message names the file and what to do. */
public final class KeyFileException extends RuntimeException {
    public KeyFileException(String message) {
        super(message);
    }

    public KeyFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
