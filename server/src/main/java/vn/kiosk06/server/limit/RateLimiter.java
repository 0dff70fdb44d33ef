package vn.kiosk06.server.limit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a device id, a client address — see {@link AddressKey}): a key may spend {@code burst}
 * tokens at once and gets {@code perSecond} back every second. Refusing costs nothing, so one noisy key cannot slow
 * the others.
 *
 * <p>Thread-safe (one lock; each call is a map lookup and a little arithmetic). At most {@code maxKeys} buckets are
 * kept: past that the least recently used is dropped, so a flood of new addresses costs bounded memory and O(1) per
 * call. A dropped key starts again with a full bucket, which is why address keys are per /64 for IPv6 (one client
 * owns a whole /64 and could otherwise mint keys without end).
 */
public final class RateLimiter {

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    /**
     * @param nanoTime a monotonic clock ({@code System::nanoTime}; a fake one in tests)
     * @param maxKeys  the most keys remembered at once
     */
    public RateLimiter(double burst, double perSecond, LongSupplier nanoTime, int maxKeys) {
        if (burst < 1 || perSecond <= 0 || maxKeys < 1) {
            throw new IllegalArgumentException("rate limit needs burst ≥ 1, rate > 0 and max keys ≥ 1, was burst " + burst
                    + ", rate " + perSecond + "/s, max keys " + maxKeys);
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(Math.min(maxKeys, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes {@code tokens} from {@code key}'s bucket; empty when allowed, else how long until it would be. */
    public Optional<Duration> tryAcquire(String key, double tokens) {
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
            return bucket.take(tokens, now);
        }
    }

    /** How many keys are remembered (tests). */
    int size() {
        synchronized (buckets) {
            return buckets.size();
        }
    }

    /** Guarded by the map's lock. */
    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        Optional<Duration> take(double want, long now) {
            tokens = Math.min(burst, tokens + Math.max(0, now - updated) * perNano);
            updated = Math.max(updated, now);
            if (tokens >= want) {
                tokens -= want;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((want - tokens) / perNano)));
        }
    }
}
