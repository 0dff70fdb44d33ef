package vn.kiosk06.server.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final AtomicLong nanos = new AtomicLong();
    final RateLimiter limiter = new RateLimiter(3, 2, nanos::get, 100);

    @Test
    void burstThenRate_perKey() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a", 1)).isEmpty();
        }
        assertThat(limiter.tryAcquire("a", 1)).contains(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire("b", 1)).as("another key is unaffected").isEmpty();

        nanos.addAndGet(Duration.ofMillis(500).toNanos());

        assertThat(limiter.tryAcquire("a", 1)).isEmpty();
        assertThat(limiter.tryAcquire("a", 1)).isPresent();
    }

    @Test
    void idleKeys_areForgottenWhenTheMapGrows() {
        for (int i = 0; i < 500; i++) {
            limiter.tryAcquire("addr-" + i, 1);
            nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        }
        // Still answers correctly for a fresh key, and a recent one is still limited as it should be.
        assertThat(limiter.tryAcquire("fresh", 3)).isEmpty();
        assertThat(limiter.tryAcquire("fresh", 1)).isPresent();
    }
}
