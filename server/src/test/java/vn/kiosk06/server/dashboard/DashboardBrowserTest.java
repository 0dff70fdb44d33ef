package vn.kiosk06.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.Event;
import vn.kiosk06.proto.sync.v1.JournalSalvaged;
import vn.kiosk06.proto.sync.v1.SeqRange;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.server.DashboardClient;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.SyntheticFleet;
import vn.kiosk06.server.TestEvents;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.auth.UserDirectory;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;
import vn.kiosk06.server.integrity.Chains;
import vn.kiosk06.server.integrity.IntegrityChecker;

/**
 * The dashboard end to end in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * which {@code ./kiosk06 test} installs), against a real server fed over gRPC. Screenshots go to
 * {@code target/screenshots/}; the figures page is also copied to {@code docs/screenshots/dashboard.png}.
 */
class DashboardBrowserTest {

    static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dir;
    RunningServer server;
    WebDriver browser;
    WebDriverWait wait;
    final SyntheticFleet fleet = new SyntheticFleet();
    final LocalDate yesterday = LocalDate.now(HCM).minusDays(1);

    @BeforeEach
    void start() throws Exception {
        assertThat(Path.of("/usr/bin/chromedriver")).as("chromium-driver is installed (./kiosk06 test installs it)").exists();
        server = new RunningServer(dir.resolve("data"), Map.of());
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1440,1000", "--lang=vi",
                // The device-enrollment test runs the server secure, on HTTPS with its own self-signed certificate.
                "--ignore-certificate-errors",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    /** Adds a user and logs in through the login page, as a person does. */
    void logIn(String name, Role role, String unit) {
        String password = "mật khẩu dài cho trình duyệt";
        server.bean(UserDirectory.class).add(name, role, unit, password.toCharArray(), server.bean(OrgUnitDirectory.class).tree());
        browser.get(server.httpUrl() + "/dashboard/index.html");
        wait.until(ExpectedConditions.urlContains("/dashboard/login.html"));
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), name));
    }

    Instant at(LocalDate day, int minute) {
        return day.atTime(8, 0).plusMinutes(minute).atZone(HCM).toInstant();
    }

    void kioskDay(String device, LocalDate day, int patients) {
        for (int i = 0; i < patients; i++) {
            CaseType ct = i % 9 == 0 ? CaseType.FEE : CaseType.BHYT;
            fleet.add(device, at(day, i * 3), e -> e.setReception(Reception.newBuilder().setCaseType(ct).setDepartment("NOI")), true);
        }
    }

    void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    @Test
    void fleetView_listsADeviceThatJustSynced_withoutAPageReload() throws Exception {
        kioskDay("demo-kiosk-01", yesterday, 12);
        fleet.upload(server);
        logIn("chi.admin", Role.ADMIN, "ROOT");
        browser.get(server.httpUrl() + "/dashboard/index.html#fleet");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-device='demo-kiosk-01']")));
        Object marker = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.kiosk06Marker = 42;");

        kioskDay("kiosk-new-07", yesterday, 5);
        fleet.upload(server, "kiosk-new-07");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-device='kiosk-new-07']")));
        // The same page, refreshed by polling: the marker set before the sync is still there.
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.kiosk06Marker;"))
                .isEqualTo(marker);
        assertThat(browser.findElement(By.cssSelector("tr[data-device='kiosk-new-07']")).getText()).contains("Hoạt động");
        screenshot("fleet");
    }

    @Test
    void fleetView_showsEachDevicesChainIntegrity_aBrokenOneInRed() throws Exception {
        vn.kiosk06.server.Uploads.upload(server.channel(), Chains.batch("kiosk-honest", Chains.payments(6)));
        vn.kiosk06.server.Uploads.upload(server.channel(),
                Chains.batch("kiosk-tampered", Chains.withAmountEdited(Chains.payments(6), 3, 1)));
        server.bean(IntegrityChecker.class).checkNow();

        logIn("chi.admin", Role.ADMIN, "ROOT");
        browser.get(server.httpUrl() + "/dashboard/index.html#fleet");
        By tampered = By.cssSelector("tr[data-device='kiosk-tampered'] td.integrity .badge");
        wait.until(ExpectedConditions.presenceOfElementLocated(tampered));

        // Plain words on the badge; the server's technical line stays in its tooltip for staff.
        assertThat(browser.findElement(tampered).getText())
                .isEqualTo("Có dấu hiệu bị sửa hoặc xóa, từ bản ghi số 4");
        assertThat(browser.findElement(tampered).getDomAttribute("title"))
                .startsWith("broken at seq 4: event 4 does not follow event 3: its previous-event hash differs");
        assertThat(browser.findElement(tampered).getDomAttribute("class")).contains("silent");
        assertThat(browser.findElement(By.cssSelector("tr[data-device='kiosk-honest'] td.integrity")).getText())
                .isEqualTo("Nguyên vẹn (đã kiểm tra 6 bản ghi)");
        assertThat(browser.findElement(By.id("fleet-table")).getText()).doesNotContain("seq");
        screenshot("fleet-integrity");
    }

    /** {@code events} (seqs 1–5) followed by a salvage at seq 9 that lost 6–8, and seq 10 chained to it. */
    static List<Event> salvagedJournal(List<Event> events) {
        Event salvage = TestEvents.envelope(9).setPrevHash(Chains.ZEROS).setJournalSalvaged(JournalSalvaged.newBuilder()
                .setSalvaged(5).addLost(SeqRange.newBuilder().setFirst(6).setLast(8))
                .setDamagedFile("journal.db.damaged-20261204-052900").setReason("integrity check: page 7 is never used"))
                .build();
        events.add(salvage);
        events.add(TestEvents.payment(10, 20_000).toBuilder()
                .setPrevHash(new vn.kiosk06.wire.EventChain().hash(salvage.toByteArray())).build());
        return events;
    }

    @Test
    void fleetView_showsAJournalSalvage_andExplainsTheSeqsItLost_apartFromAGapNotReceived() throws Exception {
        // Seqs 1–5 synced; the device's journal broke, it salvaged 5 events and lost 6–8 (never sent), recorded that
        // as seq 9, went on with 10; seq 12 arrived but 11 did not (yet): a gap nothing explains.
        List<Event> events = salvagedJournal(new ArrayList<>(Chains.payments(5)));
        events.add(TestEvents.payment(12, 30_000).toBuilder().setPrevHash(Chains.ZEROS).build());
        vn.kiosk06.server.Uploads.upload(server.channel(), Chains.batch("kiosk-salvaged", events));
        // A replay (the ack was lost) records the salvage once.
        vn.kiosk06.server.Uploads.upload(server.channel(), Chains.batch("kiosk-salvaged", events));
        // Another device whose only gap is what its salvage lost.
        vn.kiosk06.server.Uploads.upload(server.channel(), Chains.batch("kiosk-salvaged-only",
                salvagedJournal(new ArrayList<>(Chains.payments(5)))));
        server.bean(IntegrityChecker.class).checkNow();

        logIn("chi.admin", Role.ADMIN, "ROOT");
        browser.get(server.httpUrl() + "/dashboard/index.html#fleet");
        By missing = By.cssSelector("tr[data-device='kiosk-salvaged'] td.missing");
        wait.until(ExpectedConditions.presenceOfElementLocated(missing));

        assertThat(browser.findElements(By.cssSelector("tr[data-device='kiosk-salvaged'] .badge.salvage"))).hasSize(1);
        assertThat(browser.findElement(missing).getText()).isEqualTo(
                "Nhật ký hỏng khi khởi động: giữ được 5 bản ghi, mất 6–8\n6–8: mất trên thiết bị (nhật ký hỏng), 11");
        assertThat(browser.findElement(By.cssSelector("tr[data-device='kiosk-salvaged'] .badge.salvage"))
                .getDomAttribute("title")).isEqualTo("journal.db.damaged-20261204-052900: integrity check: page 7 is never used");
        // The integrity column does not call the salvage's gap tampering, nor the unexplained one lost.
        assertThat(browser.findElement(By.cssSelector("tr[data-device='kiosk-salvaged'] td.integrity")).getText())
                .isEqualTo("Còn thiếu bản ghi số 9 (chờ thiết bị gửi lại)");
        assertThat(browser.findElement(By.cssSelector("tr[data-device='kiosk-salvaged-only'] td.integrity")).getText())
                .isEqualTo("Thiếu bản ghi đã mất trên thiết bị (nhật ký hỏng), không phải bị sửa");
        screenshot("fleet-salvage");

        String api = server.loginAdmin().get("/api/v1/devices/kiosk-salvaged").body();
        assertThat(api).contains("\"gaps\":[{\"first\":6,\"last\":8,\"lostOnDevice\":true,\"salvageSeq\":9},"
                + "{\"first\":11,\"last\":11,\"lostOnDevice\":false,\"salvageSeq\":0}]");
        assertThat(api).contains("\"salvages\":[{\"seq\":9,\"salvaged\":5,\"lost\":[{\"first\":6,\"last\":8}]");
    }

    @Test
    void reportPage_showsTheParagraph_andItsXlsxDownloadOpensWithPoi() throws Exception {
        for (int d = 20; d >= 1; d--) {
            kioskDay("demo-kiosk-01", yesterday.minusDays(d - 1), 5 + (d * 7) % 11);
            for (int i = 0; i < d % 4; i++) {
                fleet.add("demo-field-01", at(yesterday.minusDays(d - 1), 60 + i), e -> e.setFieldAssist(FieldAssist.newBuilder()
                        .setActivity(FieldActivity.VNEID_L2_ACTIVATION).setAgeGroup(AgeGroup.AGE_14_PLUS).setTeam("TCNS-DT")
                        .setOrgUnit("Ấp 3")), true);
            }
        }
        fleet.upload(server);
        String spec = "window:" + yesterday.minusDays(19) + ".." + yesterday;
        String query = "unit=PQ&period=" + URLEncoder.encode(spec, StandardCharsets.UTF_8);
        DashboardClient http = server.loginAdmin();
        String expected = http.get("/api/v1/report.txt?" + query).body();

        logIn("lan.pq", Role.VIEWER, "PQ");
        browser.get(server.httpUrl() + "/dashboard/index.html?" + query + "#figures");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cards"), "Kiosk tiếp nhận"));
        wait.until(d -> !d.findElements(By.cssSelector("#chart polyline")).isEmpty());
        screenshot("figures");
        Path docs = Path.of("..", "docs", "screenshots");
        Files.createDirectories(docs);
        Files.copy(SCREENSHOTS.resolve("figures.png"), docs.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.id("nav-report")).click();
        wait.until(d -> d.findElement(By.id("paragraph")).getText().startsWith("- Số liệu Kiosk y tế"));
        assertThat(browser.findElement(By.id("paragraph")).getText()).isEqualTo(expected);
        screenshot("report");

        String xlsxUrl = browser.findElement(By.id("xlsx-link")).getAttribute("href");
        HttpResponse<byte[]> xlsx = http.getBytes(URI.create(xlsxUrl).getRawPath() + "?" + URI.create(xlsxUrl).getRawQuery());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            String header = book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue();
            assertThat(header).contains("Đặc khu Phú Quốc");
            assertThat(book.getSheetAt(0).getRow(1).getCell(2).getLocalDateTimeCellValue().toLocalDate())
                    .isEqualTo(yesterday.minusDays(19));
        }
    }

    @Test
    void login_wrongPasswordIsSaid_thenAViewerSeesNoAdminMenu_andLogoutReturnsToLogin() throws Exception {
        server.bean(UserDirectory.class).add("lan.viewer", Role.VIEWER, "PQ", "mật khẩu đúng của Lan".toCharArray(),
                server.bean(OrgUnitDirectory.class).tree());
        browser.get(server.httpUrl() + "/dashboard/index.html#fleet");
        wait.until(ExpectedConditions.urlContains("/dashboard/login.html"));
        browser.findElement(By.id("name")).sendKeys("lan.viewer");
        browser.findElement(By.id("password")).sendKeys("sai mật khẩu");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "Sai tên đăng nhập hoặc mật khẩu"));
        screenshot("login");

        browser.findElement(By.id("password")).sendKeys("mật khẩu đúng của Lan");
        browser.findElement(By.id("login-button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "lan.viewer"));
        assertThat(browser.findElement(By.id("nav-admin")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("nav-audit")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("nav-devices")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("unit-tree")).getText()).contains("Đặc khu Phú Quốc");

        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/dashboard/login.html"));
        browser.get(server.httpUrl() + "/dashboard/index.html");
        wait.until(ExpectedConditions.urlContains("/dashboard/login.html"));
    }

    @Test
    void admin_seesTheAuditLog_withTheirLogIn() throws Exception {
        logIn("chi.admin", Role.ADMIN, "ROOT");
        browser.findElement(By.id("nav-audit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit-table tr[data-audit='login.ok']")));
        // The action in words, not the log code.
        assertThat(browser.findElement(By.id("audit-table")).getText()).contains("chi.admin").contains("Đăng nhập")
                .doesNotContain("login.ok");
        screenshot("audit");
    }

    @Test
    void admin_registersADevice_seesTheCodeAndItsQr_thenRevokesIt() throws Exception {
        // Codes carry the server certificate's fingerprint: only a secure (TLS, HTTPS) server issues them.
        server.close();
        server = RunningServer.secure(dir.resolve("secure-data"), Map.of());
        logIn("chi.admin", Role.ADMIN, "ROOT");
        assertThat(server.httpUrl()).startsWith("https://");

        browser.findElement(By.id("nav-devices")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("devices-table"), "Chưa có thiết bị"));
        WebElement form = browser.findElement(By.id("register-device"));
        form.findElement(By.name("deviceId")).sendKeys("kiosk-pq-03");
        form.findElement(By.name("unit")).sendKeys("TTYT-PQ");
        form.findElement(By.tagName("button")).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("issued")));
        String code = browser.findElement(By.id("issued-code")).getText();
        assertThat(code).startsWith("K6-").contains(server.identity().fingerprintHex());
        WebElement qr = browser.findElement(By.id("issued-qr"));
        assertThat(qr.getAttribute("src")).startsWith("data:image/svg+xml;base64,");
        // The QR image really rendered: the browser decoded it to its natural size.
        wait.until(d -> ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth;", qr)).intValue() > 0);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-device='kiosk-pq-03'][data-state='PENDING']")));
        screenshot("devices");
        Path docs = Path.of("..", "docs", "screenshots");
        Files.createDirectories(docs);
        Files.copy(SCREENSHOTS.resolve("devices.png"), docs.resolve("dashboard-devices.png"), StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.cssSelector("button[data-revoke='kiosk-pq-03']")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-device='kiosk-pq-03'][data-state='REVOKED']")));
        assertThat(browser.findElement(By.cssSelector("tr[data-device='kiosk-pq-03']")).getText())
                .contains("Đã thu hồi").contains("chi.admin");
        assertThat(browser.findElements(By.cssSelector("button[data-revoke='kiosk-pq-03']"))).isEmpty();
        screenshot("devices-revoked");
    }
}
