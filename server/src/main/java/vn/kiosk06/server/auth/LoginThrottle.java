package vn.kiosk06.server.auth;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.store.StoreException;

/**
 * Slows password guessing: log-in attempts are counted per user name and per client address ({@code login_failure},
 * shared by server instances) before the password is checked, and a right one gives its attempt back. When a key
 * reaches its limit it is locked for {@link AuthConfig#lockout()}, and each further failure after the lock doubles
 * that (up to {@link AuthConfig#maxLockout()}). A locked key refuses even the right password
 * until the lock passes. Names are counted whether or not the user exists, so the lock tells nothing about which
 * names are real. Thread-safe.
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
    public record Keys(String name, String ip) {
        public static Keys of(String userName, String ip) {
            String n = userName == null ? "" : userName.strip().toLowerCase(Locale.ROOT);
            return new Keys("name:" + (n.length() > 64 ? n.substring(0, 64) : n), "ip:" + ip);
        }

        List<String> all() {
            return List.of(name, ip);
        }
    }

    /**
     * Takes one attempt for {@code keys}: refused (with the lock's end) if either key is locked, else counted
     * <em>before</em> the password is checked, so parallel guesses cannot slip past the limit while the slow hash
     * runs. The attempt that reaches a key's limit still goes ahead; it locks the key for the ones after it. The
     * count is a write first (an atomic increment), so concurrent attempts, on one server or several, serialize.
     */
    public Optional<Instant> attempt(Keys keys) {
        long now = clock.millis();
        try (Connection c = database.connect()) {
            increment(c, keys.name(), now);
            increment(c, keys.ip(), now);
            long lockedUntil = 0;
            int nameCount = 0;
            int ipCount = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT failures, locked_until_ms FROM login_failure WHERE throttle_key = ?")) {
                for (String key : keys.all()) {
                    ps.setString(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        lockedUntil = Math.max(lockedUntil, rs.getLong(2));
                        if (key.equals(keys.name())) {
                            nameCount = rs.getInt(1);
                        } else {
                            ipCount = rs.getInt(1);
                        }
                    }
                }
            }
            if (lockedUntil > now) {
                c.commit();
                return Optional.of(Instant.ofEpochMilli(lockedUntil));
            }
            lockIfAtLimit(c, keys.name(), nameCount, config.nameFailures(), now);
            lockIfAtLimit(c, keys.ip(), ipCount, config.ipFailures(), now);
            c.commit();
            return Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot count a log-in attempt: " + e.getMessage(), e);
        }
    }

    /**
     * The attempt was right: the name's count (and any lock its attempt set) is cleared, and the address gets its
     * attempt back, so an office's many good log-ins never lock it. An address's lock stays: one good account must
     * not unlock an address that guessed at others.
     */
    public void succeeded(Keys keys) {
        try (Connection c = database.connect();
             PreparedStatement name = c.prepareStatement("DELETE FROM login_failure WHERE throttle_key = ?");
             PreparedStatement ip = c.prepareStatement("UPDATE login_failure SET failures = failures - 1 "
                     + "WHERE throttle_key = ? AND failures > 0")) {
            name.setString(1, keys.name());
            name.executeUpdate();
            ip.setString(1, keys.ip());
            ip.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot clear log-in failures: " + e.getMessage(), e);
        }
    }

    /** One more attempt on {@code key}; none while it is locked (hammering a lock does not lengthen it); old ones forgotten. */
    private void increment(Connection c, String key, long now) throws SQLException {
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
