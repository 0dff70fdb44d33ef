package vn.kiosk06.server.limit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.List;

/**
 * Per-client limits ({@code kiosk06.server.limits.*}); the message-size limit is
 * {@code grpc.server.max-inbound-message-size} and the batch limit 5,000 events (the wire contract).
 *
 * @param deviceCallsPerSecond  sustained handshakes and upload batches per device: a device draining a backlog as
 *                              fast as ingest allows sends about 70 batches of 2,000 events a second (bench sync),
 *                              a runaway or hostile one floods with many more, smaller calls
 * @param deviceBurst           calls a device may make at once before the rate applies; 500 lets a 1,000,000-event
 *                              backlog drain unthrottled
 * @param enrollPerMinute       enrollment attempts per client address and minute (codes are 98-bit random; this
 *                              stops guessing and keeps the registry's load small)
 * @param enrollBurst           enrollment attempts an address may make at once
 * @param instances             how many server instances share the load (behind one address, on one PostgreSQL). These
 *                              rates are counted in memory — a database write per upload batch would cost ingest its
 *                              speed — so each instance enforces its share: rate / instances, burst / instances
 *                              (at least 1). Spread over all instances, a client gets the configured rate; pinned to
 *                              one (a long upload stream), its share. Log-in failures and locks are counted in the
 *                              database and need no share.
 * @param trustedProxies        addresses or CIDR blocks of the reverse proxies in front of the instances (nginx,
 *                              {@code deploy/nginx/kiosk06-grpc.conf}), e.g. {@code 10.0.0.5,10.0.0.6}; none by default.
 *                              From them the client's address is read from {@code x-forwarded-for} for the enrollment
 *                              throttle, and they are exempt from max-connections-per-address (the proxy opens one
 *                              upstream connection per call in flight; it caps its clients itself). See
 *                              {@link TrustedProxies}.
 */
@ConfigurationProperties("kiosk06.server.limits")
public record Limits(@Bindable(defaultValue = "100") double deviceCallsPerSecond,
                     @Bindable(defaultValue = "500") int deviceBurst,
                     @Bindable(defaultValue = "6") double enrollPerMinute,
                     @Bindable(defaultValue = "10") int enrollBurst,
                     @Bindable(defaultValue = "1") int instances,
                     @Nullable List<String> trustedProxies) {

    public Limits {
        if (instances < 1) {
            throw new IllegalArgumentException("kiosk06.server.limits.instances must be ≥ 1, was " + instances);
        }
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        TrustedProxies.of(trustedProxies); // a bad entry is refused at start, naming it
    }

    /** The proxies whose forwarded client address is believed. */
    public TrustedProxies proxies() {
        return TrustedProxies.of(trustedProxies);
    }

    /** This instance's share of a rate. */
    public double rateShare(double rate) {
        return rate / instances;
    }

    /** This instance's share of a burst, at least 1 (a client must be able to make a call at all). */
    public int burstShare(int burst) {
        return Math.max(1, burst / instances);
    }
}
