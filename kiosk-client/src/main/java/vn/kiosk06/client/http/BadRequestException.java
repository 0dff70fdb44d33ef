package vn.kiosk06.client.http;

/** A request the local API cannot read (malformed JSON, a missing or mistyped member): answered 400. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
