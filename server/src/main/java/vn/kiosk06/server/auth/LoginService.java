package vn.kiosk06.server.auth;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.limit.AddressKey;
import vn.kiosk06.server.limit.Limits;
import vn.kiosk06.server.limit.RateLimiter;
import vn.kiosk06.server.security.DashboardUser;

/**
 * Checks a log-in attempt against the throttle and the users, starts a session on success and audits every
 * outcome. An unknown name, a disabled user and a wrong password give the same answer in the same time.
 *
 * <p>An in-memory rate per client address ({@code kiosk06.server.auth.login-per-minute}, {@code login-burst}, each
 * instance enforcing its share, see {@link Limits#instances()}) comes first: a flood is answered 429 before anything touches the database (the {@link LoginThrottle} counters and the
 * audit are writes). A lock-out, by that rate or by the throttle, is audited once, not on every refused attempt.
 * Thread-safe.
 */
@Singleton
public final class LoginService {

    private final UserDirectory users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final RateLimiter perAddress;
    /** Lock-outs already audited: key → when its lock-out counts as over; bounded, least recently used out first. */
    private final Map<String, Instant> auditedLockouts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > 10_000;
        }
    };

    /** A lock-out is over (and the next refusal audited again) after this long without a refused attempt. */
    static final Duration LOCKOUT_QUIET = Duration.ofMinutes(1);

    public LoginService(UserDirectory users, SessionStore sessions, LoginThrottle throttle, AuditLog audit, Clock clock,
                        AuthConfig config, Limits limits) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        // The server's clock, so a test can move it; epoch nanoseconds fit a long until the year 2262.
        // This instance's share of the rate (kiosk06.server.limits.instances): together they allow the configured one.
        this.perAddress = new RateLimiter(limits.burstShare(config.loginBurst()), limits.rateShare(config.loginPerMinute()) / 60.0,
                () -> clock.millis() * 1_000_000L, 10_000);
    }

    /** What an attempt came to, and how long to hold the answer back (see {@link LoginThrottle}). */
    public sealed interface Outcome permits LoggedIn, Refused, Locked {
        Duration delay();
    }

    /** Right name and password: the new session. */
    public record LoggedIn(SessionStore.NewSession session, Duration delay) implements Outcome {
    }

    /** Wrong name or password (which one is not said). */
    public record Refused(Duration delay) implements Outcome {
    }

    /** Too many failures for this name from this address, or from this address: refused until {@code until}. */
    public record Locked(Instant until, long retryAfterSeconds) implements Outcome {
        @Override
        public Duration delay() {
            return Duration.ZERO;
        }
    }

    /** One attempt by {@code name} from {@code ip}; clears {@code password} before returning. */
    public Outcome login(String name, char[] password, String ip) {
        try {
            String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
            // Only a well-formed name goes into the audit: someone who typed their password into the name field
            // must not find it in the log.
            String actor = DashboardUser.isValidName(n) ? n : "(malformed name)";
            Optional<Duration> wait = perAddress.tryAcquire(addressKey(ip), 1);
            if (wait.isPresent()) {
                Instant until = clock.instant().plus(wait.get());
                if (firstRefusalOfLockout("rate " + ip, until)) {
                    audit.record(actor, AuditLog.LOGIN_LOCKED, actor, "from " + ip
                            + ", too many log-in attempts from this address; refused in memory until the rate allows");
                }
                return locked(until);
            }
            LoginThrottle.Keys keys = LoginThrottle.Keys.of(n, ip);
            LoginThrottle.Decision decision = throttle.attempt(keys);
            Optional<Instant> locked = decision.lockedUntil();
            if (locked.isPresent()) {
                if (firstRefusalOfLockout(keys.pair() + " " + keys.ip(), locked.get())) {
                    audit.record(actor, AuditLog.LOGIN_LOCKED, actor, "from " + ip + ", locked until " + locked.get());
                }
                return locked(locked.get());
            }
            Optional<DashboardUser> user = users.check(n, password == null ? new char[0] : password);
            if (user.isEmpty()) {
                audit.record(actor, AuditLog.LOGIN_FAILED, actor, "from " + ip);
                return new Refused(decision.delay());
            }
            throttle.succeeded(keys);
            SessionStore.NewSession session = sessions.create(user.get());
            audit.record(n, AuditLog.LOGIN_OK, n, "from " + ip + " as " + user.get().role().id() + " of " + user.get().unitCode());
            return new LoggedIn(session, decision.delay());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The rate's key for a peer address: IPv6 per /64 (see {@link AddressKey}). */
    private static String addressKey(String ip) {
        try {
            return AddressKey.of(java.net.InetAddress.getByName(ip)); // a literal: no name lookup
        } catch (java.net.UnknownHostException e) {
            return ip;
        }
    }

    /**
     * Whether this refusal starts a lock-out (so it is audited): true unless the same key was refused within
     * {@link #LOCKOUT_QUIET} or while its previous lock lasted. Each refusal extends the lock-out.
     */
    private boolean firstRefusalOfLockout(String key, Instant lockedUntil) {
        Instant now = clock.instant();
        Instant over = now.plus(LOCKOUT_QUIET);
        if (lockedUntil.isAfter(over)) {
            over = lockedUntil;
        }
        synchronized (auditedLockouts) {
            Instant previous = auditedLockouts.get(key);
            boolean ongoing = previous != null && previous.isAfter(now);
            auditedLockouts.put(key, ongoing && previous.isAfter(over) ? previous : over);
            return !ongoing;
        }
    }

    private Locked locked(Instant until) {
        long seconds = Math.max(1, (until.toEpochMilli() - clock.millis() + 999) / 1000);
        return new Locked(until, seconds);
    }
}
