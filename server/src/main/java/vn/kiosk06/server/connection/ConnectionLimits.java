package vn.kiosk06.server.connection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long and how many network connections the server keeps ({@code kiosk06.server.connections.*}; in server.yml
 * {@code max-connections-per-address}, {@code connection-handshake-timeout}, {@code connection-idle-timeout}). A
 * client that connects and then says nothing must not hold a file descriptor for ever, and one address must not take
 * them all: each connection is a descriptor, and the unit's {@code LimitNOFILE} is finite.
 *
 * @param maxPerAddress       open connections one client address may hold, sync and dashboard ports together; more
 *                            are closed at once (default 256: a hospital's kiosks and offices behind one NAT fit)
 * @param handshakeTimeout    a gRPC connection must finish TLS and HTTP/2's opening within this (default 20 s)
 * @param idleTimeout         a gRPC connection without a call for this long is closed (GOAWAY; default 5 min, so a
 *                            device that syncs every minute keeps its connection)
 * @param keepAliveTime       the server pings a connection silent for this long, to find dead peers (default 2 min)
 * @param keepAliveTimeout    and closes it when the ping is not answered within this (default 20 s)
 * @param permitKeepAliveTime a client may ping no more often than this; more often gets GOAWAY (default 1 min)
 * @param maxAge              a gRPC connection is asked to reconnect after this long, so devices spread over several
 *                            instances again after one restarts (default 1 h)
 * @param maxAgeGrace         calls still running then may finish within this (default 10 min)
 */
@ConfigurationProperties("kiosk06.server.connections")
public record ConnectionLimits(@Bindable(defaultValue = "256") int maxPerAddress,
                               @Bindable(defaultValue = "20s") Duration handshakeTimeout,
                               @Bindable(defaultValue = "5m") Duration idleTimeout,
                               @Bindable(defaultValue = "2m") Duration keepAliveTime,
                               @Bindable(defaultValue = "20s") Duration keepAliveTimeout,
                               @Bindable(defaultValue = "1m") Duration permitKeepAliveTime,
                               @Bindable(defaultValue = "1h") Duration maxAge,
                               @Bindable(defaultValue = "10m") Duration maxAgeGrace) {

    public ConnectionLimits {
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("max-connections-per-address must be ≥ 1, was " + maxPerAddress);
        }
        for (Duration d : new Duration[] {handshakeTimeout, idleTimeout, keepAliveTime, keepAliveTimeout,
                permitKeepAliveTime, maxAge, maxAgeGrace}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("connection timeouts must be > 0, was " + d);
            }
        }
    }
}
