package vn.kiosk06.server.db;

/** The store could not do what was asked; nothing of the failed operation was committed. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
