package vn.kiosk06.client.journal;

/** An event was refused before it reached the journal; the message names the field and the problem. */
public final class InvalidEventException extends JournalException {

    public InvalidEventException(String message) {
        super(message);
    }
}
