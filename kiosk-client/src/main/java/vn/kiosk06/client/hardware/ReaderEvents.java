package vn.kiosk06.client.hardware;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.hardware.identity.CardReading;
import vn.kiosk06.hardware.reader.ReaderProfile;

/**
 * The in-process hub between the card readers and the screens: the latest reading (kept for {@link #hold}, so a
 * screen that opens just after a scan still sees it), each configured reader's connection state and read counts,
 * and subscriptions for screens that want every update as it happens.
 *
 * <p>Thread-safe. Updates arrive on the readers' threads; subscribers are called on that thread, so they must
 * return quickly. A subscriber that throws is logged and stays subscribed.
 */
public final class ReaderEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderEvents.class);

    /** What subscribers receive. */
    public sealed interface Update permits Read, Connection {
    }

    /**
     * A reading, journaled as the event {@code seq} (empty if the journal refused it).
     *
     * @param reading the reading (keyed hash, age group, sex; no raw data)
     * @param seq     the journal seq of its CardRead event
     */
    public record Read(CardReading reading, OptionalLong seq) implements Update {
        public Read {
            Objects.requireNonNull(reading, "reading");
            Objects.requireNonNull(seq, "seq");
        }
    }

    /** A reader's port opened or went away. */
    public record Connection(ReaderProfile profile, String path, boolean connected) implements Update {
    }

    /** A configured reader as the status endpoint shows it. */
    public record ReaderState(ReaderProfile profile, String path, boolean connected, long readsOk, long readsFailed) {
    }

    private final Clock clock;
    private final Duration hold;
    private final Map<ReaderProfile, ReaderState> readers = new LinkedHashMap<>();
    private final List<Consumer<Update>> subscribers = new CopyOnWriteArrayList<>();
    private Read latest;
    private Instant latestAt;

    /** @param hold how long {@link #latest} keeps offering a reading */
    public ReaderEvents(Clock clock, Duration hold) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hold = Objects.requireNonNull(hold, "hold");
    }

    /** Registers a subscriber; close the returned handle to unsubscribe. */
    public AutoCloseable subscribe(Consumer<Update> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** The latest reading if it is younger than the hold time. */
    public synchronized Optional<Read> latest() {
        if (latest == null || clock.instant().isAfter(latestAt.plus(hold))) {
            return Optional.empty();
        }
        return Optional.of(latest);
    }

    /** Each configured reader, in the order they were registered. */
    public synchronized List<ReaderState> readers() {
        return List.copyOf(new ArrayList<>(readers.values()));
    }

    /** True when every configured reader's port is open (and when there is none). */
    public synchronized boolean allConnected() {
        return readers.values().stream().allMatch(ReaderState::connected);
    }

    /** A reader from the configuration, not connected until its port opens. */
    synchronized void register(ReaderProfile profile, String path) {
        readers.put(profile, new ReaderState(profile, path, false, 0, 0));
    }

    void connection(ReaderProfile profile, String path, boolean connected) {
        synchronized (this) {
            ReaderState s = readers.get(profile);
            if (s == null) {
                s = new ReaderState(profile, path, false, 0, 0);
            }
            readers.put(profile, new ReaderState(profile, path, connected, s.readsOk(), s.readsFailed()));
        }
        publish(new Connection(profile, path, connected));
    }

    void reading(ReaderProfile profile, CardReading reading, OptionalLong seq) {
        Read read = new Read(reading, seq);
        synchronized (this) {
            latest = read;
            latestAt = clock.instant();
            ReaderState s = readers.get(profile);
            if (s != null) {
                readers.put(profile, new ReaderState(profile, s.path(), s.connected(),
                        s.readsOk() + (reading.isOk() ? 1 : 0), s.readsFailed() + (reading.isOk() ? 0 : 1)));
            }
        }
        publish(read);
    }

    private void publish(Update update) {
        for (Consumer<Update> s : subscribers) {
            try {
                s.accept(update);
            } catch (RuntimeException e) {
                LOG.error("reader events: a subscriber threw {}", e.getClass().getName());
            }
        }
    }
}
