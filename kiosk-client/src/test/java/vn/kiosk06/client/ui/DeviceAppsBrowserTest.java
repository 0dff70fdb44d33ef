package vn.kiosk06.client.ui;

import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.printer.FakeEscPosPrinter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.kiosk06.client.config.ClientConfigFile;
import vn.kiosk06.client.journal.Journal;
import vn.kiosk06.client.journal.JournaledEvent;
import vn.kiosk06.client.sync.FakeSyncServer;
import vn.kiosk06.hardware.reader.ReaderProfile;
import vn.kiosk06.hardware.serial.Framing;
import vn.kiosk06.hardware.sim.ReaderSimulator;
import vn.kiosk06.hardware.sim.SyntheticPeople;
import vn.kiosk06.hardware.sim.SyntheticPerson;
import vn.kiosk06.proto.sync.v1.Department;
import vn.kiosk06.proto.sync.v1.DeviceConfig;
import vn.kiosk06.proto.sync.v1.Event;

/**
 * The kiosk and field apps end to end in a real headless Chromium: the real device app on a random port, a QR
 * scanner on a socat pty fed by the hardware module's simulator, a printer on another pty, a gRPC sync server that
 * hands out departments. Each test walks a flow through the page and then asserts the exact events in the journal.
 * Screenshots go to target/screenshots.
 */
class DeviceAppsBrowserTest {

    private static final String SECRET = "test-webhook-secret-0123456789";
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final DeviceConfig HOSPITAL = DeviceConfig.newBuilder().setFacilityName("TTYT Phú Quốc")
            .addDepartments(Department.newBuilder().setCode("NOI").setName("Khám Nội"))
            .addDepartments(Department.newBuilder().setCode("NHI").setName("Khám Nhi"))
            .addDepartments(Department.newBuilder().setCode("RHM").setName("Răng Hàm Mặt"))
            .setFeeVnd(50_000).build();
    private static final int PRINTER_ONLINE = 0x12;
    private static final int PAPER_OUT = 0x72;

    private static WebDriver browser;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final SyntheticPeople people = new SyntheticPeople(new Random(20261123));
    private EmbeddedServer app;
    private SocatPair reader;

