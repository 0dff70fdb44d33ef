package vn.kiosk06.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import vn.kiosk06.server.store.DeviceSummary;
import vn.kiosk06.server.store.EventStore;

/**
 * The aggregator's Prometheus series, fed by the gRPC edge:
 * <ul>
 *   <li>{@code kiosk06_events_ingested_total}, {@code kiosk06_events_quarantined_total}, {@code kiosk06_acks_total}:
 *       counters since start (events newly stored, events refused as malformed, acks sent);</li>
 *   <li>{@code kiosk06_devices_gaps}: devices with seq ranges missing above their watermark;</li>
 *   <li>{@code kiosk06_devices_silent}: devices that have not called for longer than {@link MetricsConfig#silentAfter};</li>
 *   <li>{@code kiosk06_device_backlog{device=…}}: the highest seq a device has reported (handshake {@code last_seq},
 *       or a later batch) minus the server's watermark for it — what the server knows it is still owed.</li>
 * </ul>
 * The gauges read one snapshot of the fleet, refreshed at most once per {@link MetricsConfig#refresh}, so a scrape
 * costs one store read however many devices there are. Thread-safe.
 */
@Singleton
public final class IngestMetrics {

    private final EventStore store;
    private final Clock clock;
    private final MetricsConfig config;
    private final MeterRegistry registry;
    private final Counter ingested;
    private final Counter quarantined;
    private final Counter acks;
    /** Highest seq each device has reported; a gauge is registered on a device's first report. */
    private final Map<String, Long> reportedLastSeq = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot = new Snapshot(0, List.of());

    /**
     * One read of the fleet and when it was taken (ms since the epoch), with each device's watermark by id: every
     * device's backlog gauge looks its own up, so a scrape costs time linear in devices, not quadratic.
     */
    private record Snapshot(long takenMs, List<DeviceSummary> devices, Map<String, Long> watermarks) {
        Snapshot(long takenMs, List<DeviceSummary> devices) {
            this(takenMs, devices, devices.stream().collect(
                    Collectors.toUnmodifiableMap(DeviceSummary::deviceId, DeviceSummary::watermark, (a, b) -> a)));
        }
    }

    public IngestMetrics(MeterRegistry registry, EventStore store, Clock clock, MetricsConfig config) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.ingested = Counter.builder("kiosk06.events.ingested")
                .description("Events newly stored (replays not counted)").register(registry);
        this.quarantined = Counter.builder("kiosk06.events.quarantined")
                .description("Events refused as malformed and kept in quarantine").register(registry);
        this.acks = Counter.builder("kiosk06.acks").description("Batch acks sent to devices").register(registry);
        Gauge.builder("kiosk06.devices.gaps", this, m -> m.fleet().stream().filter(d -> !d.missing().isEmpty()).count())
                .description("Devices with seq ranges missing above their watermark").register(registry);
        Gauge.builder("kiosk06.devices.silent", this, IngestMetrics::silentDevices)
                .description("Devices that have not called for longer than kiosk06.server.metrics.silent-after")
                .register(registry);
        // Devices known from earlier runs get their series at once, not only after their next call.
        store.devices().forEach(d -> reported(d.deviceId(), d.maxSeq()));
    }

    /** A device handshook, saying the highest seq it has assigned. */
    public void handshake(String deviceId, long lastSeq) {
        reported(deviceId, lastSeq);
    }

    /** A batch was acked: {@code stored} events new, {@code refused} quarantined, seqs up to {@code batchLastSeq}. */
    public void acked(String deviceId, long stored, long refused, long batchLastSeq) {
        acks.increment();
        ingested.increment(stored);
        quarantined.increment(refused);
        reported(deviceId, batchLastSeq);
    }

    private void reported(String deviceId, long lastSeq) {
        if (reportedLastSeq.putIfAbsent(deviceId, lastSeq) != null) {
            reportedLastSeq.merge(deviceId, lastSeq, Math::max);
        } else {
            Gauge.builder("kiosk06.device.backlog", this, m -> m.backlog(deviceId))
                    .description("Highest seq the device reported minus the server's watermark for it")
                    .tag("device", deviceId).register(registry);
        }
    }

    private double backlog(String deviceId) {
        long watermark = snapshot().watermarks().getOrDefault(deviceId, 0L);
        return Math.max(0, reportedLastSeq.getOrDefault(deviceId, 0L) - watermark);
    }

    private double silentDevices() {
        long cutoff = clock.millis() - config.silentAfter().toMillis();
        return fleet().stream().filter(d -> d.lastSeenMs() < cutoff).count();
    }

    private List<DeviceSummary> fleet() {
        return snapshot().devices();
    }

    private Snapshot snapshot() {
        Snapshot s = snapshot;
        long now = clock.millis();
        if (now - s.takenMs() >= config.refresh().toMillis() || now < s.takenMs()) {
            s = new Snapshot(now, store.devices());
            snapshot = s;
        }
        return s;
    }
}
