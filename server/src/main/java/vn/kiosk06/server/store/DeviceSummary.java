package vn.kiosk06.server.store;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One device as the fleet view shows it.
 *
 * @param deviceId          the device's id
 * @param eventsStored      events stored (each (device, seq) once)
 * @param watermark         every seq up to this is stored or quarantined
 * @param maxSeq            highest seq received
 * @param missing           seq ranges between the watermark and maxSeq not received yet (first 100)
 * @param quarantined       events refused as malformed
 * @param appVersion        the app version the device last reported
 * @param lastSeenMs        server time of the device's last call, ms since the epoch
 * @param clockMeasured     whether the device's clock was ever measured; the three {@code clock…} figures
 *                          below are 0 and mean nothing until it was
 * @param clockOffsetMs     server time minus device time at the latest measurement, ms (negative: device fast)
 * @param clockRoundTripMs  network round trip of that measurement, ms (the offset is exact to ± half of it)
 * @param clockMeasuredAtMs server time of that measurement, ms since the epoch
 * @param eventsCorrected   stored events with a corrected time (measured or anchored)
 * @param eventsTimeUnknown stored events whose time is unknown: no measurement in their boot, or corrected
 *                          into the future; reports count them under their own line
 */
@Serdeable
public record DeviceSummary(String deviceId, long eventsStored, long watermark, long maxSeq, List<SeqRange> missing,
                            long quarantined, String appVersion, long lastSeenMs,
                            boolean clockMeasured, long clockOffsetMs, long clockRoundTripMs, long clockMeasuredAtMs,
                            long eventsCorrected, long eventsTimeUnknown) {

    public DeviceSummary {
        missing = List.copyOf(missing);
    }
}
