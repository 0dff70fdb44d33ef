package vn.kiosk06.client.journal;

/** The journal reached its configured disk limit with events still waiting for the server; nothing was dropped. */
public final class JournalFullException extends JournalException {

    public JournalFullException(String message) {
        super(message);
    }
}
