package vn.kiosk06.server.security;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A dashboard user as stored (without the password hash).
 *
 * @param name      log-in name: 3–64 of a-z, 0-9, '.', '_', '-' (no personal data needed: "lan.pq" will do)
 * @param role      admin or viewer
 * @param unitCode  the org unit whose subtree the user sees (and, for admins, administers)
 * @param disabled  a disabled user cannot log in and their sessions end
 * @param createdMs when the user was added, epoch ms
 */
public record DashboardUser(String name, Role role, String unitCode, boolean disabled, long createdMs) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9._-]{3,64}");

    public DashboardUser {
        checkName(name);
        Objects.requireNonNull(role, "role");
        if (unitCode == null || unitCode.isBlank()) {
            throw new AuthException("a user needs a unit (the code of the org unit whose subtree they see)");
        }
    }

    /** Whether {@code name} is a valid log-in name (a malformed one is never looked up, nor logged as given). */
    public static boolean isValidName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Throws {@link AuthException} unless {@code name} is a valid log-in name. */
    public static void checkName(String name) {
        if (!isValidName(name)) {
            throw new AuthException("user name must be 3–64 characters of a-z, 0-9, '.', '_' or '-', was '" + name + "'");
        }
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
