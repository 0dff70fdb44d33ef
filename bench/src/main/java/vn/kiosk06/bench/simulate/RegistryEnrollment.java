package vn.kiosk06.bench.simulate;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import vn.kiosk06.bench.scale.Cleanup;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.client.enroll.Enroller;
import vn.kiosk06.client.enroll.SecureChannels;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollResponse;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.db.Database;
import vn.kiosk06.server.db.Databases;
import vn.kiosk06.server.enroll.DeviceRegistry;
import vn.kiosk06.server.enroll.IssuedCode;
import vn.kiosk06.server.tls.ServerIdentity;

/**
 * Enrolls each simulated device as an operator and a technician would, against a secure server: registers it in
 * the server's own device registry (its database, as {@code ./kiosk06 admin device add} does), then redeems the
 * one-time code over the real Enroll rpc on a TLS connection pinned to the server's certificate, and hands the
 * device the credential it received. The devices then share a few pinned TLS connections, each call carrying its
 * own device's credential.
 *
 * <p>The server throttles enrollment per client address ({@code kiosk06.server.limits.enroll-per-minute}/
 * {@code enroll-burst}, 6/min and 10 by default): every simulated device enrolls from this one address, so a run of
 * more than a few devices needs the server started with those limits raised. Thread-safe: a simulated device
 * enrolls over the simulator's shared connection; {@link #credential} (a device bench's one device) over a
 * channel of its own, as a real device.
 */
public final class RegistryEnrollment implements DeviceEnrollment, AutoCloseable {

    /** The org unit simulated devices are registered under (a code, not a real place). */
    static final String UNIT = "SIM";

    private final Database database;
    private final DeviceRegistry registry;
    private final byte[] fingerprint;
    private final TargetAddress target;
    private final Path credentials;
    private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
    private final AtomicLong retries = new AtomicLong();
    private static final int ENROLL_ATTEMPTS = 10;

    private RegistryEnrollment(Database database, byte[] fingerprint, TargetAddress target, Path credentials) {
        this.database = database;
        this.fingerprint = fingerprint.clone();
        this.registry = new DeviceRegistry(database, java.time.Clock.systemUTC(), new java.security.SecureRandom(),
                this::fingerprintCopy);
        this.target = target;
        this.credentials = credentials;
    }

