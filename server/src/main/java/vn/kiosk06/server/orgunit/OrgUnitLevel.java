package vn.kiosk06.server.orgunit;

import java.util.EnumSet;
import java.util.Set;

/**
 * The level of an org unit. Since 01/07/2025 there are two administrative levels (province, then
 * commune / ward / special zone); under them sit health facilities, community digital teams and the
 * devices that log events.
 */
public enum OrgUnitLevel {
    /** Province or centrally governed city ("tỉnh", "thành phố"); always a root. */
    PROVINCE,
    /** Commune ("xã"). */
    COMMUNE,
    /** Ward ("phường"). */
    WARD,
    /** Special zone ("đặc khu"), e.g. Phú Quốc. */
    SPECIAL_ZONE,
    /** Hospital, health centre or station ("bệnh viện", "trung tâm y tế", "trạm y tế"). */
    FACILITY,
    /** Community digital-technology team ("Tổ công nghệ số cộng đồng"). */
    TEAM,
    /** A device that logs events: a kiosk in a facility, or a team's handheld. */
    DEVICE;

    private static final Set<OrgUnitLevel> LOCAL = EnumSet.of(COMMUNE, WARD, SPECIAL_ZONE);

    /** The levels a unit of this level may hang under; empty for a root level. */
    public Set<OrgUnitLevel> allowedParents() {
        switch (this) {
            case PROVINCE:
                return EnumSet.noneOf(OrgUnitLevel.class);
            case COMMUNE:
            case WARD:
            case SPECIAL_ZONE:
                return EnumSet.of(PROVINCE);
            case FACILITY:
                return EnumSet.copyOf(LOCAL);
            case TEAM: {
                EnumSet<OrgUnitLevel> parents = EnumSet.copyOf(LOCAL);
                parents.add(FACILITY);
                return parents;
            }
            case DEVICE:
                return EnumSet.of(FACILITY, TEAM);
            default:
                throw new AssertionError(this);
        }
    }
}