    @BeforeAll
    static void startBrowser() throws IOException {
        Files.createDirectories(SHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory("kiosk06-chromium"), "--lang=vi");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterEach
    void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    // ---------------------------------------------------------------------------------------------- kiosk

    @Test
    void insuredPath_cccdScan_departmentAndPrintedTicket_eventsJournaledAndSynced() throws Exception {
        FakeSyncServer server = syncServer();
        SocatPair printerPty = pty("printer");
        FakeEscPosPrinter printer = new FakeEscPosPrinter(printerPty, Map.of(1, PRINTER_ONLINE, 4, PRINTER_ONLINE));
        startKiosk(server.port(), "printer: " + printerPty.hostPath());
        awaitDepartments();

        openPage(1080, 1920);
        awaitScreen("WELCOME");
        awaitText(By.id("st-reader"), "sẵn sàng");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Chào mừng");
        shot("kiosk-welcome-1080x1920");
        shot("kiosk-welcome-800x480", 800, 480);
        browser.findElement(By.id("lang")).click();
        awaitText(By.tagName("h1"), "Welcome");
        shot("kiosk-welcome-english-1080x1920", 1080, 1920);
        browser.findElement(By.id("lang")).click();
        awaitText(By.tagName("h1"), "Chào mừng");

        SyntheticPerson person = people.next();
        scan(person);
        awaitScreen("DEPARTMENT");
        assertThat(browser.findElement(By.id("case-type")).getText()).isEqualTo("BHYT");
        assertThat(browser.findElement(By.id("dept-NOI")).getText()).isEqualTo("Khám Nội");
        shot("kiosk-department-1080x1920");
        shot("kiosk-department-800x480", 800, 480);
        viewport(1080, 1920);
        assertThat(browser.getPageSource()).doesNotContain(person.idNumber()).doesNotContain(person.fullName());

        browser.findElement(By.id("dept-NOI")).click();
        awaitScreen("TICKET");
        browser.findElement(By.id("ticket-printed"));
        String code = "PQ01-" + today() + "-0001";
        assertThat(browser.findElement(By.id("queue-number")).getText()).isEqualTo("0001");
        assertThat(browser.findElement(By.id("transaction-code")).getText()).isEqualTo(code);
        shot("kiosk-ticket-1080x1920");
        assertThat(new String(printer.received(), StandardCharsets.ISO_8859_1)).contains("0001", code, "Kham Noi");

        assertThat(events()).containsExactly("card_read QR READ_OK", "reception BHYT NOI",
                "transaction_code_created " + code + " reception_seq=2 queue=1");
        await().atMost(Duration.ofSeconds(15)).until(() -> journal().ackedThrough() == journal().lastSeq());

        browser.findElement(By.id("btn-done")).click();
        awaitScreen("WELCOME");
        awaitText(By.id("st-sync"), "Đã đồng bộ");
    }

    @Test
    void feePath_uninsuredCard_vietQrPaidThroughWebhook_ticketAndPaymentEvents() throws Exception {
        FakeSyncServer server = syncServer();
        startKiosk(server.port(), "insurance-cards: uninsured");
        awaitDepartments();
        openPage(1080, 1920);
        awaitScreen("WELCOME");

        scan(people.next());
        awaitScreen("NOT_ELIGIBLE");
        shot("kiosk-not-eligible-1080x1920");
        browser.findElement(By.id("btn-fee-path")).click();
        awaitScreen("DEPARTMENT");
        assertThat(browser.findElement(By.id("case-type")).getText()).isEqualTo("Thu phí");
        browser.findElement(By.id("dept-NHI")).click();
        awaitScreen("PAYMENT");
        String code = "PQ01-" + today() + "-0001";
        assertThat(browser.findElement(By.id("amount")).getText()).isEqualTo("50.000đ");
        assertThat(browser.findElement(By.id("payment-note")).getText()).isEqualTo(code);
        assertThat(browser.findElements(By.cssSelector("#payment-qr svg path"))).hasSize(1);
        shot("kiosk-payment-1080x1920");
        shot("kiosk-payment-800x480", 800, 480);

        assertThat(webhook("wrong-secret-0123456789", code, 50_000)).isEqualTo(401);
        assertThat(webhook(SECRET, code, 49_000)).isEqualTo(404);
        // Bank apps drop dashes and add their own words around the note.
        assertThat(webhook(SECRET, "CT " + code.replace("-", "") + " chuyen tien", 50_000)).isEqualTo(200);
        awaitScreen("TICKET");
        browser.findElement(By.id("ticket-on-screen")); // no printer configured: the screen is the ticket

        assertThat(events()).containsExactly("card_read QR READ_OK", "reception FEE NHI",
                "transaction_code_created " + code + " reception_seq=2 queue=1",
                "payment 50000 QR CONFIRMED ref=" + code);
        await().atMost(Duration.ofSeconds(15)).until(() -> journal().ackedThrough() == journal().lastSeq());
    }

    @Test
    void cancelPayment_expiredTypedCard_feePathThenCancel_writesCancelledAndReturnsToWelcome() throws Exception {
        startKiosk(syncServer().port(), "insurance-expired: \"0123456789\"");
        awaitDepartments();
        openPage(1080, 1920);
        awaitScreen("WELCOME");

        browser.findElement(By.id("btn-bhyt")).click();
        awaitScreen("BHYT_ENTRY");
        browser.findElement(By.id("bhyt-input")).sendKeys("0123 456 789");
        browser.findElement(By.id("btn-bhyt-submit")).click();
        awaitScreen("NOT_ELIGIBLE");
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Thẻ BHYT đã hết hạn.");
        browser.findElement(By.id("btn-fee-path")).click();
        awaitScreen("DEPARTMENT");
        browser.findElement(By.id("dept-NOI")).click();
        awaitScreen("PAYMENT");
        browser.findElement(By.id("btn-cancel")).click();
        awaitScreen("PAYMENT_ENDED");
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Đã huỷ thanh toán.");
        browser.findElement(By.id("btn-home")).click();
        awaitScreen("WELCOME");

        String code = "PQ01-" + today() + "-0001";
        assertThat(events()).containsExactly("card_read MANUAL READ_OK", "reception FEE NOI",
                "transaction_code_created " + code + " reception_seq=2 queue=1",
                "payment 50000 QR CANCELLED ref=" + code);
    }

    @Test
    void badBhytNumber_showsInlineErrorAndWritesNothing_thenAValidNumberIsAManualRead() throws Exception {
        startKiosk(syncServer().port(), "");
        awaitDepartments();
        openPage(1080, 1920);
        awaitScreen("WELCOME");

        browser.findElement(By.id("btn-bhyt")).click();
        awaitScreen("BHYT_ENTRY");
        WebElement input = browser.findElement(By.id("bhyt-input"));
        input.sendKeys("12345");
        browser.findElement(By.id("btn-bhyt-submit")).click();
        awaitText(By.id("bhyt-error"), "Số thẻ không đúng");
        assertThat(input.getAttribute("class")).contains("invalid");
        shot("kiosk-bhyt-error-1080x1920");
        // The server refuses it too, whatever the page lets through.
        assertThat(post("/api/v1/kiosk/bhyt", "{\"number\":\"XX9999\"}")).isEqualTo(422);
        assertThat(events()).isEmpty();

        input.clear();
        input.sendKeys("HS4010120878811");
        browser.findElement(By.id("btn-bhyt-submit")).click();
        awaitScreen("DEPARTMENT");
        // The valid number is a manual card read (keyed hash only); nothing is received yet.
        assertThat(events()).containsExactly("card_read MANUAL READ_OK");
    }

    @Test
    void idleTimeout_onDepartmentScreen_returnsToWelcomeAndForgetsThePerson() throws Exception {
        startKiosk(syncServer().port(), "idle-timeout: 2s");
        awaitDepartments();
        openPage(1080, 1920);
        awaitScreen("WELCOME");

        scan(people.next());
        awaitScreen("DEPARTMENT");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.attributeToBe(By.id("app"), "data-screen", "WELCOME"));
        assertThat(get("/api/v1/kiosk")).contains("\"screen\":\"WELCOME\"").doesNotContain("caseType");
        assertThat(events()).containsExactly("card_read QR READ_OK");
    }

