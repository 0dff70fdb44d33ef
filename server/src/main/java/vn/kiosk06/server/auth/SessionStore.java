package vn.kiosk06.server.auth;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.security.DashboardUser;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.db.StoreException;

/**
 * Server-side dashboard sessions in the database ({@code dashboard_session}), so several server instances on one
 * PostgreSQL share them and a restart logs nobody out. The browser holds a random 256-bit id in a cookie; the table
 * holds only its SHA-256. A session ends after {@link AuthConfig#sessionIdleTimeout()} unused, after
 * {@link AuthConfig#sessionMaxAge()} whatever its use, at log-out, and when its user is disabled. Thread-safe.
 */
@Singleton
public final class SessionStore {

    /** How stale last-seen may get before a request rewrites it: saves a write per request. */
    private static final long TOUCH_AFTER_MS = 60_000;

    private final Database database;
    private final AuthConfig config;
    private final Clock clock;
    private final SecureRandom random;

    public SessionStore(Database database, AuthConfig config, Clock clock, SecureRandom random) {
        this.database = database;
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    /** A new session: the cookie value (shown once, never stored) and the CSRF token. */
    public record NewSession(String id, String csrfToken, DashboardUser user) {
    }

    /** Starts a session for {@code user}; also drops expired sessions of every user. */
    public NewSession create(DashboardUser user) {
        String id = token();
        String csrf = token();
        long now = clock.millis();
        try (Connection c = database.connect()) {
            purgeExpired(c, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dashboard_session "
                    + "(id_hash, user_name, csrf_token, created_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, hash(id));
                ps.setString(2, user.name());
                ps.setString(3, csrf);
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.executeUpdate();
            }
            c.commit();
            return new NewSession(id, csrf, user);
        } catch (SQLException e) {
            throw new StoreException("cannot start a session for " + user.name() + ": " + e.getMessage(), e);
        }
    }

    /** The live session with cookie value {@code id}, marking it used; empty if unknown, expired or its user disabled. */
    public Optional<Caller> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String idHash = hash(id);
        long now = clock.millis();
        try (Connection c = database.connect()) {
            Optional<Caller> caller = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement("SELECT s.csrf_token, s.created_ms, s.last_seen_ms, "
                    + "u.name, u.role, u.unit_code, u.disabled, u.created_ms "
                    + "FROM dashboard_session s JOIN dashboard_user u ON u.name = s.user_name WHERE s.id_hash = ?")) {
                ps.setString(1, idHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long created = rs.getLong(2);
                        long lastSeen = rs.getLong(3);
                        boolean disabled = rs.getInt(7) != 0;
                        boolean live = !disabled && now - lastSeen < config.sessionIdleTimeout().toMillis()
                                && now - created < config.sessionMaxAge().toMillis();
                        if (live) {
                            caller = Optional.of(new Caller(new DashboardUser(rs.getString(4), Role.parse(rs.getString(5)),
                                    rs.getString(6), false, rs.getLong(8)), rs.getString(1)));
                            if (now - lastSeen >= TOUCH_AFTER_MS) {
                                update(c, "UPDATE dashboard_session SET last_seen_ms = ? WHERE id_hash = ?", now, idHash);
                            }
                        } else {
                            update(c, "DELETE FROM dashboard_session WHERE id_hash = ?", idHash);
                        }
                    }
                }
            }
            c.commit();
            return caller;
        } catch (SQLException e) {
            throw new StoreException("cannot read a session: " + e.getMessage(), e);
        }
    }

    /** Ends the session with cookie value {@code id} (log-out); nothing if there is none. */
    public void end(String id) {
        try (Connection c = database.connect()) {
            update(c, "DELETE FROM dashboard_session WHERE id_hash = ?", hash(id));
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("cannot end a session: " + e.getMessage(), e);
        }
    }

    private void purgeExpired(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM dashboard_session WHERE last_seen_ms <= ? OR created_ms <= ?")) {
            ps.setLong(1, now - config.sessionIdleTimeout().toMillis());
            ps.setLong(2, now - config.sessionMaxAge().toMillis());
            ps.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
