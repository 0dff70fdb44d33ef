package vn.kiosk06.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import vn.kiosk06.server.report.rollup.RollupTotals;

/**
 * What both engines' stores share above the SQL: every read, through {@link DeviceQueries} and the engine's
 * {@link RollupReads}. An engine adds how batches reach its writers (threads, connections, retries) and runs them
 * through the one {@link IngestRound}. Built for extension by exactly the two engines.
 */
public abstract class JdbcEventStore implements EventStore {

    private final DeviceQueries devices;
    private final RollupReads rollups;

    JdbcEventStore(Reader reader, RollupReads rollups) {
        this.devices = new DeviceQueries(reader);
        this.rollups = rollups;
    }

    @Override
    public final long watermark(String deviceId) {
        return devices.watermark(deviceId);
    }

    @Override
    public final Optional<DeviceSummary> device(String deviceId) {
        return devices.device(deviceId);
    }

    @Override
    public final List<DeviceSummary> devices() {
        return devices.devices();
    }

    @Override
    public final List<QuarantinedEvent> quarantine(String deviceId, int limit) {
        return devices.quarantine(deviceId, limit);
    }

    @Override
    public final List<StoredEventTime> eventTimes(String deviceId) {
        return devices.eventTimes(deviceId);
    }

    @Override
    public final long countByCorrectedTime(String deviceId, Instant from, Instant toExclusive) {
        return devices.countByCorrectedTime(deviceId, from, toExclusive);
    }

    @Override
    public final List<StoredEvent> events(String deviceId, long afterSeq, int limit) {
        return devices.events(deviceId, afterSeq, limit);
    }

    @Override
    public final long countTimeUnknown(String deviceId) {
        return devices.countTimeUnknown(deviceId);
    }

    @Override
    public final Map<String, Long> unverifiedDevices() {
        return devices.unverifiedDevices();
    }

    @Override
    public final List<FleetDetail> fleetDetails() {
        return devices.fleetDetails();
    }

    @Override
    public final RollupTotals rollupTotals(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        return rollups.rollupTotals(deviceIds, first, last);
    }

    @Override
    public final RollupTotals timeUnknownTotals(Collection<String> deviceIds) {
        return rollups.timeUnknownTotals(deviceIds);
    }

    @Override
    public final long uniqueCitizens(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        return rollups.uniqueCitizens(deviceIds, first, last);
    }

    @Override
    public final Set<String> activeDevices(Collection<String> deviceIds, LocalDate first, LocalDate last) {
        return rollups.activeDevices(deviceIds, first, last);
    }

    @Override
    public final SortedMap<LocalDate, RollupTotals> dailyTotals(Collection<String> deviceIds, LocalDate first,
                                                               LocalDate last) {
        return rollups.dailyTotals(deviceIds, first, last);
    }

    @Override
    public final Map<String, LocalDate> lastEventDays(Collection<String> deviceIds, LocalDate asOfDay) {
        return rollups.lastEventDays(deviceIds, asOfDay);
    }
}
