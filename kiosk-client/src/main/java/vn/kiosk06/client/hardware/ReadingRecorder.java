package vn.kiosk06.client.hardware;

import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournalException;
import vn.kiosk06.hardware.gpio.Buzzer;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.reader.ReaderListener;
import vn.kiosk06.hardware.reader.ReaderProfile;

/**
 * What happens to every reading of one reader: it becomes a {@code CardRead} event in the journal (durable before
 * the beep, so a good beep means "recorded"), the buzzer beeps once for OK and three times for FAILED, and the
 * reading goes to the {@link ReaderEvents} hub for the screens.
 *
 * <p>Called on the reader's thread, one reading at a time.
 */
final class ReadingRecorder implements ReaderListener {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingRecorder.class);

    private final ReaderProfile profile;
    private final Journal journal;
    private final Buzzer buzzer;
    private final ReaderEvents events;

    ReadingRecorder(ReaderProfile profile, Journal journal, Buzzer buzzer, ReaderEvents events) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.buzzer = Objects.requireNonNull(buzzer, "buzzer");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public void onReading(CardReading reading) {
        OptionalLong seq = OptionalLong.empty();
        try {
            seq = OptionalLong.of(journal.append(CardReadEvent.of(reading)));
        } catch (JournalException e) {
            // The message names the journal's problem (full, disk error), never the event's contents.
            LOG.error("{} reader: card read not journaled: {}", profile, e.getMessage());
        }
        if (reading.isOk()) {
            buzzer.goodRead();
        } else {
            buzzer.failedRead();
        }
        events.reading(profile, reading, seq);
    }

    @Override
    public void onReaderConnected(ReaderProfile p, String path) {
        events.connection(profile, path, true);
    }

    @Override
    public void onReaderDisconnected(ReaderProfile p, String path) {
        events.connection(profile, path, false);
    }
}
