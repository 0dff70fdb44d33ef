package vn.kiosk06.server.backup;

/** A backup or restore could not be made; the message names the file and why. Nothing was replaced. */
public final class BackupException extends RuntimeException {

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
