package vn.kiosk06.server.auth;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.StoreException;

/**
 * Slows password guessing, with its state in the database ({@code login_failure}) so that every server instance on it
 * counts the same attempts. Each attempt is counted before the password is checked, under three keys:
 * <ul>
 *   <li>the user name <em>from this address</em>: locked after {@link AuthConfig#nameFailures()} failures for
 *       {@link AuthConfig#lockout()}, each further failure doubling the lock up to {@link AuthConfig#maxLockout()};
 *       the lock refuses even the right password, but only from that address — a guesser cannot keep the real user,
 *       logging in from elsewhere, out;</li>
 *   <li>the address: locked after {@link AuthConfig#ipFailures()} failures, whatever names it tried;</li>
 *   <li>the user name from everywhere: never locked, but past {@link AuthConfig#nameSlowdownAfter()} failures every
 *       answer for that name waits {@link AuthConfig#nameSlowdownStep()} per further failure (at most
 *       {@link AuthConfig#maxNameSlowdown()}), which slows a guesser spread over many addresses.</li>
 * </ul>
 * A right password clears its name-and-address count and gives the address and the name one attempt back. Names are
 * counted whether or not the user exists, so nothing tells which names are real. Thread-safe.
 */
@Singleton
public final class LoginThrottle {

    private final Database database;
    private final AuthConfig config;
    private final Clock clock;

    public LoginThrottle(Database database, AuthConfig config, Clock clock) {
        this.database = database;
        this.config = config;
        this.clock = clock;
    }

    /** The counters one attempt touches. */
    public record Keys(String pair, String name, String ip) {
        public static Keys of(String userName, String ip) {
            String n = userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
            n = n.length() > 64 ? n.substring(0, 64) : n;
            return new Keys("pair:" + n + " " + ip, "name:" + n, "ip:" + ip);
        }
    }

    /**
     * What an attempt may do: go ahead after {@code delay}, or nothing until {@code lockedUntil}.
     *
     * @param lockedUntil set when the name from this address, or the address, is locked
     * @param delay       how long to hold the answer back (zero unless the name is under a spread-out attack)
     */
    public record Decision(Optional<Instant> lockedUntil, Duration delay) {
    }

    /**
     * Takes one attempt for {@code keys}: refused (with the lock's end) if the name-and-address or the address is
     * locked, else counted <em>before</em> the password is checked, so parallel guesses cannot slip past the limit
     * while the slow hash runs. The attempt that reaches a limit still goes ahead; it locks the key for the ones after
     * it. The counts are writes first (atomic increments), so concurrent attempts, on one server or several,
     * serialize.
     */
    public Decision attempt(Keys keys) {
        long now = clock.millis();
        try (Connection c = database.connect()) {
            Counter pair = increment(c, keys.pair(), now);
            Counter ip = increment(c, keys.ip(), now);
            long lockedUntil = Math.max(pair.lockedUntil(), ip.lockedUntil());
            if (lockedUntil > now) {
                c.commit();
                return new Decision(Optional.of(Instant.ofEpochMilli(lockedUntil)), Duration.ZERO);
            }
            // Only attempts that reach the password count against the name: hammering a lock slows nobody else.
            Counter name = increment(c, keys.name(), now);
            lockIfAtLimit(c, keys.pair(), pair.failures(), config.nameFailures(), now);
            lockIfAtLimit(c, keys.ip(), ip.failures(), config.ipFailures(), now);
            c.commit();
            return new Decision(Optional.empty(), slowdown(name.failures()));
        } catch (SQLException e) {
            throw new StoreException("cannot count a log-in attempt: " + e.getMessage(), e);
        }
    }

    /** The wait for a name with {@code failures} counted from all addresses. */
    private Duration slowdown(int failures) {
        int past = failures - config.nameSlowdownAfter();
        if (past <= 0) {
            return Duration.ZERO;
        }
        Duration wait = config.nameSlowdownStep().multipliedBy(past);
        return wait.compareTo(config.maxNameSlowdown()) > 0 ? config.maxNameSlowdown() : wait;
    }

    /**
     * The attempt was right: the name-and-address count (and any lock its attempt set) is cleared; the address and
     * the name get their attempt back, so an office's many good log-ins never lock it. An address's lock stays (one
     * good account must not unlock an address that guessed at others), and so do the name's other failures: the real
     * user logging in does not wipe out the evidence of a guesser elsewhere.
     */
    public void succeeded(Keys keys) {
        try (Connection c = database.connect();
             PreparedStatement pair = c.prepareStatement("DELETE FROM login_failure WHERE throttle_key = ?");
             PreparedStatement giveBack = c.prepareStatement("UPDATE login_failure SET failures = failures - 1 "
                     + "WHERE throttle_key = ? AND failures > 0")) {
            pair.setString(1, keys.pair());
            pair.executeUpdate();
            for (String key : List.of(keys.ip(), keys.name())) {
                giveBack.setString(1, key);
                giveBack.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot clear log-in failures: " + e.getMessage(), e);
        }
    }

    /** A key's count and lock after this attempt was counted. */
    private record Counter(int failures, long lockedUntil) {
    }

    /** One more attempt on {@code key}; none while it is locked (hammering a lock does not lengthen it); old ones forgotten. */
    private Counter increment(Connection c, String key, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure "
                + "(throttle_key, failures, last_failure_ms, locked_until_ms) VALUES (?, 1, ?, 0) "
                + "ON CONFLICT (throttle_key) DO UPDATE SET "
                + "failures = CASE WHEN login_failure.locked_until_ms > ? THEN login_failure.failures "
                + "WHEN login_failure.last_failure_ms <= ? THEN 1 ELSE login_failure.failures + 1 END, "
                + "last_failure_ms = CASE WHEN login_failure.locked_until_ms > ? THEN login_failure.last_failure_ms ELSE ? END")) {
            ps.setString(1, key);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, now - config.failureMemory().toMillis());
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT failures, locked_until_ms FROM login_failure WHERE throttle_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Counter(rs.getInt(1), rs.getLong(2));
            }
        }
    }

    private void lockIfAtLimit(Connection c, String key, int count, int limit, long now) throws SQLException {
        if (count < limit) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE login_failure SET locked_until_ms = ? WHERE throttle_key = ?")) {
            ps.setLong(1, now + lockMillis(count - limit));
            ps.setString(2, key);
            ps.executeUpdate();
        }
    }

    /** lockout · 2^doublings, capped at maxLockout. */
    private long lockMillis(int doublings) {
        long max = config.maxLockout().toMillis();
        long base = config.lockout().toMillis();
        return doublings >= 30 ? max : Math.min(max, base << doublings);
    }
}
