package vn.kiosk06.bench.scale;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.client.enroll.SecureChannels;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollResponse;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.IssuedCode;

/**
 * The Enroll rpc at fleet speed: a district's devices, registered in one batch (as {@code admin device add --csv}
 * does), redeem their one-time codes against one secure server process (TLS, SQLite, {@code -Xmx512m}) as fast as
 * the server answers. Each device opens its own TLS connection, pinned to the server's certificate, with a client
 * context of its own (a full handshake each: no session resumed, as devices that never met the server before);
 * {@link #CONCURRENCY} of them at a time. The same is then measured on one shared connection, which separates the
 * handshake's cost from the rpc's (code check, credential, one commit).
 *
 * <p>Every enrollment comes from this one machine's address: the server's per-address enrollment throttle is
 * raised for the run ({@link ServerProcess#start}); a deployment keeps its defaults.
 */
final class EnrollAtScale {

    /** Devices enrolling at the same moment (a roll-out morning's technicians, many at once). */
    static final int CONCURRENCY = 32;

    /**
     * @param devices            devices enrolled in each of the two runs
     * @param perSecond          enrollments per second, a new TLS connection (full handshake) per device:
     *                           {@code enroll_new_tls_connection_per_s}
     * @param sharedPerSecond    enrollments per second on one shared TLS connection, as the simulator's devices
     *                           enroll (the rpc, the code check and the store): {@code enroll_per_s}
     * @param registerSeconds    registering all 2 × devices, one batch each
     */
    record Result(int devices, double perSecond, double sharedPerSecond, double registerSeconds) {
    }

    private EnrollAtScale() {
    }

    static Result run(Path work, int devices, PrintStream log) throws IOException, InterruptedException {
        log.printf(Locale.ROOT, "[bench] enrollment: %,d devices each on its own TLS connection, then %,d on one shared "
                + "connection, %d at a time, against one server (-Xmx512m; per-address throttle raised for the bench) …%n",
                devices, devices, CONCURRENCY);
        try (ServerProcess server = ServerProcess.start(work, "server-enroll", 512, ServerProcess.Setup.sqlite());
             Database db = Databases.open(null, server.dataDir())) {
            byte[] fingerprint = server.fingerprint();
            DeviceRegistry registry = new DeviceRegistry(db, java.time.Clock.systemUTC(), new java.security.SecureRandom(),
                    fingerprint::clone);
            long t0 = System.nanoTime();
            List<IssuedCode> own = registry.registerAll(ids("enroll-own", devices), Duration.ofHours(1), "bench", Optional.empty());
            List<IssuedCode> shared = registry.registerAll(ids("enroll-shared", devices), Duration.ofHours(1), "bench", Optional.empty());
            double registerSeconds = (System.nanoTime() - t0) / 1e9;
            log.printf(Locale.ROOT, "[bench] enrollment: registered %,d devices in %.2f s (two batches)%n", 2 * devices, registerSeconds);
            String target = server.grpcTarget().toString();
            // Warm-up (JIT on both sides): a few hundred enrollments not counted.
            List<IssuedCode> warm = registry.registerAll(ids("enroll-warm", 300), Duration.ofHours(1), "bench", Optional.empty());
            enrollAll(warm, code -> {
                ManagedChannel ch = SecureChannels.pinned(target, fingerprint);
                try {
                    return enroll(ch, code);
                } finally {
                    ch.shutdown(); // graceful: the connection closes after the answer, as a device's does
                }
            });
            double perSecond = enrollAll(own, code -> {
                ManagedChannel ch = SecureChannels.pinned(target, fingerprint);
                try {
                    return enroll(ch, code);
                } finally {
                    ch.shutdown(); // graceful: the connection closes after the answer, as a device's does
                }
            });
            log.printf(Locale.ROOT, "[bench] enrollment, a TLS connection per device: %,.0f /s%n", perSecond);
            ManagedChannel one = SecureChannels.pinned(target, fingerprint);
            double sharedPerSecond;
            try {
                sharedPerSecond = enrollAll(shared, code -> enroll(one, code));
            } finally {
                one.shutdownNow();
            }
            log.printf(Locale.ROOT, "[bench] enrollment, one shared TLS connection: %,.0f /s%n", sharedPerSecond);
            return new Result(devices, perSecond, sharedPerSecond, registerSeconds);
        }
    }

    private static List<DeviceRegistry.NewDevice> ids(String prefix, int n) {
        List<DeviceRegistry.NewDevice> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new DeviceRegistry.NewDevice(String.format(Locale.ROOT, "%s-%05d", prefix, i + 1), "SIM"));
        }
        return out;
    }

    private static EnrollResponse enroll(ManagedChannel channel, IssuedCode code) {
        EnrollResponse r = EnrollmentServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS).withWaitForReady()
                .enroll(EnrollRequest.newBuilder().setCode(code.code().secret()).setAppVersion("bench").build());
        if (!r.getDeviceId().equals(code.deviceId()) || r.getDeviceSecret().isEmpty()) {
            throw new IllegalStateException("enrolling " + code.deviceId() + " gave " + r.getDeviceId());
        }
        return r;
    }

    private interface Enroll {
        EnrollResponse run(IssuedCode code);
    }

    /** Enrolls every code, {@link #CONCURRENCY} at a time; enrollments per second, first start to last answer. */
    private static double enrollAll(List<IssuedCode> codes, Enroll enroll) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            long t0 = System.nanoTime();
            List<Future<EnrollResponse>> done = new ArrayList<>(codes.size());
            for (IssuedCode c : codes) {
                done.add(pool.submit(() -> enroll.run(c)));
            }
            for (Future<EnrollResponse> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    String why = e.getCause() instanceof StatusRuntimeException s ? s.getStatus().toString() : String.valueOf(e.getCause());
                    throw new IllegalStateException("an enrollment failed: " + why, e.getCause());
                }
            }
            return codes.size() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
