package vn.kiosk06.server.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
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
    void aFloodOfNewKeys_keepsAtMostMaxKeys_andForgetsTheLeastRecentlyUsed() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("busy", 1);
        }
        for (int i = 0; i < 500; i++) {
            limiter.tryAcquire("addr-" + i, 1);
            if (i % 50 == 0) {
                limiter.tryAcquire("busy", 1); // used again now and then: never the least recently used
            }
            assertThat(limiter.size()).isLessThanOrEqualTo(100);
        }

        assertThat(limiter.size()).isEqualTo(100);
        assertThat(limiter.tryAcquire("busy", 1)).as("a key in use keeps its empty bucket").isPresent();
        assertThat(limiter.tryAcquire("addr-0", 3)).as("an evicted key starts again full").isEmpty();
        assertThat(limiter.tryAcquire("fresh", 3)).isEmpty();
        assertThat(limiter.tryAcquire("fresh", 1)).isPresent();
    }

    @Test
    void addressKey_isTheAddressForIpv4_andThe64ForIpv6() throws Exception {
        assertThat(AddressKey.of(InetAddress.getByName("192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(AddressKey.of(InetAddress.getByName("::ffff:192.0.2.7"))).isEqualTo("192.0.2.7");
        assertThat(AddressKey.of(InetAddress.getByName("2001:db8:a:b:1:2:3:4"))).isEqualTo("2001:db8:a:b::/64");
        assertThat(AddressKey.of(InetAddress.getByName("2001:db8:a:b:ffff::9")))
                .isEqualTo(AddressKey.of(InetAddress.getByName("2001:db8:a:b::1")));
        assertThat(AddressKey.of(InetAddress.getByName("2001:db8:a:c::1"))).isEqualTo("2001:db8:a:c::/64");
        assertThat(AddressKey.of(new InetSocketAddress(InetAddress.getByName("::1"), 443))).isEqualTo("0:0:0:0::/64");
    }
}
