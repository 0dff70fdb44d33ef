package vn.kiosk06.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.kiosk06.client.enroll.DeviceCredential;
import vn.kiosk06.client.enroll.Enroller;
import vn.kiosk06.client.enroll.SecureChannels;
import vn.kiosk06.proto.sync.v1.Ack;
import vn.kiosk06.proto.sync.v1.EventBatch;
import vn.kiosk06.server.main.ServerMain;
import vn.kiosk06.server.admin.AdminCommand;
import vn.kiosk06.server.enroll.IssuedCode;
import vn.kiosk06.wire.EnrollmentCode;

/**
 * Enrollment and per-device authentication against the real server jar over TLS, with the device's own classes
 * (enroller, pinned channel, credential): who may write what, and what a stolen or replayed message gets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceSecurityTest {

    @TempDir
    static Path dir;
    SecureServer server;
    ManagedChannel channel;

    @BeforeAll
    void start() {
        // Generous enrollment budget here: throttling has its own test (EnrollThrottleTest).
        server = new SecureServer(dir, "-Dkiosk06.server.limits.enroll-burst=100");
        channel = server.channel();
    }

    @AfterAll
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.close();
    }

    private DeviceCredential enroll(String device) throws Exception {
        IssuedCode code = server.registry().register(device, "PQ-DD", Duration.ofHours(1));
        return Enroller.enroll(code.code(), server.target(), dir.resolve(device), "test");
    }

    private static ClientInterceptor as(DeviceCredential c) {
        return SecureChannels.credential(c);
    }

    private static Status.Code code(Throwable t) {
        return Status.fromThrowable(t).getCode();
    }

    @Test
    void enrolledDevice_syncsOverTls_andItsCredentialFileIsOwnerOnly() throws Exception {
        String code = adminAdd("kiosk-sec-ok");
        DeviceCredential c = Enroller.enroll(EnrollmentCode.parse(code), server.target(), dir.resolve("ok"), "test");

        List<Ack> acks = DeviceWire.upload(channel, List.of(DeviceWire.batch("kiosk-sec-ok", 1, 20)), as(c));

        assertThat(acks).singleElement().satisfies(a -> assertThat(a.getWatermark()).isEqualTo(20));
        assertThat(DeviceWire.handshake(channel, "kiosk-sec-ok", as(c)).getWatermark()).isEqualTo(20);
        Path file = DeviceCredential.file(dir.resolve("ok"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(DeviceCredential.load(dir.resolve("ok"))).hasValueSatisfying(loaded -> {
            assertThat(loaded.deviceId()).isEqualTo("kiosk-sec-ok");
            assertThat(loaded.serverFingerprint()).isEqualTo(server.identity.fingerprint());
            // The device gets the server's public key to seal citizen ids to, and no citizen key.
            assertThat(loaded.sealingKey()).hasValueSatisfying(k -> assertThat(k.getPublicKey().size()).isEqualTo(32));
            assertThat(loaded.legacyCitizenKey()).isEmpty();
        });
        assertThat(Files.readString(file)).doesNotContain("citizen-key");
        // The server keeps the citizen key and its sealing keys in 0600 files, not in its database.
        for (String name : new String[] {"citizen-key.secret", "citizen-sealing-keys.properties"}) {
            Path key = server.dataDir.resolve(name);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).as(name).isEqualTo("rw-------");
        }
        byte[] citizenKey = Files.readAllBytes(server.dataDir.resolve("citizen-key.secret"));
        assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(citizenKey, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(citizenKey));
    }

    /** {@code ./kiosk06 admin device add} in-process, on the running server's files; returns the printed code. */
    private String adminAdd(String device) {
        StringWriter out = new StringWriter();
        int exit = ServerMain.commandLine(new AdminCommand(System.in, null, System.out, System.err)).setOut(new PrintWriter(out)).execute("admin", "device", "add",
                "--data-dir", server.dataDir.toString(), "--device-id", device, "--unit", "PQ-DD", "--valid", "1h",
                "--address", server.target());
        assertThat(exit).as(out.toString()).isZero();
        return out.toString().lines().map(String::strip).filter(l -> l.startsWith("K6-")).findFirst().orElseThrow();
    }

    @Test
    void callWithoutCredential_isUnauthenticated() {
        assertThatThrownBy(() -> DeviceWire.handshake(channel, "kiosk-sec-anon"))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.UNAUTHENTICATED))
                .hasMessageContaining("no device credential");
        assertThatThrownBy(() -> DeviceWire.upload(channel, List.of(DeviceWire.batch("kiosk-sec-anon", 1, 5))))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void impersonation_deviceAsCredentialWithDeviceBsId_isPermissionDenied() throws Exception {
        DeviceCredential a = enroll("kiosk-sec-a1");
        enroll("kiosk-sec-b1");

        assertThatThrownBy(() -> DeviceWire.handshake(channel, "kiosk-sec-b1", as(a)))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.PERMISSION_DENIED))
                .hasMessageContaining("credential belongs to device 'kiosk-sec-a1'").hasMessageContaining("'kiosk-sec-b1'");
        // A credential with a wrong secret is no credential at all.
        DeviceCredential forged = new DeviceCredential("kiosk-sec-b1", a.secret(), a.serverFingerprint(), "",
                a.sealingKey().orElseThrow());
        assertThatThrownBy(() -> DeviceWire.handshake(channel, "kiosk-sec-b1", as(forged)))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.UNAUTHENTICATED))
                .hasMessageContaining("credential refused for device 'kiosk-sec-b1': the device is not enrolled on this server "
                        + "or its secret is wrong");
    }

    @Test
    void replay_ofAnotherDevicesBatch_isPermissionDenied_andStoresNothing() throws Exception {
        DeviceCredential a = enroll("kiosk-sec-a2");
        DeviceCredential b = enroll("kiosk-sec-b2");
        EventBatch bsBatch = DeviceWire.batch("kiosk-sec-b2", 1, 10);
        DeviceWire.upload(channel, List.of(bsBatch), as(b));
        EventBatch bsNext = DeviceWire.batch("kiosk-sec-b2", 11, 30);

        // A captures B's batches and sends them with its own (valid) credential.
        assertThatThrownBy(() -> DeviceWire.upload(channel, List.of(bsBatch, bsNext), as(a)))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.PERMISSION_DENIED))
                .hasMessageContaining("a device may only write its own events");
        // An honest first batch does not open the stream for a foreign one either.
        assertThatThrownBy(() -> DeviceWire.upload(channel, List.of(DeviceWire.batch("kiosk-sec-a2", 1, 3), bsNext), as(a)))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.PERMISSION_DENIED));

        assertThat(DeviceWire.handshake(channel, "kiosk-sec-b2", as(b)).getWatermark()).isEqualTo(10);
    }

    @Test
    void revokedDevice_isRefusedOnItsNextCall() throws Exception {
        DeviceCredential c = enroll("kiosk-sec-rev");
        DeviceWire.upload(channel, List.of(DeviceWire.batch("kiosk-sec-rev", 1, 5)), as(c));

        assertThat(server.registry().revoke("kiosk-sec-rev", "test-admin")).isTrue();

        assertThatThrownBy(() -> DeviceWire.handshake(channel, "kiosk-sec-rev", as(c)))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.PERMISSION_DENIED))
                .hasMessageContaining("device 'kiosk-sec-rev' was revoked");
        assertThatThrownBy(() -> DeviceWire.upload(channel, List.of(DeviceWire.batch("kiosk-sec-rev", 6, 8)), as(c)))
                .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.PERMISSION_DENIED));
    }

    @Test
    void enrollmentCode_worksOnce() throws Exception {
        IssuedCode code = server.registry().register("kiosk-sec-once", "PQ-DD", Duration.ofHours(1));
        Enroller.enroll(code.code(), server.target(), dir.resolve("once-1"), "test");

        assertThatThrownBy(() -> Enroller.enroll(code.code(), server.target(), dir.resolve("once-2"), "test"))
                .isInstanceOf(Enroller.EnrollmentFailed.class)
                .hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("unknown or was already used");
        assertThat(DeviceCredential.load(dir.resolve("once-2"))).isEmpty();
    }

    @Test
    void enrollmentCode_expired_isRefused() {
        // Issued two hours ago, valid for one.
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofHours(-2));
        IssuedCode code = server.registry(past).register("kiosk-sec-late", "PQ-DD", Duration.ofHours(1), "test",
                Optional.empty());

        assertThatThrownBy(() -> Enroller.enroll(code.code(), server.target(), dir.resolve("late"), "test"))
                .isInstanceOf(Enroller.EnrollmentFailed.class)
                .hasMessageContaining("PERMISSION_DENIED").hasMessageContaining("expired");
    }

    @Test
    void wrongPinnedFingerprint_isRefusedBeforeTheCodeLeavesTheDevice() throws Exception {
        IssuedCode real = server.registry().register("kiosk-sec-pin", "PQ-DD", Duration.ofHours(1));
        byte[] other = new byte[32];
        new SecureRandom().nextBytes(other);
        EnrollmentCode tampered = new EnrollmentCode(real.code().secret(), other, Optional.empty());

        assertThatThrownBy(() -> Enroller.enroll(tampered, server.target(), dir.resolve("pin"), "test"))
                .isInstanceOf(Enroller.EnrollmentFailed.class)
                .hasMessageContaining("is not the pinned one");
        // The code was never sent: it still works against the right certificate.
        assertThat(Enroller.enroll(real.code(), server.target(), dir.resolve("pin"), "test").deviceId())
                .isEqualTo("kiosk-sec-pin");
    }

    @Test
    void plaintextClient_againstTlsServer_failsClearly() throws Exception {
        ManagedChannel plain = NettyChannelBuilder.forTarget(server.target()).usePlaintext().build();
        try {
            assertThatThrownBy(() -> DeviceWire.handshake(plain, "kiosk-sec-plain"))
                    .isInstanceOf(StatusRuntimeException.class)
                    .satisfies(t -> assertThat(code(t)).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            plain.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void dashboard_servesHttpsWithTheSameCertificate_andNoPlainHttp() throws Exception {
        assertThat(server.httpsGet("/health").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> Http.get("http://127.0.0.1:" + server.httpPort + "/health"))
                .isInstanceOf(IOException.class);
    }
}
