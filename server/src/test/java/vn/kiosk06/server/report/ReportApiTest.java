package vn.kiosk06.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CardRead;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.DeviceHeartbeat;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.Payment;
import vn.kiosk06.proto.sync.v1.PaymentMethod;
import vn.kiosk06.proto.sync.v1.PaymentStatus;
import vn.kiosk06.proto.sync.v1.ReadOutcome;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.proto.sync.v1.TransactionCodeCreated;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.SyntheticFleet;

/** Reports over REST, from events uploaded through the real gRPC ingest into a real SQLite store. */
class ReportApiTest {

    static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final String TREE = """
            code,name,level,parent,go_live
            AG,Tỉnh An Giang,PROVINCE,,
            PQ,Đặc khu Phú Quốc,SPECIAL_ZONE,AG,
            TTYT-PQ,Trung tâm Y tế đặc khu Phú Quốc,FACILITY,PQ,
            kiosk-1,Kiosk 1,DEVICE,TTYT-PQ,2026-05-01
            kiosk-2,Kiosk 2,DEVICE,TTYT-PQ,2026-05-01
            TCNS,Tổ công nghệ số Dương Tơ,TEAM,PQ,
            field-1,Máy cầm tay 1,DEVICE,TCNS,2026-05-01
            RG,Phường Rạch Giá,WARD,AG,
            BV-RG,Bệnh viện Rạch Giá,FACILITY,RG,
            kiosk-rg,Kiosk Rạch Giá,DEVICE,BV-RG,2026-05-01
            """;
    static final String TARGETS = """
            unit,activity,age_groups,denominator,baseline,target_percent
            PQ,VNEID_L2_ACTIVATION,AGE_14_PLUS,40,0,95
            """;

    @TempDir
    Path dir;
    RunningServer server;
    /** Logged in as an admin of the whole tree, as the dashboard is. */
    DashboardClient http;

    RunningServer start() throws IOException {
        Files.writeString(dir.resolve("units.csv"), TREE);
        Files.writeString(dir.resolve("targets.csv"), TARGETS);
        server = new RunningServer(dir.resolve("data"), Map.of(
                "kiosk06.server.org-units", dir.resolve("units.csv").toString(),
                "kiosk06.server.targets", dir.resolve("targets.csv").toString()));
        http = server.loginAdmin();
        return server;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    HttpResponse<byte[]> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.getBytes(pathAndQuery);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return server.bean(JsonMapper.class).readValue(r.body(), Map.class);
    }

