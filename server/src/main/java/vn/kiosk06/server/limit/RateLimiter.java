package vn.kiosk06.server.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a device id, a client address): a key may spend {@code burst} tokens at once and gets
 * {@code perSecond} back every second. Refusing costs nothing, so one noisy key cannot slow the others.
 *
 * <p>Thread-safe. Idle keys (full buckets) are dropped when the map grows past {@code maxKeys}, so a flood of new
 * addresses cannot exhaust memory.
 */
public final class RateLimiter {

    private final double burst;
    private final double perNano;
    private final LongSupplier nanoTime;
    private final int maxKeys;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param nanoTime a monotonic clock ({@code System::nanoTime}; a fake one in tests)
     */
    public RateLimiter(double burst, double perSecond, LongSupplier nanoTime, int maxKeys) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("rate limit needs burst ≥ 1 and rate > 0, was burst " + burst
                    + ", rate " + perSecond + "/s");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.nanoTime = nanoTime;
        this.maxKeys = maxKeys;
    }

    /** Takes {@code tokens} from {@code key}'s bucket; empty when allowed, else how long until it would be. */
    public java.util.Optional<Duration> tryAcquire(String key, double tokens) {
        long now = nanoTime.getAsLong();
        if (buckets.size() > maxKeys) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        return bucket.take(tokens, now);
    }

    private final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized java.util.Optional<Duration> take(double want, long now) {
            refill(now);
            if (tokens >= want) {
                tokens -= want;
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(Duration.ofNanos((long) Math.ceil((want - tokens) / perNano)));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
