package vn.kiosk06.server.enroll;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.Optional;

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

    private AuthenticatedDevice() {
    }

    /** The current call's device; empty for an unauthenticated call (accepted only in --insecure mode). */
    public static Optional<String> current() {
        return Optional.ofNullable(KEY.get());
    }
}
