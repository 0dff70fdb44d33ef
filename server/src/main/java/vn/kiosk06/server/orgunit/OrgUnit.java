package vn.kiosk06.server.orgunit;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One node of the org-unit tree: a province, commune/ward/special zone, facility, team or device.
 *
 * @param code   stable identifier, 1–64 chars of [A-Za-z0-9._-], e.g. "kiosk-pq-01"
 * @param name   display name in Vietnamese, e.g. "Trung tâm Y tế Phú Quốc"
 * @param level  the unit's level
 * @param parent the parent's code; empty for a root
 * @param goLive the day the unit (a kiosk) went live, the start of its cumulative figures; empty if
 *               not set
 */
public record OrgUnit(String code, String name, OrgUnitLevel level, Optional<String> parent,
        Optional<LocalDate> goLive) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** The longest name: a Vietnamese facility name is under 100 characters. */
    public static final int MAX_NAME = 200;

    public OrgUnit {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be 1–64 chars of [A-Za-z0-9._-], was \"" + code + "\"");
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name of " + code + " must not be blank");
        }
        if (name.length() > MAX_NAME) {
            throw new IllegalArgumentException("name of " + code + " must be at most " + MAX_NAME + " characters, was "
                    + name.length());
        }
        int bad = firstControl(name);
        if (bad >= 0) {
            // A line break in a name broke the CSV the tree was saved to; a name is one line of plain text.
            throw new IllegalArgumentException("name of " + code + " must not contain control characters (line breaks, "
                    + "tabs …), found U+" + String.format("%04X", name.codePointAt(bad)) + " at position " + (bad + 1));
        }
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(goLive, "goLive");
        if (parent.filter(code::equals).isPresent()) {
            throw new IllegalArgumentException("unit " + code + " cannot be its own parent");
        }
    }

    /** The index of the first control character (C0, DEL, C1) or line/paragraph separator in {@code s}, else -1. */
    private static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }
}
