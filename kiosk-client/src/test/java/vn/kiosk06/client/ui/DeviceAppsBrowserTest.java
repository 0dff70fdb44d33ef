package vn.kiosk06.client.ui;

import vn.kiosk06.hardware.serial.SocatPair;
import vn.kiosk06.hardware.printer.FakeEscPosPrinter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import vn.kiosk06.client.ClientApp;
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
            .addDepartments(Department.newBuilder().setCode("NOI").setName("Khám Nội").setLocation("Phòng 105, tầng 1"))
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
    private ClientApp app;
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
        awaitStatus("st-reader", "sẵn sàng"); // in the staff details, hidden from patients
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Chào mừng");
        assertFits("btn-bhyt");
        shot("kiosk-welcome-1080x1920");
        shot("kiosk-welcome-800x480", 800, 480);
        assertFits("btn-bhyt");
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
        assertFits("dept-NOI", "dept-RHM", "btn-cancel");
        shot("kiosk-department-1080x1920");
        shot("kiosk-department-800x480", 800, 480);
        assertFits("dept-NOI", "dept-RHM", "btn-cancel");
        viewport(1080, 1920);
        assertThat(browser.getPageSource()).doesNotContain(person.idNumber()).doesNotContain(person.fullName());

        browser.findElement(By.id("dept-NOI")).click();
        awaitScreen("TICKET");
        browser.findElement(By.id("ticket-printed"));
        String code = "PQ01-" + today() + "-0001";
        assertThat(browser.findElement(By.id("queue-number")).getText()).isEqualTo("0001");
        assertThat(browser.findElement(By.id("transaction-code")).getText()).isEqualTo(code);
        // Where to go next, from the server's department config, and what kind of visit it is.
        assertThat(browser.findElement(By.id("ticket-go")).getText()).isEqualTo("Mời bạn đến Khám Nội — Phòng 105, tầng 1");
        assertThat(browser.findElement(By.id("ticket-visit")).getText()).isEqualTo("Khám BHYT");
        assertThat(browser.findElements(By.id("ticket-qr"))).as("printed: no staff QR").isEmpty();
        assertFits("queue-number", "ticket-go", "btn-done");
        shot("kiosk-ticket-1080x1920");
        shot("kiosk-ticket-800x480", 800, 480);
        assertFits("queue-number", "ticket-go", "btn-done");
        viewport(1080, 1920);
        assertThat(new String(printer.received(), StandardCharsets.ISO_8859_1)).contains("0001", code, "Kham Noi");

        assertThat(events()).containsExactly("card_read QR READ_OK", "reception BHYT NOI",
                "transaction_code_created " + code + " reception_seq=2 queue=1");
        await().atMost(Duration.ofSeconds(15)).until(() -> journal().ackedThrough() == journal().lastSeq());

        browser.findElement(By.id("btn-done")).click();
        awaitScreen("WELCOME");
        await().atMost(Duration.ofSeconds(10)).until(() -> "ok".equals(
                browser.findElement(By.id("status-dot")).getDomAttribute("data-state")));
        staffView();
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
        // Who is paid, where, for what, how long is left, and that nothing else is needed once the money arrives.
        assertThat(browser.findElement(By.id("payee-name")).getText()).isEqualTo("TRUNG TAM Y TE PHU QUOC");
        assertThat(browser.findElement(By.id("payee-bank")).getText()).isEqualTo("Vietcombank");
        assertThat(browser.findElement(By.id("payee-account")).getText()).isEqualTo("0011001234");
        assertThat(browser.findElement(By.id("payment-department")).getText()).isEqualTo("Khám Nhi");
        assertThat(browser.findElement(By.id("seconds-left")).getText()).matches("0[45]:[0-5]\\d");
        assertThat(browser.findElement(By.id("payment-auto")).getText()).contains("tự cấp phiếu");
        assertFits("payment-qr", "amount", "btn-cancel");
        assertCentred("payment-qr");
        shot("kiosk-payment-1080x1920");
        shot("kiosk-payment-800x480", 800, 480);
        assertFits("payment-qr", "amount", "payee-account", "seconds-left", "btn-cancel");
        assertThat(rect("payment-qr").get("width")).as("QR big enough to scan at 800×480").isGreaterThanOrEqualTo(220.0);
        assertThat(rect("payment-qr").get("height")).isGreaterThanOrEqualTo(220.0);
        browser.findElement(By.id("lang")).click(); // English is longer: it must fit too
        awaitText(By.id("payment-auto"), "Once the transfer arrives");
        assertFits("payment-qr", "amount", "payee-account", "seconds-left", "payment-auto", "btn-cancel");
        shot("kiosk-payment-english-800x480");
        browser.findElement(By.id("lang")).click();
        awaitText(By.id("payment-auto"), "tự cấp phiếu");

        assertThat(webhook("wrong-secret-0123456789", code, 50_000)).isEqualTo(401);
        assertThat(webhook(SECRET, code, 49_000)).isEqualTo(404);
        // Bank apps drop dashes and add their own words around the note.
        assertThat(webhook(SECRET, "CT " + code.replace("-", "") + " chuyen tien", 50_000)).isEqualTo(200);
        awaitScreen("TICKET");
        browser.findElement(By.id("ticket-on-screen")); // no printer configured: the screen is the ticket
        assertThat(browser.findElement(By.id("ticket-visit")).getText()).isEqualTo("Khám dịch vụ · đã thanh toán 50.000đ");
        assertThat(browser.findElement(By.id("ticket-go")).getText()).isEqualTo("Mời bạn đến Khám Nhi");
        assertFits("ticket-qr", "btn-done");

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
        viewport(800, 480);
        assertFits("bhyt-input", "keypad", "btn-cancel", "btn-bhyt-submit");
        shot("kiosk-bhyt-entry-800x480");
        viewport(1080, 1920);
        assertFits("bhyt-input", "keypad", "btn-cancel", "btn-bhyt-submit");
        browser.findElement(By.id("bhyt-input")).sendKeys("0123 456 789");
        browser.findElement(By.id("btn-bhyt-submit")).click();
        awaitScreen("NOT_ELIGIBLE");
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Thẻ BHYT đã hết hạn.");
        assertFits("message", "btn-fee-path", "btn-cancel");
        shot("kiosk-not-eligible-800x480", 800, 480);
        assertFits("message", "btn-fee-path", "btn-cancel");
        browser.findElement(By.id("btn-fee-path")).click();
        awaitScreen("DEPARTMENT");
        browser.findElement(By.id("dept-NOI")).click();
        awaitScreen("PAYMENT");
        browser.findElement(By.id("btn-cancel")).click();
        awaitScreen("PAYMENT_ENDED");
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Đã huỷ thanh toán.");
        assertThat(browser.findElement(By.id("what-next")).getText()).contains("thanh toán tại quầy thu ngân");
        assertFits("message", "what-next", "btn-home");
        browser.findElement(By.id("btn-home")).click();
        awaitScreen("WELCOME");

        String code = "PQ01-" + today() + "-0001";
        assertThat(events()).containsExactly("card_read MANUAL READ_OK", "reception FEE NOI",
                "transaction_code_created " + code + " reception_seq=2 queue=1",
                "payment 50000 QR CANCELLED ref=" + code);
    }

    @Test
    void paymentTimeout_messageAndWhatToDoStayOnScreen_thenWelcome() throws Exception {
        startKiosk(syncServer().port(), """
                insurance-cards: uninsured
                payment-timeout: 3s
                idle-timeout: 5s""");
        awaitDepartments();
        openPage(800, 480);
        awaitScreen("WELCOME");
        scan(people.next());
        awaitScreen("NOT_ELIGIBLE");
        browser.findElement(By.id("btn-fee-path")).click();
        awaitScreen("DEPARTMENT");
        browser.findElement(By.id("dept-NOI")).click();
        awaitScreen("PAYMENT");

        // The kiosk's own state, polled closely: when the message appears and when it goes.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/v1/kiosk").contains("\"screen\":\"PAYMENT_ENDED\""));
        long shownAt = System.nanoTime();
        awaitScreen("PAYMENT_ENDED");
        assertThat(browser.findElement(By.id("message")).getText()).isEqualTo("Hết thời gian thanh toán. Phiếu chưa được cấp.");
        assertThat(browser.findElement(By.id("what-next")).getText())
                .isEqualTo("Nếu bạn đã chuyển tiền, vui lòng đến quầy thu ngân và đưa biên lai chuyển khoản. "
                        + "Nếu chưa, bạn có thể làm lại từ đầu.");
        assertFits("message", "what-next", "btn-home");
        shot("kiosk-payment-timed-out-800x480");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/api/v1/kiosk").contains("\"screen\":\"WELCOME\""));
        // Untouched, the message stayed long enough to read (10 s; it used to flash for a quarter of a second), and
        // then the kiosk is ready for the next person. 8 s leaves room for the polling's own delays.
        assertThat(Duration.ofNanos(System.nanoTime() - shownAt)).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
        awaitScreen("WELCOME");
        String code = "PQ01-" + today() + "-0001";
        assertThat(events()).containsExactly("card_read QR READ_OK", "reception FEE NOI",
                "transaction_code_created " + code + " reception_seq=2 queue=1",
                "payment 50000 QR TIMED_OUT ref=" + code);
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
        assertThat(input.getDomAttribute("class")).contains("invalid");
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
        // A patient sees only the small status dot turn red; the details are for staff.
        await().atMost(Duration.ofSeconds(10)).until(() -> "bad".equals(
                browser.findElement(By.id("status-dot")).getDomAttribute("data-state")));
        assertThat(browser.findElement(By.id("status")).isDisplayed()).isFalse();
        browser.findElement(By.id("status-dot")).click(); // a tap is not the staff gesture
        assertThat(browser.findElement(By.id("status")).isDisplayed()).isFalse();
        new org.openqa.selenium.interactions.Actions(browser).clickAndHold(browser.findElement(By.id("status-dot")))
                .pause(Duration.ofMillis(1300)).release().perform();
        awaitText(By.id("st-reader"), "mất kết nối");
        assertThat(browser.findElement(By.id("st-reader")).getDomAttribute("data-state")).isEqualTo("bad");
        shot("kiosk-reader-unplugged-1080x1920");
        browser.findElement(By.id("dept-RHM")).click();
        awaitScreen("TICKET");
        browser.findElement(By.id("btn-done")).click();
        awaitScreen("WELCOME");
        awaitText(By.id("reader-off"), "mất kết nối");
        assertFits("reader-off", "btn-bhyt");

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
        // Printer out: a QR of the ticket (code and queue number only) for staff to scan.
        assertThat(browser.findElements(By.cssSelector("#ticket-qr svg path"))).hasSize(1);
        assertFits("queue-number", "ticket-go", "ticket-qr", "btn-done");
        shot("kiosk-ticket-on-screen-1080x1920");
        shot("kiosk-ticket-on-screen-800x480", 800, 480);
        assertFits("queue-number", "ticket-go", "ticket-qr", "btn-done");
        staffView();
        awaitText(By.id("st-printer"), "không hoạt động");
        String code = "PQ01-" + today() + "-0001";
        assertThat(events()).containsExactly("card_read QR READ_OK", "reception BHYT NOI",
                "transaction_code_created " + code + " reception_seq=2 queue=1");
    }

    // ---------------------------------------------------------------------------------------------- field

    @Test
    void fieldFlow_offline_cardAndNoCardCitizens_savedSummarisedAndAMistapVoided() throws Exception {
        start("field", closedPort(), FIELD_TEAMS);
        openPage(800, 480);
        awaitScreen("SHIFT");
        assertFits("team-1", "area-2", "btn-start-shift");
        shot("field-shift-800x480");
        browser.findElement(By.id("team-1")).click();
        browser.findElement(By.id("area-0")).click();
        browser.findElement(By.id("btn-start-shift")).click();
        awaitScreen("CITIZEN");
        assertThat(browser.findElement(By.id("shift")).getText()).isEqualTo("Tổ: TCNS-AP2 · Địa bàn: Ấp 1");
        assertFits("birth-year", "year-keypad", "sex-FEMALE", "btn-no-card", "act-ONLINE_SERVICE_HELP", "btn-save",
                "btn-end-shift");

        SyntheticPerson person = people.next();
        scan(person);
        awaitText(By.id("citizen"), "Đã quét CCCD");
        browser.findElement(By.cssSelector("label[for=act-VNEID_L2_ACTIVATION]")).click();
        browser.findElement(By.cssSelector("label[for=act-EHEALTH_BOOK]")).click();
        assertFits("citizen", "btn-save");
        shot("field-form-800x480");
        assertThat(browser.getPageSource()).doesNotContain(person.idNumber()).doesNotContain(person.fullName());
        browser.findElement(By.id("btn-save")).click();
        awaitText(By.id("message"), "Đã lưu 2 hoạt động");

        // No card: the birth year is typed on the on-screen keypad (kiosk-mode Chromium has no system keyboard).
        int birthYear = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).getYear() - 10;
        browser.findElement(By.id("key-1")).click(); // a stray tap, taken back with ⌫
        browser.findElement(By.id("key-back")).click();
        for (char c : Integer.toString(birthYear).toCharArray()) {
            browser.findElement(By.id("key-" + c)).click();
        }
        browser.findElement(By.id("key-7")).click(); // a fifth digit does not fit a year
        assertThat(browser.findElement(By.id("birth-year")).getDomProperty("value")).isEqualTo(Integer.toString(birthYear));
        browser.findElement(By.id("sex-FEMALE")).click();
        shot("field-keypad-800x480");
        browser.findElement(By.id("btn-no-card")).click();
        awaitText(By.id("citizen"), "Không có thẻ · Từ 6 đến dưới 14 tuổi · Nữ");
        browser.findElement(By.cssSelector("label[for=act-VNEID_L2_ACTIVATION]")).click();
        browser.findElement(By.id("btn-save")).click();
        awaitText(By.id("message"), "Đã lưu 1 hoạt động");
        // The first handshake gives up after its 10 s deadline: then the worker is told, calmly, that all is safe.
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("st-sync"), "Chưa có mạng. 4 bản ghi đã lưu an toàn trên máy và sẽ tự gửi khi có mạng."));
        assertThat(browser.findElement(By.id("st-sync")).getDomAttribute("data-state")).isEqualTo("calm");
        shot("field-saved-800x480");

        // English, kept on the device.
        browser.findElement(By.id("lang")).click();
        awaitText(By.id("btn-save"), "Save");
        awaitText(By.id("st-sync"), "4 records are safe on this device");
        assertFits("btn-save", "year-keypad");
        shot("field-form-english-800x480");
        browser.navigate().refresh();
        awaitScreen("CITIZEN");
        awaitText(By.id("btn-save"), "Save");
        browser.findElement(By.id("lang")).click();
        awaitText(By.id("btn-save"), "Lưu");

        browser.findElement(By.id("btn-summary")).click();
        awaitScreen("SUMMARY");
        awaitLoaded();
        assertThat(cell("VNEID_L2_ACTIVATION", "today")).isEqualTo("2");
        assertThat(cell("EHEALTH_BOOK", "week")).isEqualTo("1");
        assertThat(cell("BHYT_INTEGRATION", "today")).isEqualTo("0");
        // Today's records, newest first: the no-card citizen's activity was seq 4.
        assertThat(browser.findElements(By.cssSelector("#today-records li"))).hasSize(3);
        assertFits("btn-back");
        shot("field-summary-800x480");

        // A mis-tap is voided: a new event names it; the record itself is never edited.
        browser.findElement(By.id("void-4")).click();
        browser.switchTo().alert().accept();
        awaitText(By.id("message"), "Đã huỷ bản ghi");
        awaitLoaded();
        assertThat(cell("VNEID_L2_ACTIVATION", "today")).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector("#today-records li[data-seq='4']")).getText()).contains("đã huỷ");
        assertThat(browser.findElements(By.id("void-4"))).isEmpty();
        assertThat(post("/api/v1/field/void", "{\"seq\":4}")).as("voided twice").isEqualTo(422);
        assertThat(post("/api/v1/field/void", "{\"seq\":1}")).as("a card read is no field record").isEqualTo(422);

        // The scanned citizen's age group is the one the reader derived from the card.
        String scanned = journal().read(1).orElseThrow().parse().getCardRead().getAgeGroup().name();
        assertThat(events()).containsExactly("card_read QR READ_OK",
                "field_assist VNEID_L2_ACTIVATION TCNS-AP2 Ấp 1 " + scanned + " key=16",
                "field_assist EHEALTH_BOOK TCNS-AP2 Ấp 1 " + scanned + " key=16",
                "field_assist VNEID_L2_ACTIVATION TCNS-AP2 Ấp 1 AGE_6_TO_13 key=0",
                "void_event 4 MISTAP");
        assertThat(journal().ackedThrough()).isZero();
    }

    @Test
    void fieldShift_survivesARestartOfTheDeviceApp() throws Exception {
        Path config = start("field", closedPort(), FIELD_TEAMS);
        openPage(800, 480);
        awaitScreen("SHIFT");
        browser.findElement(By.id("team-0")).click();
        browser.findElement(By.id("area-2")).click();
        browser.findElement(By.id("btn-start-shift")).click();
        awaitScreen("CITIZEN");

        app.close(); // battery swap, crash, update: the process is gone
        app = run(config);
        openPage(800, 480);
        awaitScreen("CITIZEN");
        assertThat(browser.findElement(By.id("shift")).getText()).isEqualTo("Tổ: TCNS-AP1 · Địa bàn: Khu phố 3");
        assertFits("btn-save");
    }

    @Test
    void fieldJournalNearlyFull_warnsEarly_thenFullSaysSyncTheDeviceNeverTryAgain() throws Exception {
        start("field", closedPort(), FIELD_TEAMS + "journal-max-mb: 1\n");
        openPage(800, 480);
        awaitScreen("SHIFT");
        browser.findElement(By.id("team-0")).click();
        browser.findElement(By.id("area-0")).click();
        browser.findElement(By.id("btn-start-shift")).click();
        awaitScreen("CITIZEN");
        assertThat(browser.findElements(By.id("memory-warning"))).isEmpty();

        long limit = 1 << 20;
        fillJournalUntil(() -> journal().usedBytes() >= limit * 82 / 100);
        awaitText(By.id("memory-warning"), "Bộ nhớ máy đã dùng");
        awaitText(By.id("memory-warning"), "Hãy đồng bộ thiết bị sớm");
        assertFits("memory-warning", "btn-save");
        shot("field-memory-warning-800x480");

        fillJournalUntil(() -> {
            try {
                journal().append(heartbeat());
                return false;
            } catch (vn.kiosk06.client.journal.JournalFullException e) {
                return true;
            }
        });
        scan(people.next());
        awaitText(By.id("citizen"), "Đã quét CCCD");
        browser.findElement(By.cssSelector("label[for=act-EHEALTH_BOOK]")).click();
        browser.findElement(By.id("btn-save")).click();
        awaitText(By.id("message"), "Bộ nhớ máy đã đầy");
        String said = browser.findElement(By.id("app")).getText();
        assertThat(said).contains("Hãy đồng bộ thiết bị").contains("Đồng bộ ngay").doesNotContainIgnoringCase("thử lại");
        assertThat(browser.findElement(By.id("message")).getText()).containsPattern("\\(\\d+ bản ghi đang chờ gửi\\.\\)");
        assertThat(browser.findElements(By.id("memory-warning"))).as("said once, not twice").isEmpty();
        assertFits("message", "btn-sync-full", "btn-save");
        shot("field-journal-full-800x480");
    }

    private void fillJournalUntil(java.util.concurrent.Callable<Boolean> done) throws Exception {
        while (!done.call()) {
            List<java.util.concurrent.CompletableFuture<Long>> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(journal().appendAsync(heartbeat()));
            }
            for (java.util.concurrent.CompletableFuture<Long> f : batch) {
                try {
                    f.join();
                } catch (java.util.concurrent.CompletionException e) {
                    if (!(Journal.unwrap(e) instanceof vn.kiosk06.client.journal.JournalFullException)) {
                        throw e;
                    }
                }
            }
        }
    }

    private static Event heartbeat() {
        return Event.newBuilder().setHeartbeat(vn.kiosk06.proto.sync.v1.DeviceHeartbeat.newBuilder()
                .setAppVersion("test-filler-" + "x".repeat(20))).build();
    }

    private static void awaitLoaded() {
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> "true".equals(
                d.findElement(By.id("summary-table")).getDomAttribute("data-loaded")));
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
                bank-name: Vietcombank
                bank-account-name: TRUNG TAM Y TE PHU QUOC
                %s
                """.formatted(SECRET, extra));
    }

    private static final String FIELD_TEAMS = """
            teams: TCNS-AP1, TCNS-AP2
            areas: Ấp 1, Ấp 2, Khu phố 3
            """;

    private Path start(String mode, int serverPort, String extra) throws IOException {
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
        app = run(config);
        return config;
    }

    /** Starts the device app from {@code config} and waits for its reader. */
    private ClientApp run(Path config) {
        Map<String, Object> props = new HashMap<>(ClientConfigFile.load(config));
        props.put("micronaut.server.port", -1);
        app = ClientApp.start(props);
        await().atMost(Duration.ofSeconds(10)).until(() -> get("/api/v1/status").contains("\"connected\":true"));
        return app;
    }

    private void awaitDepartments() {
        await().atMost(Duration.ofSeconds(15)).until(() -> get("/api/v1/status").contains("\"lastSync\""));
    }

    private void openPage(int width, int height) {
        browser.get("http://127.0.0.1:" + app.port() + "/");
        viewport(width, height);
    }

    /**
     * Sizes the window so that the page itself (not the window with its frame) is width × height, and waits until
     * it is: a resize lands asynchronously, and a check made before it would measure the old size.
     */
    private static void viewport(int width, int height) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            List<?> inner = (List<?>) js("return [window.innerWidth, window.innerHeight, "
                    + "window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];");
            if (((Number) inner.get(0)).intValue() == width && ((Number) inner.get(1)).intValue() == height) {
                return true;
            }
            d.manage().window().setSize(new Dimension(width + ((Number) inner.get(2)).intValue(),
                    height + ((Number) inner.get(3)).intValue()));
            return false;
        });
    }

    /**
     * Asserts that the page does not scroll and that each element is wholly inside the viewport, as a person sees
     * the screen: a main button below the fold on a 7" screen is a button nobody finds.
     */
    private static void assertFits(String... ids) {
        Map<?, ?> page = (Map<?, ?>) js("const s = document.scrollingElement; return {sh: s.scrollHeight, sw: s.scrollWidth, "
                + "w: window.innerWidth, h: window.innerHeight, y: window.scrollY};");
        assertThat(((Number) page.get("sh")).doubleValue()).as("page height (no scrolling) " + page)
                .isLessThanOrEqualTo(((Number) page.get("h")).doubleValue());
        assertThat(((Number) page.get("sw")).doubleValue()).as("page width " + page)
                .isLessThanOrEqualTo(((Number) page.get("w")).doubleValue());
        for (String id : ids) {
            Map<String, Double> r = rect(id);
            assertThat(r.get("width")).as(id + " is shown").isPositive();
            assertThat(r.get("top")).as(id + " top inside the viewport " + r).isGreaterThanOrEqualTo(0.0);
            assertThat(r.get("left")).as(id + " left inside the viewport " + r).isGreaterThanOrEqualTo(0.0);
            assertThat(r.get("bottom")).as(id + " bottom inside the viewport " + r + " " + page)
                    .isLessThanOrEqualTo(((Number) page.get("h")).doubleValue());
            assertThat(r.get("right")).as(id + " right inside the viewport " + r)
                    .isLessThanOrEqualTo(((Number) page.get("w")).doubleValue());
        }
    }

    /** Asserts that the element's centre is on the page's vertical centre line (within 2 %). */
    private static void assertCentred(String id) {
        Map<String, Double> r = rect(id);
        double width = ((Number) js("return window.innerWidth;")).doubleValue();
        assertThat(Math.abs((r.get("left") + r.get("right")) / 2 - width / 2)).as(id + " centred " + r)
                .isLessThanOrEqualTo(width * 0.02);
    }

    /** The element's bounding rectangle in viewport pixels (top, left, bottom, right, width, height). */
    private static Map<String, Double> rect(String id) {
        Map<?, ?> r = (Map<?, ?>) js("const r = document.getElementById(arguments[0]).getBoundingClientRect(); "
                + "return {top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height};", id);
        Map<String, Double> out = new HashMap<>();
        r.forEach((k, v) -> out.put((String) k, ((Number) v).doubleValue()));
        return out;
    }

    private static Object js(String script, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(script, args);
    }

    /** Awaits a status item's text, shown or (at the kiosk, for patients) hidden. */
    private static void awaitStatus(String id, String text) {
        await().atMost(Duration.ofSeconds(10)).until(() -> String.valueOf(js(
                "const e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id)).contains(text));
    }

    /** Staff open the device details (the long press on the status dot, or #staff). */
    private static void staffView() {
        js("location.hash = '#staff';");
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("status")).isDisplayed());
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
        return app.bean(Journal.class);
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
            case VOID_EVENT -> "void_event " + e.getVoidEvent().getVoidedSeq() + " " + e.getVoidEvent().getReason();
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
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
