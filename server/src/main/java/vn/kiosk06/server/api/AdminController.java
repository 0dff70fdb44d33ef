package vn.kiosk06.server.api;

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
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitLevel;

/**
 * Admin edits of the org-unit tree from the dashboard: {@code POST /api/v1/admin/units} adds a unit,
 * {@code POST /api/v1/admin/device-unit} puts a device under a facility or team. <b>Not authenticated yet</b>
 * (authentication comes with a later issue): keep the HTTP port on a trusted network until then. Edits are saved
 * to {@code dataDir/org-units.csv}; an edit that would break the tree is a 400 naming the problem.
 */
@Controller("/api/v1/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminController {

    private final OrgUnitDirectory units;

    AdminController(OrgUnitDirectory units) {
        this.units = units;
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
    Edited addUnit(@Body NewUnit u) {
        OrgUnit unit = new OrgUnit(u.code() == null ? "" : u.code().strip(), u.name() == null ? "" : u.name().strip(),
                OrgUnitLevel.valueOf(u.level() == null ? "" : u.level().strip().toUpperCase(Locale.ROOT)),
                blank(u.parent()) ? Optional.empty() : Optional.of(u.parent().strip()), date(u.goLive()));
        int n = units.addUnit(unit).units().size();
        return new Edited("đã thêm " + unit.code(), n);
    }

    @Post(value = "/device-unit", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    Edited moveDevice(@Body DeviceMove m) {
        if (blank(m.device()) || blank(m.parent())) {
            throw new IllegalArgumentException("device and parent are required");
        }
        int n = units.moveDevice(m.device().strip(), m.parent().strip(), date(m.goLive())).units().size();
        return new Edited("đã chuyển " + m.device().strip() + " vào " + m.parent().strip(), n);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Optional<LocalDate> date(String s) {
        return blank(s) ? Optional.empty() : Optional.of(LocalDate.parse(s.strip()));
    }
}
