package vn.kiosk06.client.enroll;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollResponse;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.wire.EnrollmentCode;

/**
 * Enrolls a device: connects to the server over TLS trusting only the certificate named by the code, exchanges the
 * code for the device's credential and stores it in the data directory (0600). Stateless.
 */
public final class Enroller {

    private Enroller() {
    }

    /** What went wrong, in words a technician can act on. */
    public static final class EnrollmentFailed extends Exception {
        public EnrollmentFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static DeviceCredential enroll(EnrollmentCode code, String server, Path dataDir, String appVersion)
            throws EnrollmentFailed {
        ManagedChannel channel = SecureChannels.pinned(server, code.fingerprint());
        try {
            EnrollResponse r = EnrollmentServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .enroll(EnrollRequest.newBuilder().setCode(code.secret()).setAppVersion(appVersion).build());
            if (!r.hasSealingKey()) {
                throw new EnrollmentFailed("enrollment at " + server + " gave no key for sealing citizen ids: the "
                        + "server is older than this device app; upgrade the server first", null);
            }
            DeviceCredential credential = new DeviceCredential(r.getDeviceId(), r.getDeviceSecret(), code.fingerprint(),
                    r.getOrgUnit(), r.getSealingKey());
            credential.save(dataDir);
            return credential;
        } catch (StatusRuntimeException e) {
            throw new EnrollmentFailed(describe(server, e.getStatus()), e);
        } catch (IOException e) {
            throw new EnrollmentFailed("enrolled, but cannot write the credential to " + dataDir + ": " + e.getMessage(), e);
        } finally {
            channel.shutdownNow();
        }
    }

    static String describe(String server, Status status) {
        String description = status.getDescription();
        Throwable cause = status.getCause();
        while (description == null && cause != null) {
            description = cause.getMessage();
            cause = cause.getCause();
        }
        // A pin mismatch surfaces as UNAVAILABLE with the trust manager's message deep in the causes: show it.
        Throwable c = status.getCause();
        while (c != null) {
            if (c instanceof java.security.cert.CertificateException ce) {
                description = ce.getMessage();
            }
            c = c.getCause();
        }
        return "enrollment at " + server + " failed: " + status.getCode() + (description == null ? "" : " (" + description + ")");
    }
}
