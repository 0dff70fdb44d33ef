package vn.kiosk06.server.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Dashboard log-in settings ({@code kiosk06.server.auth.*}; in server.yml {@code session-idle-timeout},
 * {@code session-max-age}).
 *
 * @param sessionIdleTimeout a session unused this long ends (default 30 min)
 * @param sessionMaxAge      a session ends this long after log-in whatever its use (default 12 h)
 * @param nameFailures       failed log-ins for one user name from one address before that name is locked for that
 *                           address (default 5); other addresses may still log in under the name
 * @param ipFailures         failed log-ins from one address before it is locked (default 20: offices share one)
 * @param nameSlowdownAfter  failed log-ins for one user name from all addresses together before its attempts are
 *                           slowed (default 50); never a lock, so nobody can keep an admin out by guessing
 * @param nameSlowdownStep   how much each failure past that adds to the wait before an answer (default 1 s)
 * @param maxNameSlowdown    the longest such wait (default 10 s)
 * @param lockout            the first lock's length; each further failure while counted doubles it (default 1 min)
 * @param maxLockout         the longest lock (default 1 h)
 * @param failureMemory      failures older than this are forgotten (default 24 h)
 * @param loginPerMinute     log-in attempts per client address and minute, counted in memory before anything touches
 *                           the database (default 10); over it an attempt is answered 429 at once
 * @param loginBurst         log-in attempts an address may make at once before that rate applies (default 20)
 */
@ConfigurationProperties("kiosk06.server.auth")
public record AuthConfig(@Bindable(defaultValue = "30m") Duration sessionIdleTimeout,
                         @Bindable(defaultValue = "12h") Duration sessionMaxAge,
                         @Bindable(defaultValue = "5") int nameFailures,
                         @Bindable(defaultValue = "20") int ipFailures,
                         @Bindable(defaultValue = "50") int nameSlowdownAfter,
                         @Bindable(defaultValue = "1s") Duration nameSlowdownStep,
                         @Bindable(defaultValue = "10s") Duration maxNameSlowdown,
                         @Bindable(defaultValue = "1m") Duration lockout,
                         @Bindable(defaultValue = "1h") Duration maxLockout,
                         @Bindable(defaultValue = "24h") Duration failureMemory,
                         @Bindable(defaultValue = "10") double loginPerMinute,
                         @Bindable(defaultValue = "20") int loginBurst) {

    public AuthConfig {
        if (sessionIdleTimeout.isNegative() || sessionIdleTimeout.isZero() || sessionMaxAge.compareTo(sessionIdleTimeout) < 0) {
            throw new IllegalArgumentException("session-idle-timeout must be > 0 and ≤ session-max-age, was "
                    + sessionIdleTimeout + " / " + sessionMaxAge);
        }
        if (nameFailures < 1 || ipFailures < 1 || nameSlowdownAfter < nameFailures) {
            throw new IllegalArgumentException("failure limits must be ≥ 1 and name-slowdown-after ≥ name-failures, were "
                    + nameFailures + " / " + ipFailures + " / " + nameSlowdownAfter);
        }
        if (nameSlowdownStep.isNegative() || maxNameSlowdown.compareTo(nameSlowdownStep) < 0) {
            throw new IllegalArgumentException("name-slowdown-step must be ≥ 0 and ≤ max-name-slowdown, were "
                    + nameSlowdownStep + " / " + maxNameSlowdown);
        }
        if (loginPerMinute <= 0 || loginBurst < 1) {
            throw new IllegalArgumentException("login-per-minute must be > 0 and login-burst ≥ 1, were " + loginPerMinute
                    + " / " + loginBurst);
        }
    }

    /** The defaults (tools and tests). */
    public static AuthConfig defaults() {
        return new AuthConfig(Duration.ofMinutes(30), Duration.ofHours(12), 5, 20, 50, Duration.ofSeconds(1),
                Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofHours(24), 10, 20);
    }
}
