package vn.kiosk06.server.store;

import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.server.report.rollup.RollupDelta;

/**
 * One device's row as a round found it (locked) and what the round changes on it; written once when the round
 * ends. Not thread-safe: owned by one round.
 */
final class DeviceState {
    final String deviceId;
    final long id;
    long watermark;
    long maxSeq;
    long stored;
    long quarantined;
    long lastSeenMs;
    long corrected;
    long unknown;
    long lateEvents;
    String appVersion;
    Long lastSyncMs;
    Long backlog;
    Long lastLateMs;
    Long lastLateDay;
    final RollupDelta delta = new RollupDelta();
    /**
     * Whether the device has a stored void (when the round began, or stored by this round): only then can an event
     * arriving now be the target of an earlier void, which asks the voids table once per batch.
     */
    boolean hasVoids;
    /** Citizens of events voided this round, re-checked once the round has written its rollup rows. */
    final List<Voids.CitizenCheck> citizenChecks = new ArrayList<>();

    DeviceState(String deviceId, long id, long watermark, long maxSeq) {
        this.deviceId = deviceId;
        this.id = id;
        this.watermark = watermark;
        this.maxSeq = maxSeq;
    }
}
