package vn.kiosk06.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import vn.kiosk06.server.report.rollup.RollupTotals;

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

    /** Records that a device called (handshake), creating it if new; may return before that is durable. */
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

    /**
     * Up to {@code limit} stored events of one device with seq above {@code afterSeq}, by seq (empty for an unknown
     * device): what the integrity check walks.
     */
    List<StoredEvent> events(String deviceId, long afterSeq, int limit);

    /** Events of one device whose time is unknown: the explicit "time unknown" line of a report. */
    long countTimeUnknown(String deviceId);

    /**
     * The report rollups of {@code deviceIds} summed over the local days {@code first..last} (Asia/Ho_Chi_Minh,
     * corrected time). Devices that never synced are skipped. Maintained at ingest, so this reads no events.
     */
    RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last);

    /** The rollups of {@code deviceIds}' events whose time is unknown (in no day). */
    RollupTotals timeUnknownTotals(Collection<String> deviceIds);

    /** Distinct citizens served by {@code deviceIds} over {@code first..last}. */
    long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last);

    /** The devices among {@code deviceIds} with at least one event dated in {@code first..last}. */
    Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last);

    /** Per-day rollups of {@code deviceIds} over {@code first..last}; days without events are absent. */
    SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first, LocalDate last);

    /** Of {@code deviceIds}, each one's last local day with a dated event on or before {@code asOfDay}. */
    java.util.Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay);

    /**
     * The devices whose figures are unverified: those whose hash chain the integrity checker found broken by
     * tampering (an edited, recomputed, stripped or unreadable link — not a gap), each with the seq the first such
     * break puts in doubt (the event before the broken link, which may be the edited one). Their figures are reported
     * apart, never summed with the verified ones.
     */
    java.util.Map<String, Long> unverifiedDevices();

    /** The fleet view's extra figures of every device, by id. */
    List<FleetDetail> fleetDetails();

    @Override
    void close();
}
