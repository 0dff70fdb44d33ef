package vn.kiosk06.server.security;

import java.util.Locale;

/** What a dashboard user may do within their org-unit subtree. */
public enum Role {
    /** Reads reports and the fleet, and changes units, targets, devices and users. */
    ADMIN,
    /** Reads reports and the fleet. */
    VIEWER;

    /** The name stored and shown: {@code admin} or {@code viewer}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code admin} or {@code viewer}, naming the bad value otherwise. */
    public static Role parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "admin" -> ADMIN;
            case "viewer" -> VIEWER;
            default -> throw new AuthException("role must be admin or viewer, was '" + text + "'");
        };
    }
}
