package vn.kiosk06.server.ingest;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import vn.kiosk06.server.enroll.AuthenticatedDevice;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.RegisteredDevice;
import vn.kiosk06.server.limit.Limits;
import vn.kiosk06.server.limit.RateLimiter;

/**
 * What every handshake and batch passes before ingest: the device it names must be the one the call was
 * authenticated as (else a device could write, or replay, another's events), and the device must stay within its
 * rate ({@code kiosk06.server.limits.device-*}). An Upload stream can stay open for a long time after the
 * credential check that opened it, so each stream re-reads its device's registry state once the last check is
 * older than {@link #RECHECK_AFTER}: a device revoked (or re-registered) mid-stream is refused within seconds, without
 * a registry read per batch. Thread-safe; each {@link UploadAdmission} belongs to one stream.
 */
@Singleton
final class DeviceGate {

    /** How stale a stream's last registry check may get before its next batch re-checks. */
    static final Duration RECHECK_AFTER = Duration.ofSeconds(5);

    private final RateLimiter limiter;
    private final DeviceRegistry registry;
    private final Clock clock;

    DeviceGate(Limits limits, DeviceRegistry registry, Clock clock) {
        this.limiter = new RateLimiter(limits.burstShare(limits.deviceBurst()), limits.rateShare(limits.deviceCallsPerSecond()),
                System::nanoTime, 100_000);
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * For a call whose credential was just checked (a handshake).
     *
     * @throws IngestRejectedException FORBIDDEN when {@code namedDevice} is not the authenticated device,
     *                                 RATE_LIMITED when the device is over its rate
     */
    void admit(String namedDevice) {
        Optional<String> authenticated = AuthenticatedDevice.current();
        if (authenticated.isPresent() && !authenticated.get().equals(namedDevice)) {
            throw new IngestRejectedException(IngestRejectedException.Reason.FORBIDDEN, "the credential belongs to device '"
                    + authenticated.get() + "' but the request names device '" + namedDevice
                    + "'; a device may only write its own events");
        }
        Optional<Duration> wait = limiter.tryAcquire(namedDevice, 1);
        if (wait.isPresent()) {
            throw new IngestRejectedException(IngestRejectedException.Reason.RATE_LIMITED, "device '" + namedDevice
                    + "' sends faster than its limit; slow down and retry in " + Math.max(1, wait.get().toMillis()) + " ms");
        }
    }

    /** The gate of one Upload stream, opened when the call starts (just after its credential was checked). */
    UploadAdmission openUpload() {
        return new UploadAdmission(clock.instant());
    }

    /** Admits one stream's batches; gRPC hands a call's messages over one at a time, so this needs no locking. */
    final class UploadAdmission {
        private Instant lastChecked;

        private UploadAdmission(Instant openedAt) {
            this.lastChecked = openedAt;
        }

        /**
         * @throws IngestRejectedException as {@link DeviceGate#admit}, and FORBIDDEN when the device is no longer
         *                                 enrolled (revoked, or registered again) since the stream opened
         */
        void admit(String namedDevice) {
            DeviceGate.this.admit(namedDevice);
            Optional<String> authenticated = AuthenticatedDevice.current();
            Instant now = clock.instant();
            if (authenticated.isEmpty() || now.isBefore(lastChecked.plus(RECHECK_AFTER))) {
                return; // --insecure (nothing to re-check) or checked recently
            }
            Optional<RegisteredDevice> device = registry.find(authenticated.get());
            if (device.isEmpty() || device.get().state() != RegisteredDevice.State.ENROLLED) {
                String why = device.isEmpty() ? "is no longer registered"
                        : device.get().state() == RegisteredDevice.State.REVOKED ? "was revoked by an admin"
                        : "was registered again, which cancelled its credential";
                throw new IngestRejectedException(IngestRejectedException.Reason.FORBIDDEN, "device '" + authenticated.get()
                        + "' " + why + " while its upload was open; it may not sync until registered and enrolled again");
            }
            lastChecked = now;
        }
    }
}
