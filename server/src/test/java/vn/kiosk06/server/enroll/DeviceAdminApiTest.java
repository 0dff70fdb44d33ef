package vn.kiosk06.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollResponse;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.proto.sync.v1.HandshakeRequest;
import vn.kiosk06.proto.sync.v1.SyncServiceGrpc;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.wire.EnrollmentCode;

/**
 * Device enrollment and revocation through the dashboard's REST API, over real HTTPS against a server in its default
 * secure mode (self-signed certificate, TLS on gRPC, enrolled devices only): the code an admin gets enrolls a device
 * for real through the gRPC Enroll rpc, and a revocation refuses the device's very next call.
 */
class DeviceAdminApiTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
            TTYT-PQ,Trung tâm Y tế đặc khu Phú Quốc,FACILITY,PQ,
            RG,Phường Rạch Giá,WARD,AG,
            BV-RG,Bệnh viện Rạch Giá,FACILITY,RG,
            """;
    static final Pattern CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

    @TempDir
    Path dir;
    RunningServer server;

    RunningServer start(boolean secure) throws Exception {
        Map<String, Object> units = RunningServer.withOrgUnits(dir, TREE);
        server = secure ? RunningServer.secure(dir.resolve("data"), units) : new RunningServer(dir.resolve("data"), units);
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static String register(String deviceId, String unit) {
        return "{\"deviceId\":\"" + deviceId + "\",\"unit\":\"" + unit + "\",\"valid\":\"2h\"}";
    }

    static String code(HttpResponse<String> registered) {
        Matcher m = CODE.matcher(registered.body());
        assertThat(m.find()).as("a code in " + registered.body()).isTrue();
        return m.group(1);
    }

    SyncServiceGrpc.SyncServiceBlockingStub deviceStub(String deviceId, String secret) {
        Metadata credential = new Metadata();
        credential.put(AuthenticatedDevice.DEVICE_ID, deviceId);
        credential.put(AuthenticatedDevice.DEVICE_SECRET, secret);
        return SyncServiceGrpc.newBlockingStub(server.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credential));
    }

    static HandshakeRequest hello(String deviceId) {
        return HandshakeRequest.newBuilder().setDeviceId(deviceId).setBootId(com.google.protobuf.ByteString.copyFrom(new byte[16]))
                .setDeviceSendTimeMs(System.currentTimeMillis()).setAppVersion("0.1.0").build();
    }

    @Test
    void adminRegisters_codeEnrollsOverTls_thenRevocationRefusesTheNextCall() throws Exception {
        start(true);
        DashboardClient admin = server.login("chi.admin", Role.ADMIN, "AG");

        HttpResponse<String> registered = admin.post("/api/v1/admin/devices", register("kiosk-pq-07", "TTYT-PQ"));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        EnrollmentCode code = EnrollmentCode.parse(code(registered));
        // What the device pins: the certificate it is talking to right now.
        assertThat(code.fingerprintHex()).isEqualTo(server.identity().fingerprintHex());
        assertThat(registered.body()).contains("\"fingerprint\":\"" + server.identity().fingerprintHex() + "\"")
                .contains("\"expiresAtMs\":");
        String qr = registered.body().replaceAll("(?s).*\"qr\":\"data:image/svg\\+xml;base64,([^\"]+)\".*", "$1");
        assertThat(new String(Base64.getDecoder().decode(qr), StandardCharsets.UTF_8)).startsWith("<svg").contains("<path");
        assertThat(admin.get("/api/v1/admin/devices").body()).contains("\"deviceId\":\"kiosk-pq-07\"")
                .contains("\"state\":\"PENDING\"").contains("\"insecure\":false");

        EnrollResponse enrolled = EnrollmentServiceGrpc.newBlockingStub(server.channel())
                .enroll(EnrollRequest.newBuilder().setCode(code.secret()).setAppVersion("0.1.0").build());
        assertThat(enrolled.getDeviceId()).isEqualTo("kiosk-pq-07");
        assertThat(enrolled.getOrgUnit()).isEqualTo("TTYT-PQ");
        var device = deviceStub("kiosk-pq-07", enrolled.getDeviceSecret());
        assertThat(device.handshake(hello("kiosk-pq-07"))).isNotNull();
        assertThat(admin.get("/api/v1/admin/devices").body()).contains("\"state\":\"ENROLLED\"");

        HttpResponse<String> revoked = admin.post("/api/v1/admin/devices/kiosk-pq-07/revoke", "{}");

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThatThrownBy(() -> device.handshake(hello("kiosk-pq-07")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(admin.get("/api/v1/admin/devices").body()).contains("\"state\":\"REVOKED\"")
                .contains("\"revokedBy\":\"chi.admin\"");
        String audit = admin.get("/api/v1/admin/audit").body();
        assertThat(audit).contains("\"actor\":\"chi.admin\",\"action\":\"device.enroll\",\"subject\":\"kiosk-pq-07\"")
                .contains("\"actor\":\"chi.admin\",\"action\":\"device.revoke\",\"subject\":\"kiosk-pq-07\"")
                .doesNotContain(code.secret());
        // Revoking again is harmless and not audited twice.
        assertThat(admin.post("/api/v1/admin/devices/kiosk-pq-07/revoke", "{}").body()).contains("\"revokedNow\":false");
    }

    @Test
    void wardAdmin_seesAndManagesOnlyTheirWard() throws Exception {
        start(true);
        DashboardClient province = server.login("chi.admin", Role.ADMIN, "AG");
        assertThat(province.post("/api/v1/admin/devices", register("kiosk-pq-01", "TTYT-PQ")).statusCode()).isEqualTo(200);
        DashboardClient wardAdmin = server.login("rg.admin", Role.ADMIN, "RG");

        HttpResponse<String> elsewhere = wardAdmin.post("/api/v1/admin/devices", register("kiosk-x", "TTYT-PQ"));
        HttpResponse<String> stealing = wardAdmin.post("/api/v1/admin/devices", register("kiosk-pq-01", "BV-RG"));
        HttpResponse<String> revokeElsewhere = wardAdmin.post("/api/v1/admin/devices/kiosk-pq-01/revoke", "{}");
        HttpResponse<String> own = wardAdmin.post("/api/v1/admin/devices", register("kiosk-rg-01", "BV-RG"));

        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("TTYT-PQ is outside rg.admin's scope");
        assertThat(stealing.statusCode()).as(stealing.body()).isEqualTo(403);
        assertThat(revokeElsewhere.statusCode()).as(revokeElsewhere.body()).isEqualTo(403);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        String list = wardAdmin.get("/api/v1/admin/devices").body();
        assertThat(list).contains("kiosk-rg-01").doesNotContain("kiosk-pq-01").doesNotContain("kiosk-x");
        assertThat(province.get("/api/v1/admin/devices").body()).contains("kiosk-rg-01").contains("kiosk-pq-01")
                .contains("\"state\":\"PENDING\"");
    }

    @Test
    void viewer_andMissingCsrf_areRefused_andNothingIsRegistered() throws Exception {
        start(true);
        DashboardClient viewer = server.login("lan.viewer", Role.VIEWER, "AG");
        DashboardClient admin = server.login("chi.admin", Role.ADMIN, "AG");

        assertThat(viewer.get("/api/v1/admin/devices").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/admin/devices", register("kiosk-v", "TTYT-PQ")).statusCode()).isEqualTo(403);
        assertThat(admin.post("/api/v1/admin/devices", register("kiosk-c", "TTYT-PQ"), null).statusCode()).isEqualTo(403);
        assertThat(admin.post("/api/v1/admin/devices", register("kiosk-c", "TTYT-PQ"), "forged-token").statusCode())
                .isEqualTo(403);

        assertThat(admin.get("/api/v1/admin/devices").body()).doesNotContain("kiosk-v").doesNotContain("kiosk-c");
        assertThat(admin.get("/api/v1/admin/audit").body()).doesNotContain("device.enroll");
    }

    @Test
    void badInput_is400NamingTheField() throws Exception {
        start(true);
        DashboardClient admin = server.login("chi.admin", Role.ADMIN, "AG");

        HttpResponse<String> noId = admin.post("/api/v1/admin/devices", "{\"unit\":\"TTYT-PQ\"}");
        HttpResponse<String> badId = admin.post("/api/v1/admin/devices", register("kiosk 1", "TTYT-PQ"));
        HttpResponse<String> unknownUnit = admin.post("/api/v1/admin/devices", register("kiosk-1", "NOWHERE"));
        HttpResponse<String> badValid = admin.post("/api/v1/admin/devices",
                "{\"deviceId\":\"kiosk-1\",\"unit\":\"TTYT-PQ\",\"valid\":\"forever\"}");
        HttpResponse<String> tooLong = admin.post("/api/v1/admin/devices",
                "{\"deviceId\":\"kiosk-1\",\"unit\":\"TTYT-PQ\",\"valid\":\"31d\"}");
        HttpResponse<String> badAddress = admin.post("/api/v1/admin/devices",
                "{\"deviceId\":\"kiosk-1\",\"unit\":\"TTYT-PQ\",\"address\":\"no-port\"}");
        HttpResponse<String> unknownDevice = admin.post("/api/v1/admin/devices/kiosk-9/revoke", "{}");

        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(noId.body()).contains("deviceId is required");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("device_id");
        assertThat(unknownUnit.statusCode()).isEqualTo(400);
        assertThat(unknownUnit.body()).contains("unit 'NOWHERE' is not in the org-unit tree");
        assertThat(badValid.statusCode()).isEqualTo(400);
        assertThat(badValid.body()).contains("valid must be a duration");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("at most 30 days");
        assertThat(badAddress.statusCode()).isEqualTo(400);
        assertThat(badAddress.body()).contains("host:port");
        assertThat(unknownDevice.statusCode()).isEqualTo(404);
        assertThat(unknownDevice.body()).contains("no device 'kiosk-9' is registered");
    }

    @Test
    void insecureServer_saysItHasNoCertificate_andIssuesNoCode() throws Exception {
        start(false);
        DashboardClient admin = server.login("chi.admin", Role.ADMIN, "AG");

        HttpResponse<String> registered = admin.post("/api/v1/admin/devices", register("kiosk-1", "TTYT-PQ"));

        assertThat(registered.statusCode()).isEqualTo(409);
        assertThat(registered.body()).contains("--insecure").contains("no TLS certificate");
        assertThat(admin.get("/api/v1/admin/devices").body()).contains("\"insecure\":true").contains("no TLS certificate");
    }
}
