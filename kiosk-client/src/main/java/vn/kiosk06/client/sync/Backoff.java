package vn.kiosk06.client.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the n-th retry waits a uniformly random time in [0, min(cap, base·2ⁿ)).
 * Full jitter spreads a fleet that lost the server at the same moment, so it does not come back in lockstep.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** The delay before retry number {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        long bound = base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        bound = Math.min(Math.max(bound, 1), cap.toMillis());
        return Duration.ofMillis(random.nextLong(bound + 1));
    }
}
