package vn.kiosk06.wire.seal;

/** A sealed citizen id that cannot be opened; the message says why (never any plaintext). */
public final class SealedIdException extends RuntimeException {
    public SealedIdException(String message) {
        super(message);
    }
}
