package vn.kiosk06.server.api;

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
import vn.kiosk06.server.integrity.DeviceIntegrity;
import vn.kiosk06.server.integrity.IntegrityChecker;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;

/** The fleet over REST: {@code GET /api/v1/devices} and one device's details and quarantine. */
@Controller("/api/v1/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
final class DeviceController {

    private final EventStore store;
    private final IntegrityChecker integrity;

    DeviceController(EventStore store, IntegrityChecker integrity) {
        this.store = store;
        this.integrity = integrity;
    }

    /** One device: its summary's fields, plus its hash chain's integrity with every break found. */
    @Serdeable
    record DeviceDetails(@JsonUnwrapped DeviceSummary summary, DeviceIntegrity integrity) {
    }

    /** A quarantined event as the API shows it: its seq and why it was refused. */
    @Serdeable
    record QuarantineView(long seq, String reason) {
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    List<DeviceSummary> devices() {
        return store.devices();
    }

    @Get(value = "/{deviceId}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<DeviceDetails> device(String deviceId) {
        return store.device(deviceId).map(d -> HttpResponse.ok(new DeviceDetails(d, integrity.integrity(deviceId))))
                .orElseGet(HttpResponse::notFound);
    }

    @Get(value = "/{deviceId}/quarantine", produces = MediaType.APPLICATION_JSON)
    List<QuarantineView> quarantine(String deviceId, @QueryValue(defaultValue = "100") int limit) {
        return store.quarantine(deviceId, Math.min(Math.max(limit, 1), 1000)).stream()
                .map(q -> new QuarantineView(q.seq(), q.reason()))
                .toList();
    }
}
