package vn.kiosk06.server.ingest;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import vn.kiosk06.server.enroll.AuthenticatedDevice;
import vn.kiosk06.server.limit.Limits;
import vn.kiosk06.server.limit.RateLimiter;

/**
 * What every handshake and batch passes before ingest: the device it names must be the one the call was
 * authenticated as (else a device could write, or replay, another's events), and the device must stay within its
 * rate ({@code kiosk06.server.limits.device-*}). Thread-safe.
 */
@Singleton
final class DeviceGate {

    private final RateLimiter limiter;

    DeviceGate(Limits limits) {
        this.limiter = new RateLimiter(limits.deviceBurst(), limits.deviceCallsPerSecond(), System::nanoTime, 100_000);
    }

    /**
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
}
