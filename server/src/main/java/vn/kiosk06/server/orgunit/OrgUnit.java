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

    public OrgUnit {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("code must be 1–64 chars of [A-Za-z0-9._-], was \"" + code + "\"");
        }
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name of " + code + " must not be blank");
        }
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(goLive, "goLive");
        if (parent.filter(code::equals).isPresent()) {
            throw new IllegalArgumentException("unit " + code + " cannot be its own parent");
        }
    }
}
