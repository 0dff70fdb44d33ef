package vn.kiosk06.server.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.EnrollRequest;
import vn.kiosk06.proto.sync.v1.EnrollResponse;
import vn.kiosk06.proto.sync.v1.EnrollmentServiceGrpc;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.admin.AdminCommand;
import vn.kiosk06.server.db.SqliteDatabase;
import vn.kiosk06.wire.EnrollmentCode;

/**
 * {@code ./kiosk06 admin device add --csv} in-process, against the store of a real secure server (SQLite file, TLS
 * gRPC): the codes it prints enroll devices over the real Enroll rpc, the sheet holds one decodable QR code per
 * device, and a file with any problem is refused naming each problem's line, with nothing registered.
 */
class BulkDeviceAddTest {

    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
            TTYT-PQ,Trung tâm Y tế đặc khu Phú Quốc,FACILITY,PQ,
            TYT-DD,Trạm Y tế Dương Đông,FACILITY,PQ,
            """;

    @TempDir
    Path dir;
    RunningServer server;
    Path data;
    String out;
    String err;

    @BeforeEach
    void start() throws Exception {
        data = dir.resolve("data");
        server = RunningServer.secure(data, RunningServer.withOrgUnits(dir, TREE));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    int admin(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = AdminCommand.run(new AdminCommand(InputStream.nullInputStream(), null,
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8)), args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    Path csv(String text) throws Exception {
        Path f = Files.createTempFile(dir, "devices-", ".csv");
        Files.writeString(f, text);
        return f;
    }

    List<RegisteredDevice> registered() {
        try (SqliteDatabase db = SqliteDatabase.open(data)) {
            return new DeviceRegistry(db, java.time.Clock.systemUTC(), new java.security.SecureRandom(), () -> new byte[32]).list();
        }
    }

    EnrollResponse enroll(String code) {
        return EnrollmentServiceGrpc.newBlockingStub(server.channel())
                .enroll(EnrollRequest.newBuilder().setCode(EnrollmentCode.parse(code).secret()).setAppVersion("0.1.0").build());
    }

    @Test
    void csv_registersAll_printsCodesThatEnrollOverTls_andASheetOfDecodableQrCodes() throws Exception {
        Path devices = csv("""
                device_id,unit
                kiosk-dd-01,TYT-DD
                kiosk-dd-02,TYT-DD

