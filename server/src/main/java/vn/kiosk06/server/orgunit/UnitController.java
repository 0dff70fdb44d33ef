package vn.kiosk06.server.orgunit;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import vn.kiosk06.server.security.Caller;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;

/**
 * The org-unit tree over REST: {@code GET /api/v1/units}, roots first, each with its children; a last pseudo-root
 * {@code _unassigned} lists devices that synced but are in no unit (empty children when there are none). A user scoped
 * to a unit below the root sees that unit as the only root, and no unassigned devices.
 */
@Controller("/api/v1/units")
@ExecuteOn(TaskExecutors.BLOCKING)
final class UnitController {

    private final OrgUnitDirectory units;
    private final EventStore store;

    UnitController(OrgUnitDirectory units, EventStore store) {
        this.units = units;
        this.store = store;
    }

    /** One unit with its subtree. */
    @Serdeable
    record UnitNode(String code, String name, String level, String goLive, List<UnitNode> children) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    List<UnitNode> tree(HttpRequest<?> request) {
        Caller caller = Caller.of(request);
        OrgUnitTree tree = units.tree();
        if (!caller.isWholeTree(tree)) {
            return tree.find(caller.user().unitCode()).map(u -> List.of(node(tree, u))).orElse(List.of());
        }
        List<UnitNode> roots = new java.util.ArrayList<>(tree.roots().stream()
                .filter(r -> caller.canSee(tree, r.code())).map(r -> node(tree, r)).toList());
        List<UnitNode> loose = tree.unassigned(store.devices().stream().map(DeviceSummary::deviceId).toList())
                .stream().map(d -> new UnitNode(d, d, "DEVICE", null, List.of())).toList();
        roots.add(new UnitNode(OrgUnitDirectory.UNASSIGNED, "Thiết bị chưa gán đơn vị", "UNASSIGNED", null, loose));
        return roots;
    }

    private static UnitNode node(OrgUnitTree tree, OrgUnit u) {
        return new UnitNode(u.code(), u.name(), u.level().name(), u.goLive().map(Object::toString).orElse(null),
                tree.children(u.code()).stream().map(c -> node(tree, c)).toList());
    }
}
