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
 * Slows password guessing: failed log-ins are counted per user name and per client address ({@code login_failure},
 * shared by server instances). When a key reaches its limit it is locked for {@link AuthConfig#lockout()}, and each
 * further failure doubles that (up to {@link AuthConfig#maxLockout()}). A locked key refuses even the right password
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

    /** Until when an attempt with {@code keys} is refused; empty if it may go ahead. */
    public Optional<Instant> lockedUntil(Keys keys) {
        long now = clock.millis();
        long until = 0;
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement("SELECT locked_until_ms FROM login_failure WHERE throttle_key = ?")) {
            for (String key : keys.all()) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        until = Math.max(until, rs.getLong(1));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot read log-in failures: " + e.getMessage(), e);
        }
        return until > now ? Optional.of(Instant.ofEpochMilli(until)) : Optional.empty();
    }

    /** Counts a failed attempt against both keys, locking any that reached its limit. */
    public void failed(Keys keys) {
        long now = clock.millis();
        try (Connection c = database.connect()) {
            count(c, keys.name(), config.nameFailures(), now);
            count(c, keys.ip(), config.ipFailures(), now);
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot count a log-in failure: " + e.getMessage(), e);
        }
    }

    /** A successful log-in clears the name's count (the address's decays on its own, so one good account cannot reset it). */
    public void succeeded(Keys keys) {
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE throttle_key = ?")) {
            ps.setString(1, keys.name());
            ps.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot clear log-in failures: " + e.getMessage(), e);
        }
    }

    private void count(Connection c, String key, int limit, long now) throws SQLException {
        int failures = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT failures, last_failure_ms FROM login_failure WHERE throttle_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && now - rs.getLong(2) < config.failureMemory().toMillis()) {
                    failures = rs.getInt(1);
                }
            }
        }
        failures++;
        long lockedUntil = failures >= limit ? now + lockMillis(failures - limit) : 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure "
                + "(throttle_key, failures, last_failure_ms, locked_until_ms) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (throttle_key) DO UPDATE SET failures = excluded.failures, "
                + "last_failure_ms = excluded.last_failure_ms, locked_until_ms = excluded.locked_until_ms")) {
            ps.setString(1, key);
            ps.setInt(2, failures);
            ps.setLong(3, now);
            ps.setLong(4, lockedUntil);
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