    @Test
    void readerUnpluggedMidFlow_statusBarShowsIt_flowStillEndsWithTicket() throws Exception {
        startKiosk(syncServer().port(), "");
        awaitDepartments();
        openPage(1080, 1920);
        awaitScreen("WELCOME");

        scan(people.next());
        awaitScreen("DEPARTMENT");
        reader.unplug();
        awaitText(By.id("st-reader"), "mất kết nối");
        assertThat(browser.findElement(By.id("st-reader")).getAttribute("data-state")).isEqualTo("bad");
        shot("kiosk-reader-unplugged-1080x1920");
        browser.findElement(By.id("dept-RHM")).click();
        awaitScreen("TICKET");
        browser.findElement(By.id("btn-done")).click();
        awaitScreen("WELCOME");
        awaitText(By.id("reader-off"), "mất kết nối");

        String code = "PQ01-" + today() + "-0001";
        assertThat(events()).containsExactly("card_read QR READ_OK", "reception BHYT RHM",
                "transaction_code_created " + code + " reception_seq=2 queue=1");
    }

    @Test
    void printerOut_ticketShownOnScreen_statusBarSaysPrinterDown() throws Exception {
        SocatPair printerPty = pty("printer");
        new FakeEscPosPrinter(printerPty, Map.of(1, PRINTER_ONLINE, 4, PAPER_OUT));
        startKiosk(syncServer().port(), "printer: " + printerPty.hostPath());
        awaitDepartments();
        openPage(1080, 1920);
        awaitScreen("WELCOME");

        scan(people.next());
        awaitScreen("DEPARTMENT");
        browser.findElement(By.id("dept-NOI")).click();
        awaitScreen("TICKET");
        awaitText(By.id("ticket-on-screen"), "Máy in đang không hoạt động");
        awaitText(By.id("st-printer"), "không hoạt động");
        shot("kiosk-ticket-on-screen-1080x1920");
        shot("kiosk-ticket-on-screen-800x480", 800, 480);
        String code = "PQ01-" + today() + "-0001";
        assertThat(events()).containsExactly("card_read QR READ_OK", "reception BHYT NOI",
                "transaction_code_created " + code + " reception_seq=2 queue=1");
    }

