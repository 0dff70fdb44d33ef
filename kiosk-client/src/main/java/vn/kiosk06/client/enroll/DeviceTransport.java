package vn.kiosk06.client.enroll;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.client.config.ConfigException;

/**
 * How this device reaches the server: enrolled (TLS pinned to the server's certificate, the credential on every
 * call, citizen ids sealed to the server's public key) or, in development only ({@code insecure: true}), plaintext without a
 * credential. A device that is neither refuses to start, saying how to enroll. Immutable.
 *
 * @param credential the device's credential, when enrolled
 */
public record DeviceTransport(Optional<DeviceCredential> credential) {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceTransport.class);

    /**
     * @throws ConfigException when the device is not enrolled and not insecure, or is enrolled under another id
     */
    public static DeviceTransport decide(String deviceId, Path dataDir, boolean insecure) {
        Optional<DeviceCredential> credential = DeviceCredential.load(dataDir);
        if (credential.isPresent()) {
            if (!credential.get().deviceId().equals(deviceId)) {
                throw new ConfigException("the config file says device-id '" + deviceId + "' but this device enrolled as '"
                        + credential.get().deviceId() + "' (" + DeviceCredential.file(dataDir) + "); fix device-id");
            }
            return new DeviceTransport(credential);
        }
        if (!insecure) {
            throw new ConfigException("this device is not enrolled (no " + DeviceCredential.file(dataDir) + "); run "
                    + "./kiosk06 client enroll --code CODE --server HOST:PORT --data-dir " + dataDir
                    + " with the code from './kiosk06 admin device add', or set 'insecure: true' for development");
        }
        LOG.warn("INSECURE development mode (insecure: true): syncing in plaintext without a device credential, "
                + "citizen ids keyed with a local secret until the server hands its sealing key. Never run a deployment like this.");
        return new DeviceTransport(Optional.empty());
    }

    /** The channel to {@code server}: pinned TLS when enrolled, plaintext otherwise. */
    public ManagedChannel channel(String server) {
        return credential.map(c -> SecureChannels.pinned(server, c.serverFingerprint()))
                .orElseGet(() -> SecureChannels.plaintext(server));
    }

    /** What each sync call needs added: the credential, when enrolled. */
    public ClientInterceptor[] interceptors() {
        return credential.map(c -> new ClientInterceptor[] {SecureChannels.credential(c)}).orElse(new ClientInterceptor[0]);
    }
}
