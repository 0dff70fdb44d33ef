package vn.kiosk06.bench.simulate;

import io.grpc.ManagedChannel;

/**
 * The per-device setup step before a simulated device's first sync. Today the server takes any device over
 * plaintext ({@link #INSECURE}); when enrollment (one-time codes, per-device credentials) and TLS exist, an
 * implementation redeems a code for the device here and returns the link carrying its credentials.
 *
 * <p>Called once per device from the simulation's setup threads, concurrently: implementations must be thread-safe.
 */
@FunctionalInterface
public interface DeviceEnrollment {

    /** No enrollment: every device syncs over the shared channel with no credentials. */
    DeviceEnrollment INSECURE = (deviceId, shared) -> new DeviceLink(shared, java.util.List.of());

    /**
     * Enrolls {@code deviceId} and returns how it reaches the server.
     *
     * @param shared the channel the simulation would share among devices; return it unless the device's
     *               credentials need a connection of their own
     */
    DeviceLink enroll(String deviceId, ManagedChannel shared);
}
