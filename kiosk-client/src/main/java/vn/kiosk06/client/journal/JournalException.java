package vn.kiosk06.client.journal;

/** Why the journal could not take or return events. The message is fit to show a technician. */
public class JournalException extends RuntimeException {

    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
