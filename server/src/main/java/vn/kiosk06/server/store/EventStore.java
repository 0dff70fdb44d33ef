package vn.kiosk06.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the server keeps events: each {@code (device_id, seq)} exactly once, per-device watermarks and gaps, and
 * quarantined events with their reasons. Every stored event gets a corrected time (or is flagged "time unknown") in
 * the same transaction that stores it, and is re-corrected when a later clock measurement of its boot arrives.
 * The embedded default is SQLite; PostgreSQL comes for multi-instance deployments. Implementations are
 * thread-safe and commit durably before returning.
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

    /**
     * Every stored event of one device with its device wall time and corrected time, by seq (empty for an unknown
     * device). For the dashboard's drill-down and for tests; a device holds at most its retention's worth.
     */
    List<StoredEventTime> eventTimes(String deviceId);

    /**
     * Events of one device whose corrected time lies in {@code [from, toExclusive)}: what a report counts in a
     * period. Events of unknown time are never in any period; see {@link #countTimeUnknown}.
     */
    long countByCorrectedTime(String deviceId, Instant from, Instant toExclusive);

    /** Events of one device whose time is unknown: the explicit "time unknown" line of a report. */
    long countTimeUnknown(String deviceId);

    @Override
    void close();
}
