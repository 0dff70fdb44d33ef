package vn.kiosk06.server.security;

import io.micronaut.http.HttpRequest;

/**
 * The logged-in user behind a request, put on the request by {@link vn.kiosk06.server.auth.AccessFilter}; controllers ask it whether the
 * user may see or change a unit. Immutable.
 *
 * @param user      who
 * @param csrfToken the session's CSRF token (the dashboard sends it back in {@value vn.kiosk06.server.auth.AccessFilter#CSRF_HEADER})
 */
public record Caller(DashboardUser user, String csrfToken) {

    private static final String ATTRIBUTE = "kiosk06.caller";

    /** Puts this caller on {@code request}, for {@link #of}: the access filter's part, once a session checked out. */
    public void putOn(HttpRequest<?> request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /** The caller of a request that passed {@link vn.kiosk06.server.auth.AccessFilter}. */
    public static Caller of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, Caller.class)
                .orElseThrow(() -> new IllegalStateException("no caller on " + request.getPath() + ": is AccessFilter on?"));
    }

    public String name() {
        return user.name();
    }

    /**
     * Whether {@code unitCode} lies in the user's subtree. The pseudo-unit of unassigned devices belongs to no
     * subtree: only users scoped to a root of the tree see it.
     */
    public boolean canSee(UnitScope tree, String unitCode) {
        if (unitCode != null && tree.isUnassigned(unitCode)) {
            return isWholeTree(tree);
        }
        return unitCode != null && tree.isWithin(unitCode, user.unitCode());
    }

    /** Whether the user's unit is a root of {@code tree} (e.g. the province). */
    public boolean isWholeTree(UnitScope tree) {
        return tree.isRoot(user.unitCode());
    }

    /** Throws {@link ForbiddenException} unless {@link #canSee}; an unknown unit is left to the caller (404). */
    public void requireUnit(UnitScope tree, String unitCode) {
        if (tree.holds(unitCode) || tree.isUnassigned(unitCode)) {
            if (!canSee(tree, unitCode)) {
                throw new ForbiddenException("unit " + unitCode + " is outside " + user.name() + "'s scope (" + user.unitCode()
                        + " and below)");
            }
        }
    }

    /** Throws {@link ForbiddenException} unless the user is an admin. */
    public void requireAdmin(String what) {
        if (!user.isAdmin()) {
            throw new ForbiddenException("only admins may " + what + "; " + user.name() + " is a " + user.role().id());
        }
    }
}
