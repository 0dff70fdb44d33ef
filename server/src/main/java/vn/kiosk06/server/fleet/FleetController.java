package vn.kiosk06.server.fleet;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.integrity.DeviceIntegrity;
import vn.kiosk06.server.integrity.IntegrityChecker;
import vn.kiosk06.server.orgunit.OrgUnit;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.orgunit.OrgUnitTree;
import vn.kiosk06.server.report.ReportService;
import vn.kiosk06.server.salvage.ExplainedGap;
import vn.kiosk06.server.salvage.JournalSalvages;
import vn.kiosk06.server.salvage.SalvageRecord;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;
import vn.kiosk06.server.store.FleetDetail;
import vn.kiosk06.server.store.SeqRange;

/**
 * The dashboard's fleet view: {@code GET /api/v1/fleet} — every device with its unit, last seen, last sync,
 * reported backlog, clock offset, app version, missing seq ranges, quarantined events, late arrivals and a silent
 * flag (no call for more than {@code kiosk06.server.silent-after-days}), its hash chain's integrity, and the journal
 * salvages it reported with its missing ranges explained ({@link ExplainedGap}: lost on the device, or not received). A user sees
 * only the devices of their subtree (unassigned devices only when scoped to a root).
 */
@Controller("/api/v1/fleet")
@ExecuteOn(TaskExecutors.BLOCKING)
final class FleetController {

    private final EventStore store;
    private final OrgUnitDirectory units;
    private final ReportService reports;
    private final Clock clock;
    private final IntegrityChecker integrity;
    private final JournalSalvages salvages;

    FleetController(EventStore store, OrgUnitDirectory units, ReportService reports, Clock clock, IntegrityChecker integrity,
                    JournalSalvages salvages) {
        this.integrity = integrity;
        this.salvages = salvages;
        this.store = store;
        this.units = units;
        this.reports = reports;
        this.clock = clock;
    }

    /** One row of the fleet table. */
    @Serdeable
    record FleetRow(String deviceId, String unit, String unitName, String appVersion, long lastSeenMs, long lastSyncMs,
                    long backlog, boolean clockMeasured, long clockOffsetMs, long eventsStored, long watermark,
                    List<SeqRange> missing, long quarantined, long eventsCorrected, long eventsTimeUnknown, long lateEvents,
                    long lastLateMs, String lastLateDay, boolean silent, DeviceIntegrity integrity,
                    List<SalvageRecord> salvages, List<ExplainedGap> gaps) {
    }

    /** The table and when it was read. */
    @Serdeable
    record Fleet(long nowMs, int silentAfterDays, List<FleetRow> devices) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    Fleet fleet(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        OrgUnitTree tree = units.tree();
        long now = clock.millis();
        long silentBefore = now - reports.silentAfterDays() * 86_400_000L;
        Map<String, FleetDetail> details = new HashMap<>();
        store.fleetDetails().forEach(d -> details.put(d.deviceId(), d));
        Map<String, DeviceIntegrity> chains = integrity.fleet();
        Map<String, List<SalvageRecord>> salvaged = salvages.all();
        List<FleetRow> rows = new java.util.ArrayList<>();
        for (DeviceSummary d : store.devices()) {
            FleetDetail x = details.getOrDefault(d.deviceId(), new FleetDetail(d.deviceId(), 0, -1, 0, 0, ""));
            OrgUnit parent = tree.find(d.deviceId()).flatMap(OrgUnit::parent).flatMap(tree::find).orElse(null);
            rows.add(new FleetRow(d.deviceId(), parent == null ? OrgUnitDirectory.UNASSIGNED : parent.code(),
                    parent == null ? "Chưa gán đơn vị" : parent.name(), d.appVersion(), d.lastSeenMs(), x.lastSyncMs(),
                    x.backlog(), d.clockMeasured(), d.clockOffsetMs(), d.eventsStored(), d.watermark(), d.missing(),
                    d.quarantined(), d.eventsCorrected(), d.eventsTimeUnknown(), x.lateEvents(), x.lastLateMs(), x.lastLateDay(),
                    d.lastSeenMs() < silentBefore, chains.getOrDefault(d.deviceId(), DeviceIntegrity.unchecked()),
                    salvaged.getOrDefault(d.deviceId(), List.of()),
                    ExplainedGap.explain(d.missing(), salvaged.getOrDefault(d.deviceId(), List.of()))));
        }
        // Configured devices that never called are silent too, once live: the committee must see them.
        for (OrgUnit u : tree.units()) {
            if (u.level() == vn.kiosk06.server.orgunit.OrgUnitLevel.DEVICE && store.device(u.code()).isEmpty()) {
                OrgUnit parent = u.parent().flatMap(tree::find).orElseThrow();
                rows.add(new FleetRow(u.code(), parent.code(), parent.name(), "", 0, 0, -1, false, 0, 0, 0, List.of(),
                        0, 0, 0, 0, 0, "", true, DeviceIntegrity.unchecked(), List.of(), List.of()));
            }
        }
        rows.removeIf(r -> !caller.canSee(tree, r.unit()));
        return new Fleet(now, reports.silentAfterDays(), rows);
    }
}
