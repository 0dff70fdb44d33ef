package vn.kiosk06.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Where the server keeps events: each {@code (device_id, seq)} exactly once, per-device watermarks and gaps, and
 * quarantined events with their reasons. The embedded default is SQLite; PostgreSQL comes for multi-instance
 * deployments. Implementations are thread-safe and commit durably before returning.
 */
public interface EventStore extends AutoCloseable {

    /** Commits a batch; replays are no-ops that still count. Returns once the batch is durable. */
    IngestOutcome ingest(IngestBatch batch);

    /** Records that a device called (handshake), creating it if new. */
    void touchDevice(String deviceId, String appVersion, long seenMs);

    /** The device's watermark (0 when unknown). */
    long watermark(String deviceId);

    /** One device's summary, if it ever called. */
    Optional<DeviceSummary> device(String deviceId);

    /** Every device, by id. */
    List<DeviceSummary> devices();

    /** The quarantined events of one device (seq and reason), oldest first. */
    List<QuarantinedEvent> quarantine(String deviceId, int limit);

    @Override
    void close();
}
