package vn.kiosk06.client.clock;

import java.time.Duration;
import vn.kiosk06.wire.ClockMeasurement;
import vn.kiosk06.wire.DurationText;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The device's running verdict on its own wall clock, fed by the measurements taken at each sync handshake
 * and by the OS's NTP status.
 *
 * <h2>Rules, applied in this order by {@link #assess()}</h2>
 * Let {@code M} be the latest measurement {@linkplain #record recorded} (latest by monotonic time). It is
 * <em>current</em> when it is younger than {@link ClockQualityPolicy#maxMeasurementAge()} and the wall clock
 * has not been changed since it was taken (wall and monotonic time have advanced alike since, within
 * {@link ClockQualityPolicy#stepTolerance()}). Age is measured on the monotonic clock, never the wall clock,
 * because the wall clock is the thing in doubt.
 * <ol>
 *   <li>{@code M} current and |offset| ≤ {@link ClockQualityPolicy#maxTrustedOffset()}: TRUSTED.</li>
 *   <li>{@code M} current and |offset| larger: UNTRUSTED, e.g. "clock 3 days fast", even if the OS claims NTP
 *       sync: the server's clock is the one reports are computed by.</li>
 *   <li>The OS reports NTP sync ({@link NtpSyncProbe}): TRUSTED.</li>
 *   <li>{@code M} exists but the wall clock changed since: UNTRUSTED "clock was changed since …".</li>
 *   <li>{@code M} exists but is too old: UNTRUSTED "clock last checked against the server … ago".</li>
 *   <li>Otherwise: UNTRUSTED "clock never checked against the server since boot".</li>
 * </ol>
 * Only measurements of the current boot are accepted: the object lives as long as the process, which
 * never outlives a boot.
 *
 * <p>Thread-safe: {@link #record} and {@link #assess} may be called from any thread (the sync worker
 * records, the UI and heartbeat assess); the latest measurement is held in an atomic reference.
 */
public final class ClockQuality {

    private final DeviceClock clock;
    private final NtpSyncProbe ntp;
    private final ClockQualityPolicy policy;
    private final AtomicReference<Optional<ClockMeasurement>> latest = new AtomicReference<>(Optional.empty());

    public ClockQuality(DeviceClock clock, NtpSyncProbe ntp, ClockQualityPolicy policy) {
        if (clock == null || ntp == null || policy == null) {
            throw new IllegalArgumentException("clock, ntp and policy must be set, were " + clock + ", " + ntp
                    + ", " + policy);
        }
        this.clock = clock;
        this.ntp = ntp;
        this.policy = policy;
    }

    /**
     * Takes a handshake's measurement into account; an older one than already recorded is ignored.
     *
     * @throws IllegalArgumentException if the measurement is of another boot than the current one
     */
    public void record(ClockMeasurement measurement) {
        if (!measurement.bootId().equals(clock.bootId())) {
            throw new IllegalArgumentException("measurement of boot " + measurement.bootId()
                    + " recorded in boot " + clock.bootId());
        }
        latest.accumulateAndGet(Optional.of(measurement), (current, offered) ->
                current.isPresent()
                        && current.get().monotonicNanosAtSend() > offered.get().monotonicNanosAtSend()
                        ? current : offered);
    }

    /** The latest measurement recorded in this boot, if any. */
    public Optional<ClockMeasurement> latestMeasurement() {
        return latest.get();
    }

    /** The verdict now, by the rules in the class comment. */
    public ClockAssessment assess() {
        long monoNow = clock.monotonicNanos();
        long wallNow = clock.wallTimeMillis();
        Optional<ClockMeasurement> m = latest.get();
        Duration age = m.map(x -> Duration.ofNanos(monoNow - x.monotonicNanosAtSend())).orElse(Duration.ZERO);
        Duration change = m.map(x -> Duration.ofMillis(wallNow).minusMillis(x.deviceSendTimeMs()).minus(age))
                .orElse(Duration.ZERO);
        boolean changed = change.abs().compareTo(policy.stepTolerance()) > 0;
        boolean fresh = age.compareTo(policy.maxMeasurementAge()) <= 0;

        if (m.isPresent() && fresh && !changed) {
            Duration offset = m.get().offset();
            String when = " (checked against the server " + DurationText.of(age) + " ago)";
            if (offset.abs().compareTo(policy.maxTrustedOffset()) <= 0) {
                return new ClockAssessment(ClockTrust.TRUSTED, "clock within " + DurationText.of(offset)
                        + " of the server" + when);
            }
            return new ClockAssessment(ClockTrust.UNTRUSTED, "clock " + DurationText.of(offset)
                    + (offset.isNegative() ? " fast" : " slow") + when);
        }
        if (ntp.probe() == NtpSync.SYNCHRONIZED) {
            return new ClockAssessment(ClockTrust.TRUSTED, "clock synchronised by the operating system (NTP)");
        }
        if (m.isPresent() && changed) {
            return new ClockAssessment(ClockTrust.UNTRUSTED, "clock was changed by " + DurationText.of(change)
                    + " since it was last checked against the server");
        }
        if (m.isPresent()) {
            return new ClockAssessment(ClockTrust.UNTRUSTED, "clock last checked against the server "
                    + DurationText.of(age) + " ago");
        }
        return new ClockAssessment(ClockTrust.UNTRUSTED, "clock never checked against the server since boot");
    }
}
