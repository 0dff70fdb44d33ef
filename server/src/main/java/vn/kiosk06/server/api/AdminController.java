package vn.kiosk06.server.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.auth.Caller;
import vn.kiosk06.server.auth.ForbiddenException;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitLevel;

/**
 * Admin edits of the org-unit tree from the dashboard: {@code POST /api/v1/admin/units} adds a unit,
 * {@code POST /api/v1/admin/device-unit} puts a device under a facility or team. Admins only (the access filter
 * refuses others), and only inside the admin's own subtree (403 otherwise); every edit is audited. Edits are saved
 * to {@code dataDir/org-units.csv}; an edit that would break the tree is a 400 naming the problem.
 */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminController {

    private final OrgUnitDirectory units;
    private final AuditLog audit;

    AdminController(OrgUnitDirectory units, AuditLog audit) {
        this.units = units;
        this.audit = audit;
    }

    /** A unit to add; goLive is yyyy-MM-dd or empty. */
    @Serdeable
    record NewUnit(String code, String name, String level, String parent, String goLive) {
    }

    /** A device and the facility or team to put it under. */
    @Serdeable
    record DeviceMove(String device, String parent, String goLive) {
    }

    /** What the edit did. */
    @Serdeable
    record Edited(String message, int units) {
    }

    @Post(value = "/units", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    Edited addUnit(HttpRequest<?> request, @Body NewUnit u) {
        Caller caller = Caller.of(request);
        caller.requireAdmin("add units");
        if (blank(u.parent()) ? !caller.isWholeTree(units.tree()) : !caller.canSee(units.tree(), u.parent().strip())) {
            throw new ForbiddenException("a new unit must go under " + caller.user().unitCode() + " or below, was parent '"
                    + (u.parent() == null ? "" : u.parent().strip()) + "'");
        }
        OrgUnit unit = new OrgUnit(u.code() == null ? "" : u.code().strip(), u.name() == null ? "" : u.name().strip(),
                OrgUnitLevel.valueOf(u.level() == null ? "" : u.level().strip().toUpperCase(Locale.ROOT)),
                blank(u.parent()) ? Optional.empty() : Optional.of(u.parent().strip()), date(u.goLive()));
        int n = units.addUnit(unit).units().size();
        audit.record(caller.name(), AuditLog.UNIT_ADD, unit.code(), unit.level() + " \"" + unit.name() + "\" under "
                + unit.parent().orElse("(root)") + unit.goLive().map(d -> ", live from " + d).orElse(""));
        return new Edited("đã thêm " + unit.code(), n);
    }

    @Post(value = "/device-unit", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    Edited moveDevice(HttpRequest<?> request, @Body DeviceMove m) {
        Caller caller = Caller.of(request);
        caller.requireAdmin("move devices");
        if (blank(m.device()) || blank(m.parent())) {
            throw new IllegalArgumentException("device and parent are required");
        }
        String device = m.device().strip();
        String parent = m.parent().strip();
        var tree = units.tree();
        // A device already in the tree may only move within the admin's subtree; a new one only into it.
        if (!caller.canSee(tree, parent) || (tree.find(device).isPresent() && !caller.canSee(tree, device))) {
            throw new ForbiddenException("moving " + device + " under " + parent + " reaches outside "
                    + caller.user().unitCode() + "'s subtree");
        }
        String from = tree.find(device).flatMap(OrgUnit::parent).orElse(OrgUnitDirectory.UNASSIGNED);
        int n = units.moveDevice(device, parent, date(m.goLive())).units().size();
        audit.record(caller.name(), AuditLog.DEVICE_MOVE, device, "from " + from + " to " + parent);
        return new Edited("đã chuyển " + m.device().strip() + " vào " + m.parent().strip(), n);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Optional<LocalDate> date(String s) {
        return blank(s) ? Optional.empty() : Optional.of(LocalDate.parse(s.strip()));
    }
}
