package vn.kiosk06.server.enroll;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.limit.Limits;
import vn.kiosk06.server.limit.RateLimiter;
import vn.kiosk06.server.limit.TrustedProxies;

/**
 * Limits enrollment attempts per client address (token bucket, {@code kiosk06.server.limits.enroll-*}): guessing
 * codes gets RESOURCE_EXHAUSTED with the wait, while other addresses and all syncing devices are unaffected.
 * Thread-safe.
 */
@Singleton
final class EnrollThrottleInterceptor implements ServerInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(EnrollThrottleInterceptor.class);

    private static final Metadata.Key<String> FORWARDED_FOR =
            Metadata.Key.of(TrustedProxies.FORWARDED_FOR, Metadata.ASCII_STRING_MARSHALLER);

    private final RateLimiter limiter;
    private final TrustedProxies proxies;

    EnrollThrottleInterceptor(Limits limits) {
        this.proxies = limits.proxies();
        this.limiter = new RateLimiter(limits.burstShare(limits.enrollBurst()), limits.rateShare(limits.enrollPerMinute()) / 60.0,
                System::nanoTime, 10_000);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!EnrollmentServiceGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        // Behind a trusted proxy, the client the proxy forwarded for; otherwise the peer (a forged header is ignored).
        String address = proxies.clientKey(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR),
                Optional.ofNullable(headers.get(FORWARDED_FOR)));
        Optional<Duration> wait = limiter.tryAcquire(address, 1);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds());
            LOG.warn("Enrollment attempts from {} throttled (retry in {} s)", address, seconds);
            call.close(Status.RESOURCE_EXHAUSTED.withDescription("too many enrollment attempts from " + address
                    + "; try again in " + seconds + " s"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
