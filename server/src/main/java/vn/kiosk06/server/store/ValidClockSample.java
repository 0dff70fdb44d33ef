package vn.kiosk06.server.store;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;

/** A batch's clock sample that passed validation, with its measurement. Shared by the stores' ingest. */
public record ValidClockSample(ClockMeasurementRow row, ClockMeasurement measurement) {

    private static final Logger LOG = LoggerFactory.getLogger(ValidClockSample.class);

    /** The batch's valid samples; an invalid one (a clock stepped mid-handshake) is logged and skipped. */
    public static List<ValidClockSample> of(IngestBatch batch) {
        List<ValidClockSample> out = new ArrayList<>(batch.clockSamples().size());
        for (ClockMeasurementRow c : batch.clockSamples()) {
            try {
                out.add(new ValidClockSample(c, new ClockMeasurement(batch.deviceId(), BootId.fromBytes(c.bootId()),
                        c.monoNs(), c.t0(), c.t1(), c.t2(), c.t3(), c.osSynchronized())));
            } catch (IllegalArgumentException invalid) {
                // One bad sample must not cost the batch its events.
                LOG.warn("Skipped an invalid clock sample of device {}: {}", batch.deviceId(), invalid.getMessage());
            }
        }
        return out;
    }
}
