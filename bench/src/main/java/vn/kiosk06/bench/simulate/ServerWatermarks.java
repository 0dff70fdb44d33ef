package vn.kiosk06.bench.simulate;

import com.google.protobuf.ByteString;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.wire.EventRules;

/**
 * Asks the server what it holds for a device the way the device itself would: a Handshake in the device's name,
 * whose answer carries the device's watermark (every seq up to it stored). Thread-safe.
 */
final class ServerWatermarks {

    private static final ByteString CHECK_BOOT = ByteString.copyFrom(new byte[EventRules.BOOT_ID_BYTES]);

    private final ManagedChannel channel;
    private final TargetAddress target;

    ServerWatermarks(ManagedChannel channel, TargetAddress target) {
        this.channel = channel;
        this.target = target;
    }

    /**
     * The server's watermark for {@code deviceId}, which has journaled {@code lastSeq} events; {@code credentials}
     * are the device's own (a secure server answers a device only).
     */
    long watermark(String deviceId, long lastSeq, ClientInterceptor... credentials) {
        return SyncServiceGrpc.newBlockingStub(channel)
                .withInterceptors(credentials)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .withWaitForReady()
                .handshake(HandshakeRequest.newBuilder()
                        .setDeviceId(deviceId)
                        .setBootId(CHECK_BOOT)
                        .setDeviceSendTimeMs(System.currentTimeMillis())
                        .setAppVersion(SimulatedDevice.APP_VERSION)
                        .setLastSeq(lastSeq)
                        .build())
                .getWatermark();
    }

    /** How long one preflight call may take before it is tried again. */
    static final Duration PREFLIGHT_ATTEMPT = Duration.ofSeconds(5);
    /** How long the preflight keeps trying a server that accepts the connection but is slow to answer. */
    static final Duration PREFLIGHT_PATIENCE = Duration.ofMinutes(2);

    /**
     * Fails with a clear message unless a Kiosk06 server answers at the target, so a wrong --target is refused
     * before thousands of journals are made. A refused connection or a server that is not Kiosk06 fails at once; a
     * server that accepted the connection but has not answered within {@link #PREFLIGHT_ATTEMPT} is busy (other
     * simulators' devices enrolling and syncing), not absent: it is asked again until {@link #PREFLIGHT_PATIENCE}.
     */
    void checkReachable(PrintStream log) {
        checkReachable(PREFLIGHT_ATTEMPT, PREFLIGHT_PATIENCE, log);
    }

    /** As {@link #checkReachable(PrintStream)}, with the attempt deadline and the patience given (tests shorten them). */
    void checkReachable(Duration attempt, Duration patience, PrintStream log) {
        long start = System.nanoTime();
        for (int tries = 1; ; tries++) {
            try {
                // An empty device id is refused by the server without recording anything: an INVALID_ARGUMENT answer
                // proves a Kiosk06 server is there and leaves no trace in its fleet.
                // Not wait-for-ready: a refused connection must fail at once with UNAVAILABLE, not wait out the deadline.
                SyncServiceGrpc.newBlockingStub(channel).withDeadlineAfter(attempt.toNanos(), TimeUnit.NANOSECONDS)
                        .handshake(HandshakeRequest.newBuilder().setBootId(CHECK_BOOT)
                                .setDeviceSendTimeMs(System.currentTimeMillis()).setAppVersion(SimulatedDevice.APP_VERSION).build());
                return;
            } catch (StatusRuntimeException e) {
                Status.Code code = e.getStatus().getCode();
                // UNAUTHENTICATED: a secure server refuses a call without a device credential before reading it.
                if (code == Status.Code.INVALID_ARGUMENT || code == Status.Code.UNAUTHENTICATED) {
                    return;
                }
                Duration waited = Duration.ofNanos(System.nanoTime() - start);
                if (code == Status.Code.DEADLINE_EXCEEDED && waited.compareTo(patience) < 0) {
                    log.printf(Locale.ROOT, "[simulate] --target %s accepted the connection but did not answer within %d ms "
                            + "(busy?); asking again (%d s of %d s) …%n", target, attempt.toMillis(), waited.toSeconds(),
                            patience.toSeconds());
                    continue;
                }
                String why = code == Status.Code.DEADLINE_EXCEEDED
                        ? "nothing answered in " + waited.toSeconds() + " s (" + tries + " attempts of " + attempt.toMillis() + " ms)"
                        : code == Status.Code.UNIMPLEMENTED ? "it answers gRPC but is not a Kiosk06 sync server"
                        : code + describe(e.getStatus());
                throw new IllegalArgumentException("--target " + target + ": no Kiosk06 server reachable there (" + why + ")", e);
            }
        }
    }

    private static String describe(Status s) {
        return s.getDescription() == null ? "" : ": " + s.getDescription();
    }
}
