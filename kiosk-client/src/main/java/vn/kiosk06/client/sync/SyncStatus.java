package vn.kiosk06.client.sync;

import java.time.Instant;
import java.util.Optional;

/**
 * What the device's screens and status light show about sync.
 *
 * @param state        SYNCED (nothing waiting), WAITING (backlog, server reachable), OFFLINE (last attempt failed)
 * @param backlog      events journaled and not yet acked
 * @param lastSeq      highest seq journaled
 * @param ackedThrough highest seq acked by the server
 * @param lastSync     when the last sync succeeded
 * @param offlineSince when sync started failing, if it is failing now
 * @param lastError    the last failure, worded for a technician
 * @param quarantined  events the server refused as malformed since start (kept there with their reasons)
 */
public record SyncStatus(State state, long backlog, long lastSeq, long ackedThrough, Optional<Instant> lastSync,
                         Optional<Instant> offlineSince, Optional<String> lastError, long quarantined) {

    /** The sync state in one word. */
    public enum State { SYNCED, WAITING, OFFLINE }
}
