package vn.kiosk06.client.journal;

/**
 * New events are refused for want of space, with events still waiting for the server; nothing was dropped. Either
 * the journal reached its configured limit or the device's disk is (nearly) full. The message says which, how many
 * events wait, and what to do.
 */
public final class JournalFullException extends JournalException {

    public JournalFullException(String message) {
        super(message);
    }

    public JournalFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
