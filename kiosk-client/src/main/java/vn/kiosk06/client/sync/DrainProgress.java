package vn.kiosk06.client.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Progress of draining a large backlog (a device back online after days): one log line per tenth of the backlog
 * or per 10 s, whichever comes first — "sync: 400,000 of 1,000,000 events sent, 12,000 ev/s" — so an operator
 * reading the journal sees it move and can tell how long is left. Counts by journal seq; events appended while
 * draining are not part of the total. Not thread-safe: owned by the sync thread.
 */
final class DrainProgress {

    /** Backlogs smaller than this drain in a call or two: no progress lines. */
    static final long LARGE = 10_000;
    private static final Duration EVERY = Duration.ofSeconds(10);

    private final long startSeq;
    private final long total;
    private final Instant started;
    private Instant lastLine;
    private long lastTenth;

    DrainProgress(long startSeq, long total, Instant now) {
        if (total <= 0) {
            throw new IllegalArgumentException("total must be > 0, was " + total);
        }
        this.startSeq = startSeq;
        this.total = total;
        this.started = now;
        this.lastLine = now;
    }

    /** The line announcing the drain. */
    String begun() {
        return String.format(Locale.ROOT, "sync: %,d events waiting to be sent", total);
    }

    /** The server acked through {@code seq}: a progress line when a tenth was crossed or 10 s passed, else empty. */
    Optional<String> acked(long seq, Instant now) {
        long sent = sent(seq);
        long tenth = sent * 10 / total;
        if (sent >= total || (tenth <= lastTenth && Duration.between(lastLine, now).compareTo(EVERY) < 0)) {
            return Optional.empty();
        }
        lastTenth = tenth;
        lastLine = now;
        return Optional.of(String.format(Locale.ROOT, "sync: %,d of %,d events sent, %,d ev/s", sent, total, rate(sent, now)));
    }

    /** The closing line, once the server acked through {@code seq} and nothing of the backlog is left. */
    String drained(long seq, Instant now) {
        long sent = sent(seq);
        return String.format(Locale.ROOT, "sync: backlog sent, %,d events in %,d s, %,d ev/s", sent,
                Duration.between(started, now).toSeconds(), rate(sent, now));
    }

    private long sent(long seq) {
        return Math.min(Math.max(seq - startSeq, 0), total);
    }

    private long rate(long sent, Instant now) {
        return sent * 1000 / Math.max(1, Duration.between(started, now).toMillis());
    }
}
