package vn.kiosk06.server.enroll;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.kiosk06.server.audit.AuditLog;
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.security.ForbiddenException;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitLevel;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.tls.ServerTransport;

/**
 * Device enrollment from the dashboard, the same {@link DeviceRegistry} the CLI ({@code ./kiosk06 admin device …})
 * uses: {@code GET /api/v1/admin/devices} lists the devices registered in the caller's subtree,
 * {@code POST /api/v1/admin/devices} registers one and returns its one-time code (shown once, never stored in the
 * clear) with a QR code of it and places the device under that unit in the org-unit tree when the unit is a facility
 * or team (a device registered for a higher unit stays that unit's until an admin places it), {@code POST /api/v1/admin/devices/{id}/revoke} revokes one (its next call is
 * refused). Admins only (the access filter also refuses others and checks the CSRF token), only inside the admin's
 * subtree (403), bad input a 400 naming the field, every registration and revocation audited with the logged-in
 * admin as actor. An {@code --insecure} server has no certificate whose fingerprint a code could carry: it lists
 * devices and says so, and refuses to register (409).
 */
@Controller("/api/v1/admin/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeviceAdminController {

    private final DeviceRegistry registry;
    private final OrgUnitDirectory units;
    private final AuditLog audit;
    private final ServerTransport transport;

    DeviceAdminController(DeviceRegistry registry, OrgUnitDirectory units, AuditLog audit, ServerTransport transport) {
        this.registry = registry;
        this.units = units;
        this.audit = audit;
        this.transport = transport;
    }

    /** A device to register: validity like the CLI's --valid (30m, 24h, 7d; default 24h), address host:port. */
    @Serdeable
    record NewDevice(@Nullable String deviceId, @Nullable String unit, @Nullable String valid, @Nullable String address) {
    }

    /** One device as the table shows it; times in epoch milliseconds, null when it has not happened. */
    @Serdeable
    record DeviceRow(String deviceId, String unit, String state, long registeredAtMs, String registeredBy,
                     @Nullable Long codeExpiresAtMs, @Nullable Long enrolledAtMs, @Nullable Long revokedAtMs,
                     @Nullable String revokedBy) {
    }

    /**
     * The page's data: whether the server is insecure (then {@code fingerprint} is empty and {@code note} says why
     * codes cannot be issued), the certificate fingerprint codes carry, and the devices.
     */
    @Serdeable
    record DeviceList(boolean insecure, String fingerprint, String note, List<DeviceRow> devices) {
    }

    /** A fresh code, returned exactly once: {@code qr} is a data: URI of an SVG QR code of {@code code}. */
    @Serdeable
    record IssuedView(String deviceId, String unit, String code, long expiresAtMs, String fingerprint, String qr,
                      String message) {
    }

    /** What a revocation did. */
    @Serdeable
    record Revoked(String deviceId, boolean revokedNow, String message) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    DeviceList list(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        caller.requireAdmin("list enrolled devices");
        OrgUnitTree tree = units.tree();
        List<DeviceRow> rows = registry.list().stream()
                .filter(d -> caller.canSee(tree, d.unitCode()))
                .map(DeviceAdminController::row)
                .toList();
        return new DeviceList(transport.insecure(),
                transport.identity().map(i -> i.fingerprintHex()).orElse(""),
                transport.insecure() ? INSECURE_NOTE : "", rows);
    }

    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    IssuedView register(HttpRequest<?> request, @Body NewDevice d) {
        Caller caller = Caller.of(request);
        caller.requireAdmin("register devices");
        String deviceId = required("deviceId", d.deviceId());
        String unit = required("unit", d.unit());
        OrgUnitTree tree = units.tree();
        if (tree.find(unit).isEmpty()) {
            throw new IllegalArgumentException("unit '" + unit + "' is not in the org-unit tree");
        }
        if (!caller.canSee(tree, unit)) {
            throw new ForbiddenException("unit " + unit + " is outside " + caller.name() + "'s scope ("
                    + caller.user().unitCode() + " and below)");
        }
        Duration validity = validity(d.valid());
        Optional<String> address = blank(d.address()) ? Optional.empty() : Optional.of(d.address().strip());
        Optional<RegisteredDevice> existing = registry.find(deviceId);
        if (existing.isPresent() && !caller.canSee(tree, existing.get().unitCode())) {
            // Re-registering cancels the device's credential: only an admin who can see it may do that.
            throw new ForbiddenException("device " + deviceId + " is registered under " + existing.get().unitCode()
                    + ", outside " + caller.name() + "'s scope");
        }
        if (tree.find(deviceId).isPresent() && !caller.canSee(tree, deviceId)) {
            // A device already placed in the tree (say, from the org-unit file) is that subtree's to register.
            throw new ForbiddenException("device " + deviceId + " is placed under "
                    + tree.find(deviceId).flatMap(OrgUnit::parent).orElse("(root)") + ", outside " + caller.name() + "'s scope");
        }
        boolean placeable = OrgUnitLevel.DEVICE.allowedParents().contains(tree.get(unit).level());
        if (!placeable && tree.find(deviceId).isPresent() && !tree.isWithin(deviceId, unit)) {
            throw new IllegalArgumentException("device " + deviceId + " sits under "
                    + tree.find(deviceId).flatMap(OrgUnit::parent).orElse("(root)") + "; register it for a facility or team "
                    + "(a device hangs under one), or move it into " + unit + " first");
        }
        if (transport.insecure()) {
            throw new InsecureServerException();
        }
        IssuedCode issued = registry.register(deviceId, unit, validity, caller.name(), address);
        if (placeable && !tree.find(deviceId).flatMap(OrgUnit::parent).filter(unit::equals).isPresent()) {
            // Placed in its unit's tree at once: it is that unit's from registration on, in reports and for moves.
            units.moveDevice(deviceId, unit, Optional.empty());
        }
        audit.record(caller.name(), AuditLog.DEVICE_ENROLL, deviceId, "unit " + unit + ", code valid until "
                + issued.expiresAt() + address.map(a -> ", server " + a).orElse("")
                + existing.map(e -> " (re-registered: previous credential cancelled)").orElse(""));
        String text = issued.code().text();
        return new IssuedView(deviceId, unit, text, issued.expiresAt().toEpochMilli(), issued.code().fingerprintHex(),
                EnrollmentCodeQr.dataUri(text), "đã đăng ký " + deviceId + " cho " + unit
                        + "; mã kích hoạt dùng một lần, giao cho kỹ thuật viên");
    }

    @Post(value = "/{id}/revoke", produces = MediaType.APPLICATION_JSON)
    Revoked revoke(HttpRequest<?> request, @PathVariable String id) {
        Caller caller = Caller.of(request);
        caller.requireAdmin("revoke devices");
        RegisteredDevice device = registry.find(id).orElseThrow(() -> new EnrollmentException(EnrollmentException.Reason.UNKNOWN_DEVICE,
                        "no device '" + id + "' is registered"));
        if (!caller.canSee(units.tree(), device.unitCode())) {
            throw new ForbiddenException("device " + id + " is registered under " + device.unitCode() + ", outside "
                    + caller.name() + "'s scope (" + caller.user().unitCode() + " and below)");
        }
        boolean now = registry.revoke(id, caller.name());
        if (now) {
            audit.record(caller.name(), AuditLog.DEVICE_REVOKE, id, "unit " + device.unitCode() + ", was " + device.state());
        }
        return new Revoked(id, now, now ? "đã thu hồi " + id + "; lần gọi tiếp theo của thiết bị bị từ chối"
                : id + " đã bị thu hồi từ trước");
    }

    static final String INSECURE_NOTE = "The server runs with --insecure (kiosk06.server.insecure: true): it has no "
            + "TLS certificate, so no enrollment code can carry a fingerprint to pin, and unenrolled devices may sync. "
            + "Restart without --insecure to enroll devices.";

    private static DeviceRow row(RegisteredDevice d) {
        return new DeviceRow(d.deviceId(), d.unitCode(), d.state().name(), d.registeredAt().toEpochMilli(),
                d.registeredBy(), millis(d.codeExpiresAt()), millis(d.enrolledAt()), millis(d.revokedAt()),
                d.revokedBy().orElse(null));
    }

    private static Long millis(Optional<Instant> t) {
        return t.map(Instant::toEpochMilli).orElse(null);
    }

    private static Duration validity(String valid) {
        if (blank(valid)) {
            return DeviceRegistry.DEFAULT_VALIDITY;
        }
        try {
            return AdminDeviceCommand.duration(valid);
        } catch (EnrollmentException e) {
            throw new IllegalArgumentException("valid must be a duration such as 30m, 24h or 7d, was '" + valid + "'");
        }
    }

    private static String required(String field, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A registration asked of a server that has no certificate. */
    static final class InsecureServerException extends RuntimeException {
        InsecureServerException() {
            super(INSECURE_NOTE);
        }
    }

    /** The error body, the same shape as the rest of the API's. */
    @Serdeable
    record DeviceError(int status, String error) {
    }

    /** A refused registry request: bad input 400, unknown device 404; the message names what was wrong. */
    @Produces
    @Singleton
    static final class RegistryErrors implements ExceptionHandler<EnrollmentException, HttpResponse<DeviceError>> {
        @Override
        public HttpResponse<DeviceError> handle(HttpRequest request, EnrollmentException e) {
            HttpStatus status = e.reason() == EnrollmentException.Reason.UNKNOWN_DEVICE ? HttpStatus.NOT_FOUND
                    : HttpStatus.BAD_REQUEST;
            return HttpResponse.<DeviceError>status(status).body(new DeviceError(status.getCode(), e.getMessage()));
        }
    }

    /** Registration on an insecure server: 409, saying why. */
    @Produces
    @Singleton
    static final class InsecureErrors implements ExceptionHandler<InsecureServerException, HttpResponse<DeviceError>> {
        @Override
        public HttpResponse<DeviceError> handle(HttpRequest request, InsecureServerException e) {
            return HttpResponse.<DeviceError>status(HttpStatus.CONFLICT).body(new DeviceError(409, e.getMessage()));
        }
    }
}