    /** A 16-byte citizen key. */
    static ByteString key(int n) {
        byte[] k = new byte[16];
        k[0] = (byte) n;
        k[15] = 7;
        return ByteString.copyFrom(k);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Instant at(LocalDate day, int minuteOfDay) {
        return day.atTime(LocalTime.ofSecondOfDay(minuteOfDay * 60L)).atZone(HCM).toInstant();
    }

    /** Independent tally of what a report must say for a set of devices and days. */
    static final class Expected {
        long bhyt, fee, codes, payments, vnd, readsOk, reads, assists, l2Adults, timeUnknown;
        final Set<ByteString> citizens = new HashSet<>();
        final Set<String> active = new HashSet<>();
    }

    @Test
    void reportFigures_fromAGeneratedDataset_equalCountsComputedIndependently() throws Exception {
        start();
        SyntheticFleet fleet = new SyntheticFleet();
        Random random = new Random(20260611);
        List<String> devices = List.of("kiosk-1", "kiosk-2", "field-1", "kiosk-rg", "kiosk-stray");
        LocalDate first = LocalDate.of(2026, 5, 1);
        LocalDate periodFirst = LocalDate.of(2026, 5, 11);
        LocalDate periodLast = LocalDate.of(2026, 6, 10);
        Map<String, Expected> byScope = new HashMap<>(); // "AG" root, "PQ", "cum-PQ" (1/5..10/6)
        for (String s : List.of("AG", "PQ", "cum-PQ")) {
            byScope.put(s, new Expected());
        }
        ByteString[] citizens = new ByteString[300];
        for (int i = 0; i < citizens.length; i++) {
            byte[] k = new byte[16];
            random.nextBytes(k);
            citizens[i] = ByteString.copyFrom(k);
        }
        for (int n = 0; n < 3000; n++) {
            String device = devices.get(random.nextInt(devices.size()));
            LocalDate day = first.plusDays(random.nextInt(50)); // 1/5 .. 19/6
            Instant t = at(day, 8 * 60 + random.nextInt(8 * 60));
            boolean measured = random.nextInt(30) != 0 || !day.equals(LocalDate.of(2026, 6, 1));
            int kind = device.startsWith("field") ? 4 : random.nextInt(5);
            ByteString citizen = citizens[random.nextInt(citizens.length)];
            boolean ok = random.nextInt(10) != 0;
            CaseType ct = random.nextInt(10) == 0 ? CaseType.FEE : CaseType.BHYT;
            long amount = 10_000L * (1 + random.nextInt(9));
            PaymentStatus ps = random.nextInt(5) == 0 ? PaymentStatus.FAILED : PaymentStatus.CONFIRMED;
            FieldActivity act = FieldActivity.forNumber(1 + random.nextInt(4));
            AgeGroup age = AgeGroup.forNumber(1 + random.nextInt(3));
            if (random.nextInt(20) == 0) {
                kind = 5;
            }
            final int k = kind;
            fleet.add(device, t, e -> {
                switch (k) {
                    case 0 -> e.setReception(Reception.newBuilder().setCaseType(ct).setDepartment("NOI"));
                    case 1 -> e.setTransactionCodeCreated(TransactionCodeCreated.newBuilder().setCode("C").setReceptionSeq(1)
                            .setQueueNumber(1));
                    case 2 -> e.setPayment(Payment.newBuilder().setAmountVnd(amount).setMethod(PaymentMethod.QR).setStatus(ps)
                            .setReference("R"));
                    case 3 -> e.setCardRead(ok
                            ? CardRead.newBuilder().setReaderKind(vn.kiosk06.proto.sync.v1.ReaderKind.READER_QR).setOutcome(ReadOutcome.READ_OK).setCitizenKey(citizen).setAgeGroup(age)
                            : CardRead.newBuilder().setReaderKind(vn.kiosk06.proto.sync.v1.ReaderKind.READER_QR).setOutcome(ReadOutcome.READ_FAILED).setFailureReason("QR unreadable"));
                    case 4 -> e.setFieldAssist(FieldAssist.newBuilder().setActivity(act).setAgeGroup(age).setTeam("T")
                            .setOrgUnit("Ấp 1").setCitizenKey(citizen));
                    default -> e.setHeartbeat(DeviceHeartbeat.newBuilder().setAppVersion("0.1.0").setBacklog(3).setFreeDiskBytes(1));
                }
            }, measured);
            // Boots of a day are created by their first event: a day's later events share its measured flag.
            boolean dayMeasured = fleet.measured(device, day);
            for (String scope : List.of("AG", "PQ", "cum-PQ")) {
                boolean inUnit = scope.equals("AG") ? !device.equals("kiosk-stray")
                        : !device.equals("kiosk-stray") && !device.equals("kiosk-rg");
                if (!inUnit) {
                    continue;
                }
                Expected x = byScope.get(scope);
                if (!dayMeasured) {
                    x.timeUnknown++;
                    continue;
                }
                LocalDate from = scope.equals("cum-PQ") ? LocalDate.of(2026, 5, 1) : periodFirst;
                if (day.isBefore(from) || day.isAfter(periodLast)) {
                    continue;
                }
                x.active.add(device);
                switch (k) {
                    case 0 -> {
                        if (ct == CaseType.BHYT) {
                            x.bhyt++;
                        } else {
                            x.fee++;
                        }
                    }
                    case 1 -> x.codes++;
                    case 2 -> {
                        if (ps == PaymentStatus.CONFIRMED) {
                            x.payments++;
                            x.vnd += amount;
                        }
                    }
                    case 3 -> {
                        x.reads++;
                        if (ok) {
                            x.readsOk++;
                            x.citizens.add(citizen);
                        }
                    }
                    case 4 -> {
                        x.assists++;
                        x.citizens.add(citizen);
                        if (act == FieldActivity.VNEID_L2_ACTIVATION && age == AgeGroup.AGE_14_PLUS) {
                            x.l2Adults++;
                        }
                    }
                    default -> {
                    }
                }
            }
        }
        fleet.upload(server);

        for (String scope : List.of("AG", "PQ")) {
            Map<String, Object> report = json("/api/v1/report?unit=" + scope + "&period=" + q("month:11@2026-06"));
            Expected x = byScope.get(scope);
            assertFigures(scope, figures(report), x);
            if (scope.equals("PQ")) {
                Map<String, Object> cumulative = (Map<String, Object>) report.get("cumulative");
                assertThat(cumulative.get("firstDay")).isEqualTo("2026-05-01");
                assertFigures("cumulative PQ", (Map<String, Object>) cumulative.get("figures"), byScope.get("cum-PQ"));
                Map<String, Object> target = ((List<Map<String, Object>>) report.get("targets")).get(0);
                assertThat(((Number) target.get("achieved")).longValue()).isEqualTo(x.l2Adults);
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> figures(Map<String, Object> report) {
        return (Map<String, Object>) report.get("figures");
    }

    static void assertFigures(String scope, Map<String, Object> f, Expected x) {
        Map<String, Long> actual = new HashMap<>();
        f.forEach((k, v) -> {
            if (v instanceof Number n) {
                actual.put(k, n.longValue());
            }
        });
        Map<String, Long> expected = new HashMap<>();
        expected.put("receptions", x.bhyt + x.fee);
        expected.put("receptionsBhyt", x.bhyt);
        expected.put("receptionsFee", x.fee);
        expected.put("transactionCodes", x.codes);
        expected.put("payments", x.payments);
        expected.put("paymentsVnd", x.vnd);
        expected.put("cardReadsOk", x.readsOk);
        expected.put("cardReads", x.reads);
        expected.put("fieldAssistsTotal", x.assists);
        expected.put("uniqueCitizens", (long) x.citizens.size());
        expected.put("activeDevices", (long) x.active.size());
        expected.put("timeUnknown", x.timeUnknown);
        assertThat(actual).as(scope).containsAllEntriesOf(expected);
    }

    @Test
    void lateData_fromADeviceOfflineForAWeek_updatesLastWeeksReport_andTheFleetShowsTheLateArrival() throws Exception {
        start();
        SyntheticFleet fleet = new SyntheticFleet();
        LocalDate lastWeek = LocalDate.now(HCM).minusDays(9);
        String spec = q("week:MON@" + lastWeek);
        for (int i = 0; i < 5; i++) {
            fleet.add("kiosk-1", at(lastWeek, 9 * 60 + i), e -> e.setReception(
                    Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        }
        fleet.upload(server, "kiosk-1");
        Map<String, Object> before = figures(json("/api/v1/report?unit=PQ&period=" + spec));

        // kiosk-2 was offline all week: its events of last week arrive now.
        for (int i = 0; i < 7; i++) {
            fleet.add("kiosk-2", at(lastWeek, 10 * 60 + i), e -> e.setReception(
                    Reception.newBuilder().setCaseType(CaseType.FEE).setDepartment("NHI")), true);
        }
        fleet.upload(server, "kiosk-2");
        Map<String, Object> after = figures(json("/api/v1/report?unit=PQ&period=" + spec));

        assertThat(((Number) before.get("receptions")).longValue()).isEqualTo(5);
        assertThat(((Number) after.get("receptions")).longValue()).isEqualTo(12);
        assertThat(((Number) after.get("receptionsFee")).longValue()).isEqualTo(7);
        assertThat(((Number) after.get("activeDevices")).longValue()).isEqualTo(2);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) json("/api/v1/fleet").get("devices");
        Map<String, Object> late = rows.stream().filter(r -> r.get("deviceId").equals("kiosk-2")).findFirst().orElseThrow();
        assertThat(((Number) late.get("lateEvents")).longValue()).isEqualTo(7);
        assertThat(late.get("lastLateDay")).isEqualTo(lastWeek.toString());
    }

    @Test
    void reportParagraph_forAFixedDataset_equalsTheExpectedTextCharacterForCharacter() throws Exception {
        start();
        SyntheticFleet fleet = new SyntheticFleet();
        LocalDate may20 = LocalDate.of(2026, 5, 20);
        LocalDate may3 = LocalDate.of(2026, 5, 3);
        ByteString[] people = {key(1), key(2), key(3)};
        // Before the period (cumulative only): 2 BHYT receptions.
        for (int i = 0; i < 2; i++) {
            fleet.add("kiosk-1", at(may3, 600 + i), e -> e.setReception(
                    Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        }
        // In the period: 3 BHYT + 1 fee, 3 codes, 1 payment of 50.000đ, 4 reads (3 ok), 2 VNeID activations.
        for (int i = 0; i < 3; i++) {
            fleet.add("kiosk-1", at(may20, 600 + i), e -> e.setReception(
                    Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
            fleet.add("kiosk-1", at(may20, 620 + i), e -> e.setTransactionCodeCreated(
                    TransactionCodeCreated.newBuilder().setCode("PQ01-" + e.getSeq()).setReceptionSeq(1).setQueueNumber(1)), true);
            ByteString who = people[i];
            fleet.add("kiosk-2", at(may20, 640 + i), e -> e.setCardRead(
                    CardRead.newBuilder().setReaderKind(vn.kiosk06.proto.sync.v1.ReaderKind.READER_QR).setOutcome(ReadOutcome.READ_OK).setCitizenKey(who).setAgeGroup(AgeGroup.AGE_14_PLUS)), true);
        }
        fleet.add("kiosk-2", at(may20, 700), e -> e.setReception(Reception.newBuilder().setCaseType(CaseType.FEE).setDepartment("NHI")), true);
        fleet.add("kiosk-2", at(may20, 701), e -> e.setPayment(Payment.newBuilder().setAmountVnd(50_000)
                .setMethod(PaymentMethod.QR).setStatus(PaymentStatus.CONFIRMED).setReference("R")), true);
        fleet.add("kiosk-2", at(may20, 702), e -> e.setCardRead(CardRead.newBuilder().setReaderKind(vn.kiosk06.proto.sync.v1.ReaderKind.READER_QR).setOutcome(ReadOutcome.READ_FAILED)
                .setFailureReason("QR unreadable")), true);
        fleet.add("field-1", at(may20, 800), e -> e.setFieldAssist(FieldAssist.newBuilder()
                .setActivity(FieldActivity.VNEID_L2_ACTIVATION).setAgeGroup(AgeGroup.AGE_14_PLUS).setTeam("T").setOrgUnit("Ấp 1")
                .setCitizenKey(people[0])), true);
        fleet.add("field-1", at(may20, 801), e -> e.setFieldAssist(FieldAssist.newBuilder()
                .setActivity(FieldActivity.VNEID_L2_ACTIVATION).setAgeGroup(AgeGroup.AGE_6_TO_13).setTeam("T").setOrgUnit("Ấp 1")
                .setCitizenKey(key(9))), true);
        fleet.upload(server);

        HttpResponse<byte[]> r = get("/api/v1/report.txt?unit=PQ&period=" + q("month:11@2026-06"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(String.join("\n",
                "- Số liệu Kiosk y tế Đặc khu Phú Quốc: (Từ 11/05/2026 đến 10/06/2026) Kiosk tiếp nhận: 4 ca (trong đó 3 ca"
                        + " BHYT, 1 ca thu phí); tạo mã giao dịch là 3 ca; thực hiện thanh toán qua Kiosk 1 ca 50.000đ."
                        + " Lũy kế từ 01/05/2026 đến 10/06/2026 Kiosk tiếp nhận 6 ca (trong đó 5 ca BHYT, 1 ca thu phí);"
                        + " tạo mã giao dịch là 3 ca; thực hiện thanh toán qua Kiosk 1 ca 50.000đ.",
                "- Tra cứu thông tin bằng thẻ Căn cước/CCCD, VNeID tại Kiosk: tra cứu thành công 3/4 lượt, đạt tỷ lệ 75%."
                        + " Lũy kế từ 01/05/2026 đến 10/06/2026 tra cứu thành công 3/4 lượt, đạt tỷ lệ 75%.",
                "- Tổ công nghệ số cộng đồng: kích hoạt tài khoản định danh điện tử mức 2 cho 2 công dân (trong đó 1 công"
                        + " dân từ đủ 14 tuổi trở lên, 1 công dân từ đủ 6 tuổi đến dưới 14 tuổi).",
                "- Chỉ tiêu kích hoạt tài khoản định danh điện tử mức 2 (công dân từ đủ 14 tuổi trở lên): 1/40, đạt tỷ lệ"
                        + " 2,50% (chỉ tiêu 95%; còn thiếu 37).",
                "- Số công dân được phục vụ (không trùng lặp): 4; thiết bị hoạt động trong kỳ: 3; thiết bị không gửi dữ"
                        + " liệu quá 3 ngày: 3."));
    }

    /** Kiosk receptions on 20/05/2026: 3 at Phú Quốc's kiosk, 2 at Rạch Giá's; one before the period, on 02/05. */
    void uploadReceptionsInTwoWards() {
        SyntheticFleet fleet = new SyntheticFleet();
        LocalDate day = LocalDate.of(2026, 5, 20);
        fleet.add("kiosk-1", at(LocalDate.of(2026, 5, 2), 480),
                e -> e.setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        for (int i = 0; i < 3; i++) {
            fleet.add("kiosk-1", at(day, 480 + i), e -> e.setReception(Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        }
        for (int i = 0; i < 2; i++) {
            fleet.add("kiosk-rg", at(day, 480 + i), e -> e.setReception(Reception.newBuilder().setCaseType(CaseType.FEE).setDepartment("NOI")), true);
        }
        fleet.upload(server);
    }

    @Test
    void xlsx_isAnOfficialTable_indicatorsAsRows_unitsAsColumns_periodAndCumulative_realDates_noDoubleCounting()
            throws Exception {
        start();
        uploadReceptionsInTwoWards();

        HttpResponse<byte[]> r = get("/api/v1/report.xlsx?unit=AG&period=" + q("month:11@2026-06"));

        assertThat(r.statusCode()).isEqualTo(200);
        try (Workbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(r.body()))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("Tổng hợp");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("Tỉnh An Giang");
            // The period as real date cells, and when it was made.
            assertThat(sheet.getRow(1).getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 5, 11));
            assertThat(sheet.getRow(1).getCell(4).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 6, 10));
            assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(sheet.getRow(1).getCell(2))).isTrue();
            assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(sheet.getRow(2).getCell(1))).isTrue();
            // Units as columns: the total, then the children, labelled as inside it.
            org.apache.poi.ss.usermodel.Row head = sheet.getRow(5);
            assertThat(head.getCell(2).getStringCellValue()).isEqualTo("Tỉnh An Giang (tổng)");
            assertThat(head.getCell(4).getStringCellValue()).isEqualTo("Trong đó: Đặc khu Phú Quốc");
            assertThat(head.getCell(6).getStringCellValue()).isEqualTo("Trong đó: Phường Rạch Giá");
            assertThat(sheet.getRow(6).getCell(2).getStringCellValue()).isEqualTo("Trong kỳ");
            assertThat(sheet.getRow(6).getCell(3).getStringCellValue()).isEqualTo("Lũy kế");
            assertThat(sheet.getRow(7).getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 5, 1));
            // Indicators as rows.
            org.apache.poi.ss.usermodel.Row receptions = sheet.getRow(8);
            assertThat(receptions.getCell(1).getStringCellValue()).isEqualTo("Kiosk tiếp nhận (ca)");
            assertThat(receptions.getCell(2).getNumericCellValue()).isEqualTo(5.0);
            assertThat(receptions.getCell(3).getNumericCellValue()).as("cumulative since 01/05").isEqualTo(6.0);
            assertThat(receptions.getCell(4).getNumericCellValue()).isEqualTo(3.0);
            assertThat(receptions.getCell(6).getNumericCellValue()).isEqualTo(2.0);
            assertThat(receptions.getCell(4).getNumericCellValue() + receptions.getCell(6).getNumericCellValue())
                    .as("the children add up to the total, which is not one of them").isEqualTo(receptions.getCell(2).getNumericCellValue());
            assertThat(sheet.getRow(10).getCell(1).getStringCellValue()).isEqualTo("Ca thu phí");
            assertThat(sheet.getRow(10).getCell(6).getNumericCellValue()).isEqualTo(2.0);
            // The second sheet: every facility and team.
            org.apache.poi.ss.usermodel.Sheet facilities = book.getSheet("Cơ sở, tổ");
            List<String> headings = new java.util.ArrayList<>();
            facilities.getRow(4).forEach(c -> headings.add(c.getStringCellValue()));
            assertThat(headings).contains("Trung tâm Y tế đặc khu Phú Quốc (Cơ sở y tế)", "Tổ công nghệ số Dương Tơ (Tổ công nghệ số)",
                    "Bệnh viện Rạch Giá (Cơ sở y tế)");
        }

        // The unit's targets under its table.
        HttpResponse<byte[]> pq = get("/api/v1/report.xlsx?unit=PQ&period=" + q("month:11@2026-06"));
        try (Workbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(pq.body()))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheet("Tổng hợp");
            int last = sheet.getLastRowNum();
            org.apache.poi.ss.usermodel.Row target = sheet.getRow(last);
            assertThat(target.getCell(1).getStringCellValue()).startsWith("kích hoạt tài khoản định danh điện tử mức 2");
            assertThat(target.getCell(2).getNumericCellValue()).isEqualTo(40.0);
            assertThat(target.getCell(5).getNumericCellValue()).isEqualTo(95.0);
        }
    }

    @Test
    void docx_isTheOfficialReport_mottoNumberPlaceDateTitleFiguresAndRecipients_inTimesNewRoman() throws Exception {
        start();
        uploadReceptionsInTwoWards();

        HttpResponse<byte[]> r = get("/api/v1/report.docx?unit=PQ&period=" + q("month:11@2026-06"));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).contains("wordprocessingml");
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc =
                     new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(r.body()))) {
            String header = doc.getTables().get(0).getText();
            assertThat(header).contains("TỈNH AN GIANG", "ĐẶC KHU PHÚ QUỐC", "Số:", "/BC-PQ",
                    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc");
            List<String> paragraphs = doc.getParagraphs().stream().map(p -> p.getText()).toList();
            assertThat(paragraphs).anyMatch(p -> p.matches("Phú Quốc, ngày \\d{2} tháng \\d{2} năm \\d{4}"));
            assertThat(paragraphs).contains("BÁO CÁO", "(Từ ngày 11/05/2026 đến ngày 10/06/2026)");
            String body = String.join("\n", paragraphs);
            assertThat(body).contains("Kiosk tiếp nhận: 3 ca (trong đó 3 ca BHYT, 0 ca thu phí)")
                    .contains("Lũy kế từ 01/05/2026")
                    .contains("Chỉ tiêu kích hoạt tài khoản định danh điện tử mức 2");
            assertThat(doc.getTables().get(1).getText()).contains("Nơi nhận:", "Như trên", "Lưu: VT.");
            // Times New Roman, 13–14 pt, on every run of the document's own paragraphs.
            doc.getParagraphs().forEach(p -> p.getRuns().forEach(run -> {
                assertThat(run.getFontFamily()).isEqualTo("Times New Roman");
                assertThat(run.getFontSizeAsDouble()).isBetween(13.0, 14.0);
            }));
        }
    }

    @Test
    void docx_followsTheSameAccessRules_asTheOtherReports() throws Exception {
        start();
        DashboardClient pqViewer = server.login("lan.pq", vn.kiosk06.server.security.Role.VIEWER, "PQ");

        assertThat(pqViewer.getBytes("/api/v1/report.docx?unit=PQ&period=" + q("month:11@2026-06")).statusCode())
                .isEqualTo(200);
        assertThat(pqViewer.getBytes("/api/v1/report.docx?unit=RG&period=" + q("month:11@2026-06")).statusCode())
                .isEqualTo(403);
        java.net.http.HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.httpUrl() + "/api/v1/report.docx?unit=PQ&period="
                        + q("month:11@2026-06"))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/report.docx?unit=PQ&period=" + q("month:31@2026-06")).statusCode()).isEqualTo(400);
    }

    @Test
    void badPeriodSpec_isA400NamingTheProblem() throws Exception {
        start();
        HttpResponse<byte[]> r = get("/api/v1/report?unit=PQ&period=" + q("month:31@2026-06"));

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("start day \\\"31\\\" must be 1–28");
    }

    @Test
    void unknownUnit_isA404() throws Exception {
        start();
        assertThat(get("/api/v1/report?unit=NOPE&period=" + q("month:11@2026-06")).statusCode()).isEqualTo(404);
    }

    @Test
    void jsonLists_areEmptyArraysWhenEmpty_neverMissingOrNull() throws Exception {
        start();
        // A unit without targets, a device with no gap, an empty fleet of enrolled devices, leaf units.
        vn.kiosk06.server.Uploads.upload(server.channel(), vn.kiosk06.server.TestEvents.batch("kiosk-1", 1, 3));

        String report = http.get("/api/v1/report?unit=RG&period=month:11@2026-06").body();
        assertThat(report).contains("\"targets\":[]").doesNotContain("null");
        assertThat(http.get("/api/v1/fleet").body()).contains("\"deviceId\":\"kiosk-1\"", "\"missing\":[]");
        assertThat(http.get("/api/v1/devices").body()).contains("\"missing\":[]");
        assertThat(http.get("/api/v1/devices/kiosk-1").body()).contains("\"missing\":[]", "\"breaks\":[]");
        assertThat(http.get("/api/v1/units").body()).contains("\"code\":\"kiosk-rg\"")
                .containsPattern("\"code\":\"kiosk-rg\",[^{}]*\"children\":\\[\\]");
        assertThat(http.get("/api/v1/admin/devices").body()).contains("\"devices\":[]");
        assertThat(http.get("/api/v1/devices/kiosk-1/quarantine").body()).isEqualTo("[]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void silentDevices_ofAPeriodStillRunning_areJudgedAtNow_notAtItsFutureEnd() throws Exception {
        // 5 June, mid-period (11/5–10/6): the three PQ devices all synced this morning, one of them with events of
        // 1 June only. Judged at the period's end (10/6) all three would be "silent for more than 3 days".
        vn.kiosk06.server.FakeClock clock = new vn.kiosk06.server.FakeClock(at(LocalDate.of(2026, 6, 5), 10 * 60));
        Files.writeString(dir.resolve("units.csv"), TREE);
        Files.writeString(dir.resolve("targets.csv"), TARGETS);
        server = new RunningServer(dir.resolve("data"), Map.of(
                "kiosk06.server.org-units", dir.resolve("units.csv").toString(),
                "kiosk06.server.targets", dir.resolve("targets.csv").toString()), clock);
        http = server.loginAdmin();
        SyntheticFleet fleet = new SyntheticFleet();
        fleet.add("kiosk-1", at(LocalDate.of(2026, 6, 5), 8 * 60), e -> e.setReception(
                Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        fleet.add("kiosk-2", at(LocalDate.of(2026, 6, 3), 8 * 60), e -> e.setReception(
                Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        fleet.add("field-1", at(LocalDate.of(2026, 6, 1), 8 * 60), e -> e.setReception(
                Reception.newBuilder().setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        fleet.upload(server);

        Map<String, Object> running = (Map<String, Object>) json("/api/v1/report?unit=PQ&period=month:11@2026-06")
                .get("figures");
        assertThat(((Number) running.get("silentDevices")).longValue()).isZero();

        // Four days later, with no call since, all three are silent; a finished period is judged at its end.
        clock.advance(java.time.Duration.ofDays(4));
        http = server.loginAdmin(); // the session of four days ago has ended
        Map<String, Object> later = (Map<String, Object>) json("/api/v1/report?unit=PQ&period=month:11@2026-06")
                .get("figures");
        assertThat(((Number) later.get("silentDevices")).longValue()).isEqualTo(3);
        Map<String, Object> may = (Map<String, Object>) json("/api/v1/report?unit=PQ&period=month:11@2026-05")
                .get("figures");
        assertThat(((Number) may.get("silentDevices")).longValue()).as("11/4–10/5: none had sent anything by then")
                .isEqualTo(3);
    }
}
