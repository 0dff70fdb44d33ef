package vn.kiosk06.server.store;

import java.util.List;

/** One device's batch, already split into valid and quarantined events. */
public record IngestBatch(String deviceId, List<IncomingEvent> events, List<QuarantinedEvent> quarantined,
                          List<ClockMeasurementRow> clockSamples, long receivedMs) {

    public IngestBatch {
        events = List.copyOf(events);
        quarantined = List.copyOf(quarantined);
        clockSamples = List.copyOf(clockSamples);
    }
}