                handheld-pq-01,TTYT-PQ
                """);
        Path sheet = dir.resolve("sheet.html");

        int exit = admin("device", "add", "--csv", devices.toString(), "--sheet", sheet.toString(), "--valid", "2h",
                "--data-dir", data.toString());

        assertThat(exit).as(err).isZero();
        List<CSVRecord> codes = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out)).getRecords();
        assertThat(codes).extracting(r -> r.get("device_id") + "/" + r.get("unit"))
                .containsExactly("kiosk-dd-01/TYT-DD", "kiosk-dd-02/TYT-DD", "handheld-pq-01/TTYT-PQ");
        assertThat(codes).allSatisfy(r -> assertThat(java.time.Instant.parse(r.get("expires_at"))).isAfter(java.time.Instant.now()));
        assertThat(registered()).extracting(RegisteredDevice::state).containsOnly(RegisteredDevice.State.PENDING).hasSize(3);

        // Each printed code enrolls its device, once, over TLS.
        for (CSVRecord r : codes) {
            EnrollResponse enrolled = enroll(r.get("code"));
            assertThat(enrolled.getDeviceId()).isEqualTo(r.get("device_id"));
            assertThat(enrolled.getOrgUnit()).isEqualTo(r.get("unit"));
            assertThat(enrolled.getDeviceSecret()).isNotEmpty();
            assertThatThrownBy(() -> enroll(r.get("code"))).isInstanceOf(StatusRuntimeException.class)
                    .hasMessageContaining("PERMISSION_DENIED");
        }

        // The sheet: owner-only (the codes are credentials), one QR code per device decoding to its code.
        assertThat(Files.getPosixFilePermissions(sheet)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String html = Files.readString(sheet, StandardCharsets.UTF_8);
        List<String> decoded = new ArrayList<>();
        Matcher img = Pattern.compile("src=\"data:image/svg\\+xml;base64,([^\"]+)\"").matcher(html);
        while (img.find()) {
            decoded.add(decodeQr(new String(Base64.getDecoder().decode(img.group(1)), StandardCharsets.UTF_8)));
        }
        assertThat(decoded).containsExactlyElementsOf(codes.stream().map(r -> r.get("code")).toList());
        assertThat(html).contains("kiosk-dd-01", "handheld-pq-01", "unit TTYT-PQ", server.identity().fingerprintHex());
    }

    @Test
    void csvWithBadLines_isRefusedNamingEachLine_andNothingIsRegistered() throws Exception {
        Path devices = csv("""
                device_id,unit
                kiosk-dd-01,TYT-DD
                kiosk dd 02,TYT-DD
                kiosk-dd-03,NOWHERE
                kiosk-dd-01,TTYT-PQ
                kiosk-dd-05,TYT-DD,extra
                kiosk-dd-06,TYT-DD
                """);

        int exit = admin("device", "add", "--csv", devices.toString(), "--sheet", dir.resolve("s.html").toString(),
                "--data-dir", data.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err).contains("4 problems, nothing registered")
                .contains("line 3: device_id must be 1–64 characters of [A-Za-z0-9._-], was 'kiosk dd 02'")
                .contains("line 4: unit 'NOWHERE' is not in the org-unit tree")
                .contains("line 5: device 'kiosk-dd-01' is already on line 2")
                .contains("line 6: expected 2 fields (device_id,unit), found 3");
        assertThat(err).doesNotContain("line 2:").doesNotContain("line 7:");
        assertThat(out).isEmpty();
        assertThat(registered()).isEmpty();
        assertThat(dir.resolve("s.html")).doesNotExist();
    }

    @Test
    void csvWithABadHeader_orNoDevices_isRefused() throws Exception {
        assertThat(admin("device", "add", "--csv", csv("id;unit\nkiosk-1;TYT-DD\n").toString(), "--data-dir", data.toString()))
                .isEqualTo(2);
        assertThat(err).contains("line 1: the header must be \"device_id,unit\"");
        assertThat(admin("device", "add", "--csv", csv("device_id,unit\n").toString(), "--data-dir", data.toString()))
                .isEqualTo(2);
        assertThat(err).contains("no devices after the header");
        assertThat(registered()).isEmpty();
    }

    @Test
    void csvNamingAnEnrolledDevice_isRefused_aPendingOneGetsANewCode() throws Exception {
        assertThat(admin("device", "add", "--csv", csv("device_id,unit\nkiosk-dd-01,TYT-DD\nkiosk-dd-02,TYT-DD\n").toString(),
                "--data-dir", data.toString())).as(err).isZero();
        String firstCode = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out)).getRecords().get(0).get("code");
        enroll(firstCode);

        Path again = csv("device_id,unit\nkiosk-dd-02,TYT-DD\nkiosk-dd-01,TYT-DD\n");
        assertThat(admin("device", "add", "--csv", again.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err).contains("line 3: device 'kiosk-dd-01' is already enrolled (unit TYT-DD)");

        // Re-running a file of devices not yet enrolled (a lost print-out) issues them new codes.
        assertThat(admin("device", "add", "--csv", csv("device_id,unit\nkiosk-dd-02,TYT-DD\n").toString(),
                "--data-dir", data.toString())).as(err).isZero();
        assertThat(enroll(CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out)).getRecords().get(0).get("code")).getDeviceId()).isEqualTo("kiosk-dd-02");
    }

    /** Renders {@link EnrollmentCodeQr}'s SVG (unit squares "Mx,yh1v1h-1z") to pixels and decodes it with ZXing. */
    static String decodeQr(String svg) throws Exception {
        Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(box.find()).isTrue();
        int w = Integer.parseInt(box.group(1));
        int h = Integer.parseInt(box.group(2));
        int scale = 4;
        int[] pixels = new int[w * scale * h * scale];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher square = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z").matcher(svg);
        while (square.find()) {
            int x = Integer.parseInt(square.group(1));
            int y = Integer.parseInt(square.group(2));
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    pixels[(y * scale + dy) * w * scale + x * scale + dx] = 0xFF000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w * scale, h * scale, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
