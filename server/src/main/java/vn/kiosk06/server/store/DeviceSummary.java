package vn.kiosk06.server.store;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One device as the fleet view shows it.
 *
 * @param deviceId      the device's id
 * @param eventsStored  events stored (each (device, seq) once)
 * @param watermark     every seq up to this is stored or quarantined
 * @param maxSeq        highest seq received
 * @param missing       seq ranges between the watermark and maxSeq not received yet (first 100)
 * @param quarantined   events refused as malformed
 * @param appVersion    the app version the device last reported
 * @param lastSeenMs    server time of the device's last call, ms since the epoch
 */
@Serdeable
public record DeviceSummary(String deviceId, long eventsStored, long watermark, long maxSeq, List<SeqRange> missing,
                            long quarantined, String appVersion, long lastSeenMs) {
}
