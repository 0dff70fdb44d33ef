package vn.kiosk06.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import vn.kiosk06.server.report.rollup.LocalDays;
import vn.kiosk06.server.report.rollup.Rollup;
import vn.kiosk06.wire.BootId;
import vn.kiosk06.wire.ClockMeasurement;
import vn.kiosk06.server.time.CorrectedTime;
import vn.kiosk06.server.time.DeviceEventTime;
import vn.kiosk06.server.time.EventTimeCorrector;
import vn.kiosk06.server.time.TimeQuality;

/**
 * The usable clock measurements of one device's boot, and the corrected time they give an event of that boot:
 * the arithmetic of time correction at ingest, shared by the stores (which read the samples with their own SQL).
 * Immutable.
 */
public record BootMeasurements(String deviceId, BootId bootId, List<ClockMeasurement> measurements,
                               Optional<Duration> shortestRoundTrip) {

    /** Unknown because the boot has no measurement: the common offline case, built once, not per event. */
    public static final CorrectedTime NO_MEASUREMENT = new CorrectedTime.Unknown(
            CorrectedTime.UnknownCause.NO_MEASUREMENT_IN_BOOT, () -> "time unknown: no clock measurement in the event's boot");

    public BootMeasurements {
        measurements = List.copyOf(measurements);
    }

    /**
     * @param measurements the boot's samples; the shortest round trip among them is kept beside them, since a boot
     *                     gathers one a minute (over a thousand a day) and every new one is compared with the best
     */
    public BootMeasurements(String deviceId, BootId bootId, List<ClockMeasurement> measurements) {
        this(deviceId, bootId, measurements,
                measurements.stream().map(ClockMeasurement::roundTrip).min(Comparator.naturalOrder()));
    }

    /** The columns {@link #read} expects, in order. */
    public static final String SAMPLE_COLUMNS = "mono_ns, t0, t1, t2, t3, os_synced";

    /** Reads rows of {@link #SAMPLE_COLUMNS}, skipping invalid ones (stored before ingest validated them). */
    public static BootMeasurements read(String deviceId, byte[] bootId, ResultSet rs) throws SQLException {
        BootId boot = BootId.fromBytes(bootId);
        List<ClockMeasurement> found = new ArrayList<>();
        while (rs.next()) {
            try {
                found.add(new ClockMeasurement(deviceId, boot, rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getInt(6) != 0));
            } catch (IllegalArgumentException invalid) {
                // Ignore it as the ingest now would.
            }
        }
        return new BootMeasurements(deviceId, boot, found);
    }

    /** These measurements and one more (a sample just stored): what reading the boot's samples again would give. */
    public BootMeasurements with(ClockMeasurement sample) {
        List<ClockMeasurement> more = new ArrayList<>(measurements.size() + 1);
        more.addAll(measurements);
        more.add(sample);
        Duration roundTrip = sample.roundTrip();
        return new BootMeasurements(deviceId, bootId, more, Optional.of(shortestRoundTrip
                .filter(shortest -> shortest.compareTo(roundTrip) <= 0).orElse(roundTrip)));
    }

    /** The event's corrected time; never throws for odd device clocks. */
    public CorrectedTime correct(EventTimeCorrector corrector, long wallMs, long monoNs, long receivedMs) {
        if (measurements.isEmpty()) {
            return NO_MEASUREMENT; // no corrector, no sentence built
        }
        try {
            CorrectedTime t = corrector.correct(new DeviceEventTime(deviceId, bootId, wallMs, monoNs),
                    measurements, Instant.ofEpochMilli(receivedMs));
            t.instant().ifPresent(Instant::toEpochMilli); // throws here, not at the INSERT, if out of a long's range
            return t;
        } catch (DateTimeException | ArithmeticException | IllegalArgumentException outOfRange) {
            // A wall time near the ends of the long range plus an offset leaves Instant's range: no believable time.
            return NO_MEASUREMENT;
        }
    }

    /**
     * Whether a new sample of this boot can change the time of events these measurements already corrected: it is
     * usable and its round trip is no longer than the best so far, and the best sample wins (rule 2 of
     * {@link EventTimeCorrector}). False when there are no usable measurements yet: then no event of the boot has a
     * time, and only the unknown ones need another look.
     */
    public boolean retimesKnownEvents(ClockMeasurement sample, Duration maxRoundTrip) {
        // The best usable sample is the shortest of all, if that one is usable (none is otherwise).
        Optional<Duration> best = shortestRoundTrip.filter(rt -> rt.compareTo(maxRoundTrip) <= 0);
        return best.isPresent() && sample.roundTrip().compareTo(maxRoundTrip) <= 0
                && sample.roundTrip().compareTo(best.get()) <= 0;
    }

    /**
     * The event's time by these measurements if it differs from the stored one, else empty: what re-correcting a
     * stored event changes.
     *
     * @param storedMs      the stored {@code corrected_ms}, null when unknown
     * @param storedQuality the stored {@code time_quality} code
     */
    public Optional<CorrectedTime> changed(EventTimeCorrector corrector, long wallMs, long monoNs, long receivedMs,
                                           Long storedMs, int storedQuality) {
        CorrectedTime t = correct(corrector, wallMs, monoNs, receivedMs);
        Long ms = t.instant().map(Instant::toEpochMilli).orElse(null);
        boolean same = qualityCode(t.quality()) == storedQuality && Objects.equals(ms, storedMs);
        return same ? Optional.empty() : Optional.of(t);
    }

    /** The {@code events.time_quality} code of a quality (see V2__event_time.sql). */
    public static int qualityCode(TimeQuality q) {
        return switch (q) {
            case UNKNOWN -> 0;
            case MEASURED -> 1;
            case ANCHORED -> 2;
        };
    }

    /** The quality of a {@code events.time_quality} code. */
    public static TimeQuality quality(int code) {
        return switch (code) {
            case 1 -> TimeQuality.MEASURED;
            case 2 -> TimeQuality.ANCHORED;
            default -> TimeQuality.UNKNOWN;
        };
    }

    /** The local day a corrected time counts under, or {@link Rollup#UNKNOWN_DAY}. */
    public static long day(CorrectedTime t) {
        return t.instant().map(at -> LocalDays.of(at.toEpochMilli())).orElse(Rollup.UNKNOWN_DAY);
    }
}
