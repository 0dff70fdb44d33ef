package vn.kiosk06.server.enroll;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.Optional;
import vn.kiosk06.wire.ChainKey;

/**
 * The device a sync call was authenticated as, carried in the gRPC {@link Context} by {@link DeviceAuthInterceptor},
 * and the metadata keys a device sends its credential in (see sync.proto).
 */
public final class AuthenticatedDevice {

    public static final Metadata.Key<String> DEVICE_ID =
            Metadata.Key.of("x-kiosk06-device-id", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> DEVICE_SECRET =
            Metadata.Key.of("x-kiosk06-device-secret", Metadata.ASCII_STRING_MARSHALLER);
    static final Context.Key<String> KEY = Context.key("kiosk06-authenticated-device");
    static final Context.Key<ChainKey> CHAIN_KEY = Context.key("kiosk06-device-chain-key");

    private AuthenticatedDevice() {
    }

    /** The current call's device; empty for an unauthenticated call (accepted only in --insecure mode). */
    public static Optional<String> current() {
        return Optional.ofNullable(KEY.get());
    }

    /** The current call's device's chain key, derived from the secret it authenticated with; empty when unauthenticated. */
    public static Optional<ChainKey> chainKey() {
        return Optional.ofNullable(CHAIN_KEY.get());
    }
}
