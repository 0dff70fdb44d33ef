package vn.kiosk06.server.enroll;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import vn.kiosk06.wire.ChainKey;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.db.StoreException;
import vn.kiosk06.server.tls.ServerTransport;

/**
 * Authenticates every SyncService call against the {@link DeviceRegistry} before the service sees it, and puts
 * the device in the call's context ({@link AuthenticatedDevice}) so the service can refuse a request naming another
 * device. No credential: refused (UNAUTHENTICATED), except in --insecure development mode. An unknown device, a
 * device that never enrolled and a wrong secret get the same UNAUTHENTICATED description (the sync port must not
 * tell which device ids exist); a revoked device presenting its own secret is PERMISSION_DENIED. Other services
 * (enrollment, health, reflection) pass through. Stateless; the registry is read on every call, so a revocation
 * takes effect on the device's next call.
 */
@Singleton
final class DeviceAuthInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthInterceptor.class);

    private final DeviceRegistry registry;
    private final ServerTransport transport;

    DeviceAuthInterceptor(DeviceRegistry registry, ServerTransport transport) {
        this.registry = registry;
        this.transport = transport;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!SyncServiceGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String deviceId = headers.get(AuthenticatedDevice.DEVICE_ID);
        String secret = headers.get(AuthenticatedDevice.DEVICE_SECRET);
        if (deviceId == null && secret == null) {
            if (transport.insecure()) {
                return next.startCall(call, headers);
            }
            return refuse(call, Status.UNAUTHENTICATED, "no device credential; enroll this device first "
                    + "(./kiosk06 client enroll --code CODE)");
        }
        if (deviceId == null || secret == null) {
            return refuse(call, Status.UNAUTHENTICATED, "incomplete device credential: both x-kiosk06-device-id and "
                    + "x-kiosk06-device-secret are needed");
        }
        DeviceAuthentication verdict;
        try {
            verdict = registry.authenticate(deviceId, secret);
        } catch (StoreException e) {
            LOG.error("Cannot check device '{}': {}", deviceId, e.getMessage());
            return refuse(call, Status.UNAVAILABLE, "the server cannot check credentials now; retry later");
        }
        return switch (verdict) {
            // The chain key from the secret just checked: ingest restores keyed links without a lookup.
            case ACCEPTED -> Contexts.interceptCall(Context.current().withValue(AuthenticatedDevice.KEY, deviceId)
                    .withValue(AuthenticatedDevice.CHAIN_KEY, ChainKey.fromSecret(secret)), call, headers, next);
            // One answer for all three, so the sync port does not tell which device ids exist; the log says which.
            case UNKNOWN_DEVICE, NOT_ENROLLED, WRONG_SECRET -> {
                LOG.info("Device credential for {} refused: {}", who(deviceId), verdict);
                yield refuse(call, Status.UNAUTHENTICATED, credentialRefused(who(deviceId)));
            }
            case REVOKED -> refuse(call, Status.PERMISSION_DENIED, who(deviceId) + " was revoked by an admin; it may not sync "
                    + "until registered and enrolled again");
        };
    }

    /** The one description for an unknown device, a device that never enrolled and a wrong secret. */
    static String credentialRefused(String who) {
        return "credential refused for " + who + ": the device is not enrolled on this server or its secret is wrong; "
                + "enroll it with a new code (./kiosk06 client enroll --code CODE)";
    }

    /** The device as a refusal names it; only on refusals (a regex over the id on every accepted call showed in profiles). */
    private static String who(String deviceId) {
        return "device '" + printable(deviceId) + "'";
    }

    private static String printable(String s) {
        String t = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static <Q> ServerCall.Listener<Q> refuse(ServerCall<Q, ?> call, Status status, String description) {
        LOG.info("Refused {}: {} {}", call.getMethodDescriptor().getFullMethodName(), status.getCode(), description);
        call.close(status.withDescription(description), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
