package vn.kiosk06.server.admin;

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
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.security.ForbiddenException;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.RegisteredDevice;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitLevel;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.report.ReportService;
import vn.kiosk06.server.report.Target;
import vn.kiosk06.server.report.UnknownUnitException;
import vn.kiosk06.wire.AgeGroup;
import vn.kiosk06.wire.FieldActivity;

/**
 * Admin edits from the dashboard: {@code POST /api/v1/admin/units} adds a unit, {@code POST /api/v1/admin/device-unit}
 * puts a device under a facility or team (the admin needs authority over both where it is and where it goes), {@code POST /api/v1/admin/targets} sets a unit's target for an activity and
 * age groups. Admins only (the access filter refuses others), and only inside the admin's own subtree (403
 * otherwise); every edit is audited. Edits are saved in the database, where every server instance reads them at once;
 * an edit that would break the tree or a bad target is a 400 naming the problem.
 */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminController {

    private final OrgUnitDirectory units;
    private final DeviceRegistry registry;
    private final ReportService reports;
    private final AuditLog audit;

    AdminController(OrgUnitDirectory units, DeviceRegistry registry, ReportService reports, AuditLog audit) {
        this.units = units;
        this.registry = registry;
        this.reports = reports;
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

    /**
     * A target to set (replacing the unit's target for the same activity and age groups): ageGroups joins age-group
     * names with '+'; the numbers are text, as a form sends them.
     */
    @Serdeable
    record TargetEdit(String unit, String activity, String ageGroups, String denominator, String baseline,
                      String targetPercent) {
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
        if (tree.find(parent).isEmpty()) {
            // Said as it is (404), not as a subtree refusal: an admin who mistyped the unit must see that.
            throw new UnknownUnitException(parent);
        }
        // Authority over both ends: where the device is now (its place in the tree, else the unit it was registered
        // for) and where it goes. Else a ward admin could pull another unit's device into their ward and read it.
        String from = currentPlace(tree, device);
        if (!caller.canSee(tree, from)) {
            throw new ForbiddenException("device " + device + " belongs to " + from + ", outside "
                    + caller.user().unitCode() + "'s subtree; an admin over both " + from + " and " + parent + " may move it");
        }
        if (!caller.canSee(tree, parent)) {
            throw new ForbiddenException("moving " + device + " under " + parent + " reaches outside "
                    + caller.user().unitCode() + "'s subtree");
        }
        int n = units.moveDevice(device, parent, date(m.goLive())).units().size();
        registry.reassign(device, parent);
        audit.record(caller.name(), AuditLog.DEVICE_MOVE, device, "from " + from + " to " + parent);
        return new Edited("đã chuyển " + m.device().strip() + " vào " + m.parent().strip(), n);
    }

    /** The unit a device belongs to now: its parent in the tree, else the unit it was registered for, else none. */
    private String currentPlace(OrgUnitTree tree, String device) {
        return tree.find(device).flatMap(OrgUnit::parent)
                .or(() -> registry.find(device).map(RegisteredDevice::unitCode))
                .orElse(OrgUnitDirectory.UNASSIGNED);
    }

    @Post(value = "/targets", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    Edited setTarget(HttpRequest<?> request, @Body TargetEdit t) {
        Caller caller = Caller.of(request);
        caller.requireAdmin("change targets");
        String unit = blank(t.unit()) ? "" : t.unit().strip();
        if (units.tree().find(unit).isEmpty()) {
            throw new IllegalArgumentException("unknown unit '" + unit + "'");
        }
        caller.requireUnit(units.tree(), unit);
        java.util.Set<AgeGroup> groups = java.util.EnumSet.noneOf(AgeGroup.class);
        for (String g : (t.ageGroups() == null ? "" : t.ageGroups()).split("[+,\\s]+")) {
            if (!g.isBlank()) {
                groups.add(AgeGroup.valueOf(g.strip().toUpperCase(Locale.ROOT)));
            }
        }
        Target target = new Target(unit, FieldActivity.valueOf(t.activity() == null ? "" : t.activity().strip().toUpperCase(Locale.ROOT)),
                groups, number("denominator", t.denominator()), blank(t.baseline()) ? 0 : number("baseline", t.baseline()),
                percent(t.targetPercent()));
        Optional<Target> before = reports.setTarget(target);
        audit.record(caller.name(), AuditLog.TARGET_CHANGE, unit + "/" + target.activity().name(),
                describe(target) + before.map(b -> " (was " + describe(b) + ")").orElse(" (new)"));
        return new Edited("đã đặt chỉ tiêu " + target.activity().vietnamese() + " cho " + unit, units.tree().units().size());
    }

    private static String describe(Target t) {
        return t.targetPercent().toPlainString() + "% of " + t.denominator() + " "
                + String.join("+", t.ageGroups().stream().map(Enum::name).sorted().toList()) + ", baseline " + t.baseline();
    }

    private static long number(String field, String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, was '" + text + "'");
        }
    }

    private static java.math.BigDecimal percent(String text) {
        try {
            return new java.math.BigDecimal(text == null ? "" : text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("targetPercent must be a number 0–100, was '" + text + "'");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Optional<LocalDate> date(String s) {
        return blank(s) ? Optional.empty() : Optional.of(LocalDate.parse(s.strip()));
    }
}
