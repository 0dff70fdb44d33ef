package vn.kiosk06.server.time;

import java.time.Duration;
import vn.kiosk06.wire.ClockMeasurement;
import vn.kiosk06.wire.DurationText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Computes the server-time instant of a device event from the clock measurements known for its device.
 *
 * <h2>Rules, applied in this order</h2>
 * Let the event carry wall time {@code W}, boot {@code B} and monotonic time {@code N}; for a measurement
 * {@code M} let {@code t0(M)} be its device send time, {@code N(M)} the device's monotonic time at t0 and
 * {@code S(M) = t0(M) + offset(M)} the server's time at t0. The <em>step</em> between the event and
 * {@code M} is {@code (t0(M) − W) − (N(M) − N)}: how much more the wall clock advanced than the monotonic
 * clock between the two readings. It is zero unless the wall clock was stepped in between (NTP setting a
 * 1970 clock, someone setting it by hand), because NTP slews both clocks alike.
 * <ol>
 *   <li><b>No usable measurement in boot {@code B}</b> (the device rebooted before reaching the server, or
 *       never reached it in that boot): {@link TimeQuality#UNKNOWN}, cause
 *       {@link CorrectedTime.UnknownCause#NO_MEASUREMENT_IN_BOOT}. Measurements of other boots are never
 *       used: monotonic time restarts at each boot and the wall clock may have been anything. A measurement
 *       whose round trip exceeds {@link TimeCorrectionPolicy#maxRoundTrip()} is not usable.</li>
 *   <li><b>Some measurement of boot {@code B} has |step| ≤ {@link TimeCorrectionPolicy#stepTolerance()}</b>:
 *       the wall clock ran undisturbed between event and measurement, so {@link TimeQuality#MEASURED} at
 *       {@code W + offset(M)}, using among those measurements the one with the smallest round trip (ties to
 *       the one nearest in monotonic time, then the earlier): it bounds the offset most tightly.
 *       <b>Noise is not error</b>: when {@code M} says the device's OS clock was NTP-synchronised and
 *       |offset(M)| ≤ {@link ClockMeasurement#uncertainty()} + {@link TimeCorrectionPolicy#offsetFloor()}, the
 *       offset is taken as zero and the event keeps its wall time {@code W}: a synchronised clock measured over
 *       an asymmetric network shows an offset of up to half the round trip that is not there.</li>
 *   <li><b>Otherwise</b> (every measurement of the boot is on the other side of a wall-clock step):
 *       {@link TimeQuality#ANCHORED} at {@code S(M) − (N(M) − N)} using the measurement with the smallest
 *       round trip (ties as in rule 2). The event's wall time is not used at all. This places events journaled
 *       at a 1970 clock before NTP or the server set it.</li>
 *   <li><b>Future check</b>, on the result of rule 2 or 3: if it lies after
 *       {@code serverReceivedAt + }{@link TimeCorrectionPolicy#futureTolerance()}, it is not believed:
 *       {@link TimeQuality#UNKNOWN}, cause {@link CorrectedTime.UnknownCause#IN_THE_FUTURE}. An event
 *       cannot have happened after the server received it.</li>
 * </ol>
 * Offsets are exact (the half millisecond of {@code (a + b) / 2} and the nanoseconds of monotonic time are kept);
 * the corrected time is rounded once, at the end, to the nearest millisecond, a tie going toward the device's own
 * reading {@code W} (rule 2) or to the earlier millisecond (rule 3). So an offset within ±0.5 ms never moves an
 * event. The uncertainty of a known time is the measurement's {@link ClockMeasurement#uncertainty()} plus
 * {@link TimeCorrectionPolicy#driftPpm()} of |N(M) − N|.
 *
 * <p>The result depends only on the arguments, so an event's time can be recomputed (and may improve from
 * UNKNOWN to known) whenever a new measurement of its boot arrives.
 *
 * <p>Immutable and thread-safe; one instance may serve all ingest threads.
 */
public final class EventTimeCorrector {

    private final TimeCorrectionPolicy policy;

    public EventTimeCorrector(TimeCorrectionPolicy policy) {
        if (policy == null) {
            throw new IllegalArgumentException("policy must be set, was null");
        }
        this.policy = policy;
    }

    /** The tolerances this corrector applies. */
    public TimeCorrectionPolicy policy() {
        return policy;
    }

    /**
     * Corrects one event's time.
     *
     * @param event              the event's device time evidence
     * @param deviceMeasurements every measurement known for the event's device, all boots, any order
     * @param serverReceivedAt   when the server received the event (server clock)
     * @return the corrected time; never null
     * @throws IllegalArgumentException if a measurement belongs to another device than the event
     */
    public CorrectedTime correct(
            DeviceEventTime event, Collection<ClockMeasurement> deviceMeasurements, Instant serverReceivedAt) {
        if (event == null || deviceMeasurements == null || serverReceivedAt == null) {
            throw new IllegalArgumentException("event, deviceMeasurements and serverReceivedAt must be set, were "
                    + event + ", " + deviceMeasurements + ", " + serverReceivedAt);
        }
        List<ClockMeasurement> sameBoot = new ArrayList<>();
        for (ClockMeasurement m : deviceMeasurements) {
            requireSameDevice(event, m);
            if (m.bootId().equals(event.bootId()) && m.roundTrip().compareTo(policy.maxRoundTrip()) <= 0) {
                sameBoot.add(m);
            }
        }
        if (sameBoot.isEmpty()) {
            return new CorrectedTime.Unknown(CorrectedTime.UnknownCause.NO_MEASUREMENT_IN_BOOT,
                    () -> "time unknown: device " + event.deviceId() + " has no usable clock measurement in boot "
                            + event.bootId() + " (it rebooted or stayed offline before reaching the server);"
                            + " device said " + event.wallTime());
        }
        Comparator<ClockMeasurement> best = Comparator
                .comparing(ClockMeasurement::roundTrip)
                .thenComparingLong((ClockMeasurement m) -> Math.abs(m.monotonicNanosAtSend() - event.monotonicNanos()))
                .thenComparingLong(ClockMeasurement::monotonicNanosAtSend);
        Optional<ClockMeasurement> undisturbed = sameBoot.stream()
                .filter(m -> step(event, m).abs().compareTo(policy.stepTolerance()) <= 0)
                .min(best);
        CorrectedTime.Known known = undisturbed
                .map(m -> measured(event, m))
                .orElseGet(() -> anchored(event, sameBoot.stream().min(best).orElseThrow()));
        Instant latestBelievable = serverReceivedAt.plus(policy.futureTolerance());
        if (known.at().isAfter(latestBelievable)) {
            return new CorrectedTime.Unknown(CorrectedTime.UnknownCause.IN_THE_FUTURE,
                    () -> "time not believed: corrected time " + known.at() + " is in the future, "
                            + DurationText.of(Duration.between(serverReceivedAt, known.at()))
                            + " after the server received the event at " + serverReceivedAt
                            + " (device said " + event.wallTime() + ")");
        }
        return known;
    }

    private CorrectedTime.Known measured(DeviceEventTime event, ClockMeasurement m) {
        Duration measuredOffset = m.offset();
        Duration noise = m.uncertainty().plus(policy.offsetFloor());
        if (m.osClockSynchronized() && measuredOffset.abs().compareTo(noise) <= 0) {
            return new CorrectedTime.Known(TimeQuality.MEASURED, event.wallTime(), uncertainty(event, m), m,
                    () -> "device clock on time (synchronised by its OS; the measured " + DurationText.of(measuredOffset)
                            + " lies within the measurement's ± " + DurationText.of(noise) + ") by the measurement "
                            + distance(event, m) + " in the same boot");
        }
        Instant at = roundToMillis(event.wallTime().plus(measuredOffset), event.wallTime());
        return new CorrectedTime.Known(TimeQuality.MEASURED, at, uncertainty(event, m), m,
                () -> "device clock " + (measuredOffset.isZero() ? "on time"
                        : DurationText.of(measuredOffset) + (measuredOffset.isNegative() ? " fast" : " slow"))
                        + " by the measurement " + distance(event, m) + " in the same boot");
    }

    /**
     * The millisecond nearest to {@code exact}; a tie (exactly half a millisecond, which an NTP offset can leave)
     * goes to the millisecond on the side of {@code tieToward}.
     */
    static Instant roundToMillis(Instant exact, Instant tieToward) {
        Instant floor = exact.truncatedTo(ChronoUnit.MILLIS); // nano-of-second is never negative: this is a floor
        long below = exact.getNano() % 1_000_000;
        if (below < 500_000) {
            return floor;
        }
        Instant ceiling = floor.plusMillis(1);
        if (below > 500_000) {
            return ceiling;
        }
        return tieToward.isAfter(floor) ? ceiling : floor;
    }

    private CorrectedTime.Known anchored(DeviceEventTime event, ClockMeasurement m) {
        Instant exact = m.serverTimeAtSend().minusNanos(m.monotonicNanosAtSend() - event.monotonicNanos());
        Instant at = roundToMillis(exact, Instant.MIN);
        return new CorrectedTime.Known(TimeQuality.ANCHORED, at, uncertainty(event, m), m,
                () -> "device wall clock was stepped by " + DurationText.of(step(event, m))
                        + " between the event and the measurement " + distance(event, m)
                        + " in the same boot; placed by monotonic time (device said " + event.wallTime() + ")");
    }

    /** How much more the wall clock advanced than the monotonic clock from the event to the measurement. */
    private static Duration step(DeviceEventTime event, ClockMeasurement m) {
        // Duration arithmetic, not long: a 1970 wall time against today's must not overflow.
        return Duration.ofMillis(m.deviceSendTimeMs()).minusMillis(event.wallTimeMs())
                .minusNanos(m.monotonicNanosAtSend() - event.monotonicNanos());
    }

    private Duration uncertainty(DeviceEventTime event, ClockMeasurement m) {
        long distanceNanos = Math.abs(m.monotonicNanosAtSend() - event.monotonicNanos());
        // distance ≤ 2^63 ns and ppm ≤ 10^4: divide first so the product cannot overflow.
        Duration drift = Duration.ofNanos(distanceNanos / 1_000_000 * policy.driftPpm());
        return m.uncertainty().plus(drift);
    }

    private static String distance(DeviceEventTime event, ClockMeasurement m) {
        Duration d = Duration.ofNanos(m.monotonicNanosAtSend() - event.monotonicNanos());
        return DurationText.of(d) + (d.isNegative() ? " before the event" : " after the event");
    }

    private static void requireSameDevice(DeviceEventTime event, ClockMeasurement m) {
        if (!m.deviceId().equals(event.deviceId())) {
            throw new IllegalArgumentException("measurement of device " + m.deviceId()
                    + " given to correct an event of device " + event.deviceId());
        }
    }
}