    /**
     * Enrollment against the server whose data directory is {@code serverDataDir} (its certificate in {@code tls/},
     * and its SQLite store unless {@code db} names the PostgreSQL database it runs on).
     */
    public static RegistryEnrollment forServer(Path serverDataDir, Optional<String> db, TargetAddress target) {
        Path certificate = serverDataDir.resolve("tls").resolve("server.crt");
        if (!Files.isRegularFile(certificate)) {
            throw new IllegalArgumentException("--enroll-with-data-dir " + serverDataDir + ": no server certificate there ("
                    + certificate + " is missing); give the data directory of the server at " + target);
        }
        // Only the certificate is read (not ServerIdentity.load, which rewrites the server's keystore file and so
        // races with other simulators reading the same directory).
        try (InputStream in = Files.newInputStream(certificate)) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return withCertificate(ServerIdentity.fingerprint(cert), serverDataDir, db, target);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("--enroll-with-data-dir " + serverDataDir + ": cannot read the server "
                    + "certificate " + certificate + ": " + e.getMessage(), e);
        }
    }

    /** Enrollment with the certificate fingerprint given (instances that share one certificate file). */
    public static RegistryEnrollment withCertificate(byte[] fingerprint, Path serverDataDir, Optional<String> db,
                                                     TargetAddress target) {
        Database database = Databases.open(db.orElse(null), serverDataDir);
        try {
            return new RegistryEnrollment(database, fingerprint, target, Files.createTempDirectory("kiosk06-credentials-"));
        } catch (IOException e) {
            database.close();
            throw new UncheckedIOException("cannot make a directory for the devices' credentials", e);
        }
    }

    private byte[] fingerprintCopy() {
        return fingerprint.clone();
    }

    /**
     * Registers every device first, in batches of one transaction each, as {@code admin device add --csv} does (one
     * commit per device made registering 20,000 devices take minutes).
     */
    @Override
    public void prepare(List<String> deviceIds) {
        for (int from = 0; from < deviceIds.size(); from += REGISTER_BATCH) {
            List<DeviceRegistry.NewDevice> batch = deviceIds.subList(from, Math.min(deviceIds.size(), from + REGISTER_BATCH))
                    .stream().map(id -> new DeviceRegistry.NewDevice(id, UNIT)).toList();
            for (IssuedCode c : registry.registerAll(batch, Duration.ofHours(1), "simulate", Optional.empty())) {
                codes.put(c.deviceId(), c);
            }
        }
    }

    private static final int REGISTER_BATCH = 5_000;

    private IssuedCode register(String deviceId) {
        return registry.register(deviceId, UNIT, Duration.ofHours(1), "simulate", Optional.empty());
    }

    /**
     * Enrolls the device over {@code shared}, the simulator's pinned TLS connection its syncs then use: a TLS
     * handshake and a client TLS context per device (what {@link Enroller} does, once, on a real device's own CPU)
     * made this machine's simulator, not the server, the limit of a fleet's enrollment. The credential stays in
     * memory, as the simulated device only needs it there.
     */
    @Override
    public DeviceLink enroll(String deviceId, ManagedChannel shared) {
        IssuedCode issued = codes.remove(deviceId);
        if (issued == null) {
            issued = register(deviceId);
        }
        EnrollRequest request = EnrollRequest.newBuilder().setCode(issued.code().secret()).setAppVersion(SimulatedDevice.APP_VERSION).build();
        for (int attempt = 1; ; attempt++) {
            try {
                EnrollResponse r = EnrollmentServiceGrpc.newBlockingStub(shared).withDeadlineAfter(60, TimeUnit.SECONDS).enroll(request);
                DeviceCredential credential = new DeviceCredential(r.getDeviceId(), r.getDeviceSecret(), fingerprint,
                        r.getOrgUnit(), r.getSealingKey());
                return new DeviceLink(shared, List.of(SecureChannels.credential(credential)), Optional.of(credential));
            } catch (StatusRuntimeException e) {
                if (attempt == ENROLL_ATTEMPTS || e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                    throw new IllegalStateException(deviceId + ": enrollment failed: " + e.getStatus()
                            + " (many devices enrolling from one address need the server's kiosk06.server.limits.enroll-per-minute "
                            + "and enroll-burst raised for the run)", e);
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(Math.min(2_000L, 50L << attempt));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(deviceId + ": interrupted while enrolling", ie);
                }
            }
        }
    }

    /** Registers {@code deviceId} and redeems its code over the wire; the credential the server issued. */
    public DeviceCredential credential(String deviceId) {
        IssuedCode issued = codes.remove(deviceId);
        if (issued == null) {
            issued = register(deviceId);
        }
        try {
            // A device retries an enrollment the server could not do now (UNAVAILABLE: "retry later"), as a
            // technician would; the code stays valid until used.
            for (int attempt = 1; ; attempt++) {
                try {
                    return Enroller.enroll(issued.code(), target.toString(), credentials.resolve(deviceId), SimulatedDevice.APP_VERSION);
                } catch (Enroller.EnrollmentFailed e) {
                    if (attempt == ENROLL_ATTEMPTS || !(e.getCause() instanceof StatusRuntimeException s)
                            || s.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                        throw e;
                    }
                    retries.incrementAndGet();
                    Thread.sleep(Math.min(2_000L, 50L << attempt));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(deviceId + ": interrupted while enrolling", e);
        } catch (Enroller.EnrollmentFailed e) {
            throw new IllegalStateException(deviceId + ": " + e.getMessage()
                    + " (many devices enrolling from one address need the server's kiosk06.server.limits.enroll-per-minute "
                    + "and enroll-burst raised for the run)", e);
        }
    }

    /** Enrollments the server asked to retry ("cannot enroll now"), all devices together. */
    public long retries() {
        return retries.get();
    }

    @Override
    public Optional<byte[]> pinnedCertificate() {
        return Optional.of(fingerprint.clone());
    }

    @Override
    public void close() {
        database.close();
        Cleanup.deleteTree(credentials);
    }
}
