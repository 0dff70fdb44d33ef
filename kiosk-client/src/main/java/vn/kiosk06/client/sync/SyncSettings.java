package vn.kiosk06.client.sync;

import java.time.Duration;

/**
 * How the sync worker paces itself.
 *
 * @param batchEvents        most events in one batch (the server refuses more than 5,000)
 * @param maxInflightBatches batches sent before their acks come back (pipelining over one stream)
 * @param maxBatchesPerCall  batches in one upload call, so a huge backlog is drained in calls that each
 *                           finish well within their deadline
 * @param handshakeDeadline  deadline of the handshake call
 * @param uploadDeadline     deadline of one upload call
 * @param interval           how often to sync when nothing new happens (heartbeats, clock measurements)
 * @param linger             after a new event, how long to wait for more before syncing, so a burst goes in one batch
 * @param backoffBase        first retry delay bound after a failure
 * @param backoffCap         largest retry delay bound
 */
public record SyncSettings(int batchEvents, int maxInflightBatches, int maxBatchesPerCall, Duration handshakeDeadline,
                           Duration uploadDeadline, Duration interval, Duration linger, Duration backoffBase,
                           Duration backoffCap) {

    public SyncSettings {
        if (batchEvents < 1 || batchEvents > 5_000) {
            throw new IllegalArgumentException("sync batch size must be 1–5000 events, was " + batchEvents);
        }
        if (maxInflightBatches < 1) {
            throw new IllegalArgumentException("sync in-flight batches must be ≥ 1, was " + maxInflightBatches);
        }
        if (maxBatchesPerCall < 1) {
            throw new IllegalArgumentException("sync batches per call must be ≥ 1, was " + maxBatchesPerCall);
        }
        if (backoffBase.isNegative() || backoffBase.isZero() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("sync backoff needs 0 < base ≤ cap, was base " + backoffBase + ", cap " + backoffCap);
        }
    }

    public static SyncSettings defaults() {
        return new SyncSettings(2_000, 4, 200, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(1),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(5));
    }
}