    // ---------------------------------------------------------------------------------------------- field

    @Test
    void fieldFlow_offline_cardAndNoCardCitizens_savedAndSummarised() throws Exception {
        start("field", closedPort(), """
                teams: TCNS-AP1, TCNS-AP2
                areas: Ấp 1, Ấp 2, Khu phố 3
                """);
        openPage(800, 480);
        awaitScreen("SHIFT");
        shot("field-shift-800x480");
        browser.findElement(By.id("team-1")).click();
        browser.findElement(By.id("area-0")).click();
        browser.findElement(By.id("btn-start-shift")).click();
        awaitScreen("CITIZEN");
        assertThat(browser.findElement(By.id("shift")).getText()).isEqualTo("Tổ: TCNS-AP2 · Địa bàn: Ấp 1");

        SyntheticPerson person = people.next();
        scan(person);
        awaitText(By.id("citizen"), "Đã quét CCCD");
        browser.findElement(By.cssSelector("label[for=act-VNEID_L2_ACTIVATION]")).click();
        browser.findElement(By.cssSelector("label[for=act-EHEALTH_BOOK]")).click();
        shot("field-form-800x480");
        assertThat(browser.getPageSource()).doesNotContain(person.idNumber()).doesNotContain(person.fullName());
        browser.findElement(By.id("btn-save")).click();
        awaitText(By.id("message"), "Đã lưu 2 hoạt động");

        int birthYear = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).getYear() - 10;
        browser.findElement(By.id("birth-year")).sendKeys(Integer.toString(birthYear));
        browser.findElement(By.id("sex-FEMALE")).click();
        browser.findElement(By.id("btn-no-card")).click();
        awaitText(By.id("citizen"), "Không có thẻ · Từ 6 đến dưới 14 tuổi · Nữ");
        browser.findElement(By.cssSelector("label[for=act-VNEID_L2_ACTIVATION]")).click();
        browser.findElement(By.id("btn-save")).click();
        awaitText(By.id("message"), "Đã lưu 1 hoạt động");
        // The first handshake gives up after its 10 s deadline: then the bar says offline, with the backlog.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("st-sync"), "Ngoại tuyến từ"));
        awaitText(By.id("st-sync"), "4 chờ đồng bộ"); // the card read and three assists wait
        shot("field-saved-800x480");

