package vn.kiosk06.hardware.reader;

import vn.kiosk06.hardware.identity.CardReading;

/**
 * What the app hears from a {@link CardReader}. Called on the reader's own thread, one call at a time; hand work
 * off to the UI thread rather than blocking here. Exceptions thrown here are logged and swallowed.
 */
public interface ReaderListener {
    /** A card was read, successfully or not. */
    void onReading(CardReading reading);

    /** The reader's port opened (at start or after a replug). */
    default void onReaderConnected(ReaderProfile profile, String path) {
    }

    /** The reader's port is gone or could not be opened; the reader keeps retrying. */
    default void onReaderDisconnected(ReaderProfile profile, String path) {
    }

    /** Chip readers only: a card was laid on the reader ("hold still"). */
    default void onCardPresent() {
    }

    /** Chip readers only: the card was taken away. */
    default void onCardRemoved() {
    }
}
