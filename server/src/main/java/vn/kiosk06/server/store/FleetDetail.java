package vn.kiosk06.server.store;

import io.micronaut.serde.annotation.Serdeable;

/**
 * What the fleet view shows of a device beyond its {@link DeviceSummary}.
 *
 * @param deviceId     the device
 * @param lastSyncMs   server time of its last upload with events, 0 if none yet
 * @param backlog      events journaled but not acked, as its latest heartbeat reported; -1 if none reported
 * @param lateEvents   events that arrived more than a day after their (corrected) day ended
 * @param lastLateMs   server time of the latest late arrival, 0 if none
 * @param lastLateDay  the earliest local day (yyyy-MM-dd) of that late arrival, empty if none
 */
@Serdeable
public record FleetDetail(String deviceId, long lastSyncMs, long backlog, long lateEvents, long lastLateMs,
                          String lastLateDay) {
}
