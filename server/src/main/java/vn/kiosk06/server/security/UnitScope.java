package vn.kiosk06.server.security;

/**
 * What a {@link Caller}'s scope is checked against: the org-unit tree ({@code orgunit.OrgUnitTree}), seen only
 * through the questions a scope check asks, so that who may see what does not depend on how the tree is kept.
 */
public interface UnitScope {

    /** Whether the tree holds a unit or device with {@code code}. */
    boolean holds(String code);

    /** Whether {@code code} is {@code ancestor} or lies under it. */
    boolean isWithin(String code, String ancestor);

    /** Whether {@code code} is a root of the tree (e.g. the province). */
    boolean isRoot(String code);

    /** Whether {@code code} names the pseudo-unit of devices that synced but are in no unit. */
    boolean isUnassigned(String code);
}
