package vn.kiosk06.server.auth;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import vn.kiosk06.server.audit.AuditLog;

/**
 * Checks a log-in attempt against the throttle and the users, starts a session on success and audits every
 * outcome. An unknown name, a disabled user and a wrong password give the same answer in the same time. Thread-safe.
 */
@Singleton
public final class LoginService {

    private final UserDirectory users;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;

    public LoginService(UserDirectory users, SessionStore sessions, LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    /** What an attempt came to. */
    public sealed interface Outcome permits LoggedIn, Refused, Locked {
    }

    /** Right name and password: the new session. */
    public record LoggedIn(SessionStore.NewSession session) implements Outcome {
    }

    /** Wrong name or password (which one is not said). */
    public record Refused() implements Outcome {
    }

    /** Too many failures for this name or address: refused until {@code until}, whatever the password. */
    public record Locked(Instant until, long retryAfterSeconds) implements Outcome {
    }

    /** One attempt by {@code name} from {@code ip}; clears {@code password} before returning. */
    public Outcome login(String name, char[] password, String ip) {
        try {
            String n = name == null ? "" : name.strip().toLowerCase(java.util.Locale.ROOT);
            // Only a well-formed name goes into the audit: someone who typed their password into the name field
            // must not find it in the log.
            String actor = DashboardUser.NAME.matcher(n).matches() ? n : "(malformed name)";
            LoginThrottle.Keys keys = LoginThrottle.Keys.of(n, ip);
            Optional<Instant> locked = throttle.attempt(keys);
            if (locked.isPresent()) {
                audit.record(actor, AuditLog.LOGIN_LOCKED, actor, "from " + ip + ", locked until " + locked.get());
                return locked(locked.get());
            }
            Optional<DashboardUser> user = users.check(n, password == null ? new char[0] : password);
            if (user.isEmpty()) {
                audit.record(actor, AuditLog.LOGIN_FAILED, actor, "from " + ip);
                return new Refused();
            }
            throttle.succeeded(keys);
            SessionStore.NewSession session = sessions.create(user.get());
            audit.record(n, AuditLog.LOGIN_OK, n, "from " + ip + " as " + user.get().role().id() + " of " + user.get().unitCode());
            return new LoggedIn(session);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private Locked locked(Instant until) {
        long seconds = Math.max(1, (until.toEpochMilli() - clock.millis() + 999) / 1000);
        return new Locked(until, seconds);
    }
}
