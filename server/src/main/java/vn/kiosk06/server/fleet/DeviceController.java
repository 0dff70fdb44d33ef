package vn.kiosk06.server.fleet;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.integrity.DeviceIntegrity;
import vn.kiosk06.server.integrity.IntegrityChecker;
import vn.kiosk06.server.salvage.ExplainedGap;
import vn.kiosk06.server.salvage.JournalSalvages;
import vn.kiosk06.server.salvage.SalvageRecord;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;

/**
 * The fleet over REST: {@code GET /api/v1/devices} and one device's details and quarantine, limited to the caller's
 * subtree (a device outside it is a 403).
 */
@Controller("/api/v1/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeviceController {

    private final EventStore store;
    private final OrgUnitDirectory units;
    private final IntegrityChecker integrity;
    private final JournalSalvages salvages;

    DeviceController(EventStore store, OrgUnitDirectory units, IntegrityChecker integrity, JournalSalvages salvages) {
        this.salvages = salvages;
        this.store = store;
        this.units = units;
        this.integrity = integrity;
    }

    /** Whether the caller's subtree holds the device (a device in no unit counts as unassigned). */
    private static boolean visible(Caller caller, OrgUnitTree tree, String deviceId) {
        return caller.canSee(tree, tree.find(deviceId).isPresent() ? deviceId : OrgUnitDirectory.UNASSIGNED);
    }

    private void requireVisible(HttpRequest<?> request, String deviceId) {
        OrgUnitTree tree = units.tree();
        Caller caller = Caller.of(request);
        caller.requireUnit(tree, tree.find(deviceId).isPresent() ? deviceId : OrgUnitDirectory.UNASSIGNED);
    }

    /**
     * One device: its summary's fields, plus its hash chain's integrity with every break found, the journal salvages it
     * reported, and its missing ranges explained (lost on the device, or not received).
     */
    @Serdeable
    record DeviceDetails(@JsonUnwrapped DeviceSummary summary, DeviceIntegrity integrity, List<SalvageRecord> salvages,
                         List<ExplainedGap> gaps) {
    }

    /** A quarantined event as the API shows it: its seq and why it was refused. */
    @Serdeable
    record QuarantineView(long seq, String reason) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    List<DeviceSummary> devices(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        OrgUnitTree tree = units.tree();
        return store.devices().stream().filter(d -> visible(caller, tree, d.deviceId())).toList();
    }

    @Get(value = "/{deviceId}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<DeviceDetails> device(HttpRequest<?> request, String deviceId) {
        requireVisible(request, deviceId);
        return store.device(deviceId).map(d -> {
            List<SalvageRecord> salvaged = salvages.of(deviceId);
            return HttpResponse.ok(new DeviceDetails(d, integrity.integrity(deviceId), salvaged,
                    ExplainedGap.explain(d.missing(), salvaged)));
        }).orElseGet(HttpResponse::notFound);
    }

    @Get(value = "/{deviceId}/quarantine", produces = MediaType.APPLICATION_JSON)
    List<QuarantineView> quarantine(HttpRequest<?> request, String deviceId, @QueryValue(defaultValue = "100") int limit) {
        requireVisible(request, deviceId);
        return store.quarantine(deviceId, Math.min(Math.max(limit, 1), 1000)).stream()
                .map(q -> new QuarantineView(q.seq(), q.reason()))
                .toList();
    }
}
