package vn.kiosk06.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), new Random(42));

    @Test
    void delay_growsExponentiallyWithFullJitter() {
        for (int attempt = 1; attempt <= 8; attempt++) {
            long bound = 1000L << (attempt - 1);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt).toMillis()).isBetween(0L, bound);
            }
        }
    }

    @Test
    void delay_isCappedEvenAfterDaysOffline() {
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            max = Math.max(max, backoff.delay(10_000).toMillis());
        }
        assertThat(max).isLessThanOrEqualTo(300_000).isGreaterThan(200_000);
    }
}
