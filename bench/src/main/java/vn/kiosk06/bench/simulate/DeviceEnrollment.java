package vn.kiosk06.bench.simulate;

import io.grpc.ManagedChannel;
import java.util.Optional;

/**
 * The per-device setup step before a simulated device's first sync: {@link #INSECURE} for a server started with
 * --insecure (plaintext, no credentials), {@link RegistryEnrollment} for a secure one (registers the device, redeems
 * its one-time code over the Enroll rpc with TLS pinning, and returns the link carrying its credential).
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

    /**
     * Called once, before any {@link #enroll}, with every device id of the run: where registration is a separate
     * step (an admin registering a batch of devices), it is done here, so the devices' enrollments do not contend
     * with it.
     */
    default void prepare(java.util.List<String> deviceIds) {
    }

    /**
     * The SHA-256 of the server certificate the shared channels must pin (TLS); empty for a plaintext dev server.
     */
    default Optional<byte[]> pinnedCertificate() {
        return Optional.empty();
    }
}