        browser.findElement(By.id("btn-summary")).click();
        awaitScreen("SUMMARY");
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.attributeToBe(By.id("summary-table"), "data-loaded", "true"));
        assertThat(cell("VNEID_L2_ACTIVATION", "today")).isEqualTo("2");
        assertThat(cell("EHEALTH_BOOK", "week")).isEqualTo("1");
        assertThat(cell("BHYT_INTEGRATION", "today")).isEqualTo("0");
        shot("field-summary-800x480");

        // The scanned citizen's age group is the one the reader derived from the card.
        String scanned = journal().read(1).orElseThrow().parse().getCardRead().getAgeGroup().name();
        assertThat(events()).containsExactly("card_read QR READ_OK",
                "field_assist VNEID_L2_ACTIVATION TCNS-AP2 Ấp 1 " + scanned + " key=16",
                "field_assist EHEALTH_BOOK TCNS-AP2 Ấp 1 " + scanned + " key=16",
                "field_assist VNEID_L2_ACTIVATION TCNS-AP2 Ấp 1 AGE_6_TO_13 key=0");
        assertThat(journal().ackedThrough()).isZero();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private FakeSyncServer syncServer() {
        FakeSyncServer server = FakeSyncServer.withConfig(HOSPITAL);
        open.add(server);
        return server;
    }

    private SocatPair pty(String name) throws IOException {
        SocatPair p = new SocatPair(Files.createDirectories(dir.resolve(name)));
        open.add(p);
        return p;
    }

    private void startKiosk(int serverPort, String extra) throws IOException {
        start("kiosk", serverPort, """
                facility-code: PQ01
                payment-webhook-secret: %s
                bank-bin: "970436"
                bank-account: "0011001234"
                %s
                """.formatted(SECRET, extra));
    }

    private void start(String mode, int serverPort, String extra) throws IOException {
        reader = pty("reader");
        Path config = dir.resolve("device.yml");
        Files.writeString(config, """
                device-id: %s-test-01
                server: 127.0.0.1:%d
                data-dir: %s
                mode: %s
                sync-interval: 1s
                gpio: off
                qr-reader: %s
                %s
                """.formatted(mode, serverPort, dir.resolve("data"), mode, reader.hostPath(), extra));
        Map<String, Object> props = new HashMap<>(ClientConfigFile.load(config));
        props.put("micronaut.server.port", -1);
        app = ApplicationContext.run(EmbeddedServer.class, props);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/status").contains("\"connected\":true"));
    }

    private void awaitDepartments() {
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/status").contains("\"lastSync\""));
    }

    private void openPage(int width, int height) {
        browser.get("http://127.0.0.1:" + app.getPort() + "/");
        viewport(width, height);
    }

    /** Sizes the window so that the page itself (not the window with its frame) is width × height. */
    private static void viewport(int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        Object frame = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];");
        List<?> d = (List<?>) frame;
        browser.manage().window().setSize(new Dimension(width + ((Number) d.get(0)).intValue(),
                height + ((Number) d.get(1)).intValue()));
    }

    private void scan(SyntheticPerson person) {
        new ReaderSimulator(Framing.LINE, ReaderProfile.QR, new Random(1), reader::deviceWrites, ms -> { },
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(List.of("raw " + person.cccdQr()));
    }

    private static void awaitScreen(String screen) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("screen-" + screen)));
    }

    private static void awaitText(By locator, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    private static String cell(String activity, String column) {
        return browser.findElement(By.cssSelector("tr[data-activity=" + activity + "] td." + column)).getText();
    }

    private static void shot(String name, int width, int height) throws IOException {
        viewport(width, height);
        shot(name);
    }

    private static void shot(String name) throws IOException {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String today() {
        return LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).format(DateTimeFormatter.ofPattern("yyMMdd"));
    }

    private Journal journal() {
        return app.getApplicationContext().getBean(Journal.class);
    }

    /** The journal's events in a compact, exact form. */
    private List<String> events() {
        return journal().readAfter(0, 1000).stream().map(JournaledEvent::parse).map(DeviceAppsBrowserTest::describe)
                .collect(Collectors.toList());
    }

    private static String describe(Event e) {
        return switch (e.getPayloadCase()) {
            case CARD_READ -> "card_read " + e.getCardRead().getReaderKind().name().replace("READER_", "") + " "
                    + e.getCardRead().getOutcome();
            case RECEPTION -> "reception " + e.getReception().getCaseType() + " " + e.getReception().getDepartment();
            case TRANSACTION_CODE_CREATED -> "transaction_code_created " + e.getTransactionCodeCreated().getCode()
                    + " reception_seq=" + e.getTransactionCodeCreated().getReceptionSeq()
                    + " queue=" + e.getTransactionCodeCreated().getQueueNumber();
            case PAYMENT -> "payment " + e.getPayment().getAmountVnd() + " " + e.getPayment().getMethod() + " "
                    + e.getPayment().getStatus() + " ref=" + e.getPayment().getReference();
            case FIELD_ASSIST -> "field_assist " + e.getFieldAssist().getActivity() + " " + e.getFieldAssist().getTeam()
                    + " " + e.getFieldAssist().getOrgUnit() + " " + e.getFieldAssist().getAgeGroup()
                    + " key=" + e.getFieldAssist().getCitizenKey().size();
            default -> e.getPayloadCase().name();
        };
    }

    private int webhook(String secret, String note, long amount) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/payments/confirm")).header("Content-Type", "application/json")
                .header("X-Kiosk06-Secret", secret)
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\":\"" + note + "\",\"amountVnd\":" + amount + "}"))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private int post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.getPort() + path);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
