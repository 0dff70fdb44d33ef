package vn.kiosk06.server.auth;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.security.AuthException;
import vn.kiosk06.server.security.DashboardUser;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.db.StoreException;

/**
 * Dashboard users in the database ({@code dashboard_user}): add, list, disable, and check a password. There is no
 * default user and no default password: the first admin comes from {@code ./kiosk06 admin user add}. Thread-safe.
 */
@Singleton
public final class UserDirectory {

    /** Shortest accepted password; long passphrases beat composition rules (NIST SP 800-63B). */
    public static final int MIN_PASSWORD = 12;
    private static final int MAX_PASSWORD = 256;
    /** Used to verify against when the user does not exist, so an unknown name costs as long as a wrong password. */
    private final String decoyHash;

    private final Database database;
    private final PasswordHasher hasher;
    private final Clock clock;

    public UserDirectory(Database database, PasswordHasher hasher, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy password, never matches".toCharArray());
    }

    /**
     * Adds a user scoped to {@code unitCode}'s subtree in {@code tree}. {@code ROOT} stands for the tree's root
     * when it has one.
     *
     * @throws AuthException naming the problem: bad name, existing name, unknown unit, weak password
     */
    public DashboardUser add(String name, Role role, String unitCode, char[] password, OrgUnitTree tree) {
        DashboardUser.checkName(name);
        String unit = resolveUnit(unitCode, tree);
        checkPassword(name, password);
        DashboardUser user = new DashboardUser(name, role, unit, false, clock.millis());
        String hash = hasher.hash(password);
        try (Connection c = database.connect()) {
            if (find(c, name).isPresent()) {
                throw new AuthException("user '" + name + "' exists already");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dashboard_user "
                    + "(name, role, unit_code, password_hash, disabled, created_ms) VALUES (?, ?, ?, ?, 0, ?)")) {
                ps.setString(1, name);
                ps.setString(2, role.id());
                ps.setString(3, unit);
                ps.setString(4, hash);
                ps.setLong(5, user.createdMs());
                ps.executeUpdate();
            }
            c.commit();
            return user;
        } catch (SQLException e) {
            throw new StoreException("cannot add user " + name + ": " + e.getMessage(), e);
        }
    }

    private static String resolveUnit(String unitCode, OrgUnitTree tree) {
        String code = unitCode == null ? "" : unitCode.strip();
        if (tree.find(code).isPresent()) {
            return code;
        }
        List<String> roots = tree.roots().stream().map(OrgUnit::code).toList();
        if ("ROOT".equals(code) && roots.size() == 1) {
            return roots.get(0);
        }
        throw new AuthException("unknown unit '" + code + "'; the org-unit tree's root" + (roots.size() == 1 ? " is " : "s are ")
                + String.join(", ", roots) + (roots.size() == 1 ? " (ROOT also names it)" : ""));
    }

    static void checkPassword(String name, char[] password) {
        if (password == null || password.length < MIN_PASSWORD) {
            throw new AuthException("the password must have at least " + MIN_PASSWORD + " characters");
        }
        if (password.length > MAX_PASSWORD) {
            throw new AuthException("the password must have at most " + MAX_PASSWORD + " characters");
        }
        if (new String(password).toLowerCase(java.util.Locale.ROOT).contains(name)) {
            throw new AuthException("the password must not contain the user name");
        }
    }

    /** Every user, by name. */
    public List<DashboardUser> list() {
        try (Connection c = database.connect();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT name, role, unit_code, disabled, created_ms FROM dashboard_user ORDER BY name")) {
            List<DashboardUser> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(user(rs));
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list users: " + e.getMessage(), e);
        }
    }

    /** The user called {@code name}, disabled or not. */
    public Optional<DashboardUser> find(String name) {
        try (Connection c = database.connect()) {
            Optional<DashboardUser> u = find(c, name);
            c.commit();
            return u;
        } catch (SQLException e) {
            throw new StoreException("cannot read user " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Disables {@code name} and ends their sessions at once.
     *
     * @throws AuthException if there is no such user
     */
    public DashboardUser disable(String name) {
        try (Connection c = database.connect()) {
            DashboardUser u = find(c, name).orElseThrow(() -> new AuthException("no user '" + name + "'"));
            try (PreparedStatement ps = c.prepareStatement("UPDATE dashboard_user SET disabled = 1 WHERE name = ?");
                 PreparedStatement end = c.prepareStatement("DELETE FROM dashboard_session WHERE user_name = ?")) {
                ps.setString(1, name);
                ps.executeUpdate();
                end.setString(1, name);
                end.executeUpdate();
            }
            c.commit();
            return new DashboardUser(u.name(), u.role(), u.unitCode(), true, u.createdMs());
        } catch (SQLException e) {
            throw new StoreException("cannot disable user " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The enabled user {@code name} if {@code password} is theirs. Always runs one Argon2 verification, so the time
     * taken does not tell an unknown or disabled name from a wrong password.
     */
    public Optional<DashboardUser> check(String name, char[] password) {
        String hash = null;
        DashboardUser user = null;
        if (DashboardUser.isValidName(name)) {
            try (Connection c = database.connect();
                 PreparedStatement ps = c.prepareStatement("SELECT name, role, unit_code, disabled, created_ms, password_hash "
                         + "FROM dashboard_user WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        user = user(rs);
                        hash = rs.getString(6);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                throw new StoreException("cannot read user " + name + ": " + e.getMessage(), e);
            }
        }
        boolean matches = hasher.verify(password, hash != null ? hash : decoyHash);
        return matches && hash != null && !user.disabled() ? Optional.of(user) : Optional.empty();
    }

    private static Optional<DashboardUser> find(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, role, unit_code, disabled, created_ms FROM dashboard_user WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    private static DashboardUser user(ResultSet rs) throws SQLException {
        return new DashboardUser(rs.getString(1), Role.parse(rs.getString(2)), rs.getString(3), rs.getInt(4) != 0,
                rs.getLong(5));
    }
}
