package vn.kiosk06.server.store;

/**
 * What committing a batch did.
 *
 * @param stored      events newly stored
 * @param duplicates  events already stored (replays)
 * @param quarantined events newly quarantined
 * @param watermark   the device's contiguous watermark after the commit
 */
public record IngestOutcome(int stored, int duplicates, int quarantined, long watermark) {
}
