package vn.kiosk06.server.tls;

/** The server's certificate or key cannot be made, read or used; the message names the file and the problem. */
public final class TlsException extends RuntimeException {
    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }

    public TlsException(String message) {
        super(message);
    }
}
