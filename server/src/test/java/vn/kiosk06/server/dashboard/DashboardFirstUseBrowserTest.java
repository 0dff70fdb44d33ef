package vn.kiosk06.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.CaseType;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.proto.sync.v1.Reception;
import vn.kiosk06.server.FakeClock;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.SyntheticFleet;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.auth.UserDirectory;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;

/**
 * What a person meets first, in a real headless Chromium at a laptop's (1366×768) and a phone's (390×844) size,
 * against a real secure server (HTTPS with its own certificate, as {@code ./kiosk06 demo} runs it).
 */
class DashboardFirstUseBrowserTest {

    static final String PASSWORD = "mật khẩu dài cho trình duyệt";

    @TempDir
    Path dir;
    RunningServer server;
    Chromium browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** 04/12/2026 10:00 in Vietnam: the month 11/11–10/12 and the week from Wednesday 02/12 are not over. */
    static final Instant TODAY = LocalDate.of(2026, 12, 4).atTime(10, 0).atZone(DashboardBrowserTest.HCM).toInstant();
    final SyntheticFleet fleet = new SyntheticFleet();

    void open(int width, int height) throws Exception {
        server = RunningServer.secure(dir.resolve("data"), Map.of());
        browser = new Chromium(dir.resolve("chromium"), width, height);
    }

    /** A plaintext server on 04/12/2026 fed over gRPC with kiosk days in November and December. */
    void openWithFigures(int width, int height) throws Exception {
        server = new RunningServer(dir.resolve("data"), Map.of(), new FakeClock(TODAY));
        for (LocalDate day = LocalDate.of(2026, 10, 20); day.isBefore(LocalDate.of(2026, 12, 4)); day = day.plusDays(1)) {
            int patients = 3 + day.getDayOfMonth() % 5;
            for (int i = 0; i < patients; i++) {
                CaseType ct = i % 4 == 0 ? CaseType.FEE : CaseType.BHYT;
                fleet.add("demo-kiosk-01", day.atTime(8, i).atZone(DashboardBrowserTest.HCM).toInstant(),
                        e -> e.setReception(Reception.newBuilder().setCaseType(ct).setDepartment("NOI")), true);
            }
            fleet.add("demo-field-01", day.atTime(9, 0).atZone(DashboardBrowserTest.HCM).toInstant(),
                    e -> e.setFieldAssist(FieldAssist.newBuilder().setActivity(FieldActivity.VNEID_L2_ACTIVATION)
                            .setAgeGroup(AgeGroup.AGE_14_PLUS).setTeam("TCNS-DT").setOrgUnit("Ấp 3")), true);
        }
        fleet.upload(server);
        browser = new Chromium(dir.resolve("chromium"), width, height);
    }

    /** A Phú Quốc viewer on the report page of the server with figures, its paragraph shown. */
    void openReportPage(int width, int height) throws Exception {
        openWithFigures(width, height);
        addUser("lan.pq", Role.VIEWER, "PQ");
        logInAt(server.httpUrl() + "/dashboard/#report", "lan.pq");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "Kiosk tiếp nhận"));
    }

    /** The page scrolls only down, never sideways (the phone test: 390 px). */
    void assertNoSidewaysScroll() {
        assertThat(browser.jsLong("return document.scrollingElement.scrollWidth;"))
                .as("page width at " + browser.jsLong("return window.innerWidth;") + " px")
                .isLessThanOrEqualTo(browser.jsLong("return window.innerWidth;"));
    }

    /** Every visible button, link-button, select and nav link is at least 44 px high. */
    void assertTouchTargets() {
        Object small = browser.js("return [...document.querySelectorAll('button, select, a.button, header nav a, .tree button')]"
                + ".filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44)"
                + ".map(e => (e.id || e.textContent.trim()) + ':' + e.getBoundingClientRect().height);");
        assertThat((java.util.List<?>) small).as("controls under 44 px").isEmpty();
    }

    boolean phone() {
        return browser.jsLong("return window.innerWidth;") < 800;
    }

    /** On a phone the unit tree and the period sit behind the menu button. */
    void openSidePanel() {
        if (phone() && !browser.driver.findElement(By.id("side")).isDisplayed()) {
            browser.driver.findElement(By.id("menu")).click();
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("side")));
        }
    }

    void addUser(String name, Role role, String unit) {
        server.bean(UserDirectory.class).add(name, role, unit, PASSWORD.toCharArray(),
                server.bean(OrgUnitDirectory.class).tree());
    }

    /** Opens {@code url}, which sends a signed-out person to the log-in form, and logs in there. */
    void logInAt(String url, String name) {
        browser.driver.get(url);
        browser.wait.until(ExpectedConditions.urlContains("/dashboard/login.html"));
        browser.driver.findElement(By.id("name")).sendKeys(name);
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("login-button")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), name));
    }

    String pageText() {
        return browser.driver.findElement(By.tagName("body")).getText();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void everyAddressAPersonIsTold_opensTheDashboard(int width, int height) throws Exception {
        open(width, height);
        addUser("lan.pq", Role.VIEWER, "PQ");
        String base = server.httpUrl();
        assertThat(base).startsWith("https://127.0.0.1:");

        // Exactly what ./kiosk06 demo prints: https://127.0.0.1:$http/dashboard/
        logInAt(base + "/dashboard/", "lan.pq");
        assertThat(pageText()).doesNotContain("Bad Request").doesNotContain("route matched");

        for (String address : new String[] {"/dashboard", "/dashboard/", "/", "/dashboard/index.html"}) {
            browser.driver.get(base + address);
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("me"), "lan.pq"));
            assertThat(pageText()).as(address).doesNotContain("Bad Request");
        }
        browser.driver.get(base + "/dashboard/#report");
        browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-report")));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("report-title"), "Phú Quốc"));
        browser.wait.until(d -> !d.findElement(By.id("paragraph")).getText().isBlank());
        assertThat(browser.driver.findElement(By.id("page-fleet")).isDisplayed()).isFalse();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void provinceUser_figuresOfTheProvinceItself_showChartTargetsAndChildren_andDrillDown(int width, int height)
            throws Exception {
        openWithFigures(width, height);
        addUser("hoa.ag", Role.VIEWER, "AG");
        logInAt(server.httpUrl() + "/dashboard/#figures", "hoa.ag");

        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("figures-title"), "Tỉnh An Giang"));
        browser.wait.until(d -> !d.findElements(By.cssSelector("#chart polyline")).isEmpty());
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#children-table a[data-drill='PQ']")));
        assertThat(pageText()).doesNotContain("Cannot read").doesNotContain("undefined").doesNotContain("TypeError");
        assertThat(browser.driver.findElement(By.id("period-error")).getText()).isEmpty();
        assertThat(browser.driver.findElement(By.id("cards")).getText()).contains("Kiosk tiếp nhận");
        assertThat(browser.driver.findElement(By.id("targets")).getText()).contains("Không có chỉ tiêu");
        // The chart's axes carry dates and numbers, and its text is not stretched (the drawing is as wide as shown).
        assertThat(browser.driver.findElement(By.id("chart")).getText()).contains("/10/2026");
        assertThat(browser.driver.findElement(By.id("chart-caption")).getText()).contains("Biểu đồ");
        assertThat(browser.jsLong("const s = document.getElementById('chart'); return Math.abs(s.viewBox.baseVal.width - s.clientWidth);"))
                .isLessThanOrEqualTo(2);
        assertNoSidewaysScroll();
        browser.screenshot("figures-province-" + width);

        browser.driver.findElement(By.cssSelector("#children-table a[data-drill='PQ']")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("figures-title"), "Đặc khu Phú Quốc"));
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("targets"), "định danh điện tử mức 2"));
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#children-table a[data-drill='TTYT-PQ']")));
        assertThat(pageText()).doesNotContain("Cannot read").doesNotContain("undefined");
        assertNoSidewaysScroll();
        assertTouchTargets();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void reportPage_defaultsToLastCompletedMonth_marksTheCurrentOneUnfinished_andLastWeekIsThreeClicksAway(int width,
                                                                                                  int height) throws Exception {
        openWithFigures(width, height);
        addUser("lan.pq", Role.VIEWER, "PQ");
        logInAt(server.httpUrl() + "/dashboard/#report", "lan.pq");

        // 04/12/2026: the default is the last completed month 11/10–10/11/2026, not the month running to 10/12.
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "Kiosk tiếp nhận"));
        String paragraph = browser.driver.findElement(By.id("paragraph")).getText();
        assertThat(paragraph).contains("(Từ 11/10/2026 đến 10/11/2026)").doesNotContain("10/12/2026");
        WebElement text = browser.driver.findElement(By.id("paragraph"));
        assertThat(text.getRect().getWidth()).as("paragraph width").isGreaterThanOrEqualTo(
                (int) (phone() ? 0.9 * browser.jsLong("return window.innerWidth;") : 600));
        assertNoSidewaysScroll();
        assertTouchTargets();
        browser.screenshot("report-default-" + width);

        // The last completed week in three clicks or fewer: (menu on a phone,) the period list, "Last week".
        int clicks = 0;
        if (phone()) {
            openSidePanel();
            clicks++;
        }
        browser.driver.findElement(By.id("period-choice")).click();
        clicks++;
        new Select(browser.driver.findElement(By.id("period-choice"))).selectByValue("week-previous");
        clicks++;
        assertThat(clicks).isLessThanOrEqualTo(3);
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "(Từ 25/11/2026 đến 01/12/2026)"));

        // The month not over yet says so, with today's date, never its future last day.
        new Select(browser.driver.findElement(By.id("period-choice"))).selectByValue("month11-current");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "tính đến ngày 04/12/2026"));
        assertThat(browser.driver.findElement(By.id("paragraph")).getText()).doesNotContain("10/12/2026");
        assertThat(browser.driver.findElement(By.id("report-period-note")).getText()).contains("chưa kết thúc");

        // A period picked from a calendar: the dates are date inputs, no spec is typed anywhere.
        new Select(browser.driver.findElement(By.id("period-choice"))).selectByValue("custom");
        assertThat(browser.driver.findElement(By.id("from")).getDomAttribute("type")).isEqualTo("date");
        browser.js("const f = document.getElementById('from'), t = document.getElementById('to');"
                + "f.value = '2026-11-01'; t.value = '2026-11-07'; t.dispatchEvent(new Event('change'));");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "(Từ 01/11/2026 đến 07/11/2026)"));
        assertThat(browser.driver.findElements(By.cssSelector("aside input:not([type=date])"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void copy_saysCopiedOnlyWhenItWas_andARefreshKeepsTheSelection(int width, int height) throws Exception {
        openReportPage(width, height);

        // The browser refuses both ways of copying (as plain http on a LAN does): the page must not claim success.
        browser.js("navigator.clipboard.writeText = () => Promise.reject(new Error('denied'));"
                + "document.execCommand = () => false;");
        browser.driver.findElement(By.id("copy")).click();
        browser.wait.until(d -> !d.findElement(By.id("copied")).getText().isEmpty());
        assertThat(browser.driver.findElement(By.id("copied")).getText()).contains("Chưa sao chép được")
                .doesNotContain("Đã sao chép");
        assertThat(browser.js("return getSelection().toString();").toString()).contains("Kiosk tiếp nhận");

        browser.js("navigator.clipboard.writeText = (t) => { window.copiedText = t; return Promise.resolve(); };");
        browser.driver.findElement(By.id("copy")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("copied"), "Đã sao chép"));
        assertThat(browser.js("return window.copiedText;").toString())
                .isEqualTo(browser.driver.findElement(By.id("paragraph")).getText());

        // A selection in progress survives new data arriving and several refresh rounds.
        browser.js("const r = document.createRange(); const p = document.getElementById('paragraph').firstChild;"
                + "r.setStart(p, 2); r.setEnd(p, 30); getSelection().removeAllRanges(); getSelection().addRange(r);");
        String selected = browser.js("return getSelection().toString();").toString();
        fleet.add("demo-kiosk-01", TODAY.minusSeconds(3600), e -> e.setReception(Reception.newBuilder()
                .setCaseType(CaseType.BHYT).setDepartment("NOI")), true);
        fleet.upload(server, "demo-kiosk-01");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refreshed"), "Tạm dừng"));
        assertThat(browser.js("return getSelection().toString();")).isEqualTo(selected);

        // Once the selection is let go, figures update in place: the page itself is never reloaded.
        browser.js("window.kiosk06Marker = 7; getSelection().removeAllRanges();");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refreshed"), "Cập nhật"));
        assertThat(browser.js("return window.kiosk06Marker;")).isEqualTo(7L);
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void reportPage_wordAndExcelButtons_giveTheChosenPeriodsFigures(int width, int height) throws Exception {
        openReportPage(width, height);
        String paragraph = browser.driver.findElement(By.id("paragraph")).getText();
        WebElement docx = browser.driver.findElement(By.id("docx-link"));
        WebElement xlsx = browser.driver.findElement(By.id("xlsx-link"));
        assertThat(docx.isDisplayed()).isTrue();
        assertThat(xlsx.isDisplayed()).isTrue();
        browser.screenshot("report-" + width);
        java.nio.file.Files.createDirectories(Path.of("..", "docs", "screenshots"));
        java.nio.file.Files.copy(Chromium.SCREENSHOTS.resolve("report-" + width + ".png"),
                Path.of("..", "docs", "screenshots", width < 800 ? "dashboard-report-phone.png" : "dashboard-report.png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        // What the buttons download, fetched with the same person's session (the browser's cookie).
        String cookie = browser.driver.manage().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).reduce((a, b) -> a + "; " + b).orElseThrow();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        byte[] word = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(docx.getAttribute("href")))
                .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        try (org.apache.poi.xwpf.usermodel.XWPFDocument doc =
                     new org.apache.poi.xwpf.usermodel.XWPFDocument(new java.io.ByteArrayInputStream(word))) {
            String body = doc.getParagraphs().stream().map(p -> p.getText()).reduce("", (a, b) -> a + "\n" + b);
            assertThat(body).contains("BÁO CÁO").contains("(Từ ngày 11/10/2026 đến ngày 10/11/2026)")
                    .contains(paragraph.lines().findFirst().orElseThrow());
        }
        byte[] sheet = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(xlsx.getAttribute("href")))
                .header("Cookie", cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
        try (org.apache.poi.ss.usermodel.Workbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(
                new java.io.ByteArrayInputStream(sheet))) {
            org.apache.poi.ss.usermodel.Sheet summary = book.getSheet("Tổng hợp");
            assertThat(summary.getRow(1).getCell(2).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 10, 11));
            assertThat(summary.getRow(5).getCell(2).getStringCellValue()).isEqualTo("Đặc khu Phú Quốc (tổng)");
            long receptions = (long) summary.getRow(8).getCell(2).getNumericCellValue();
            assertThat(paragraph).contains("Kiosk tiếp nhận: " + receptions + " ca");
        }
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void accessibility_inputsLabelled_textContrastAtLeast4_5_andTheUnitTreeWorksByKeyboard(int width, int height)
            throws Exception {
        openWithFigures(width, height);
        addUser("chi.admin", Role.ADMIN, "ROOT");
        logInAt(server.httpUrl() + "/dashboard/#figures", "chi.admin");
        browser.wait.until(d -> !d.findElements(By.cssSelector("#chart polyline")).isEmpty());
        openSidePanel();
        String unlabelled = "return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))"
                + ".map(e => e.id || e.name);";
        // WCAG contrast of every visible text against the background it is drawn on (large text: 3:1).
        String lowContrast = """
                const lum = (c) => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((x) => x / 255)
                    .map((x) => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
                  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
                const bg = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
                    const a = c.match(/[\\d.]+/g); if (a && (a.length < 4 || Number(a[3]) > 0.5)) return c; } return 'rgb(255,255,255)'; };
                return [...document.querySelectorAll('body *')].filter((e) => e.offsetParent !== null && !e.disabled
                    && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
                  .map((e) => { const s = getComputedStyle(e); const a = lum(s.color), b = lum(bg(e));
                    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                    const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.6 && Number(s.fontWeight) >= 700);
                    return { text: e.textContent.trim().slice(0, 40), ratio, need: large ? 3 : 4.5 }; })
                  .filter((x) => x.ratio < x.need).map((x) => x.text + ' ' + x.ratio.toFixed(2));
                """;
        for (String page : new String[] {"figures", "report", "fleet", "admin", "devices", "audit"}) {
            browser.driver.get(server.httpUrl() + "/dashboard/index.html#" + page);
            browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-" + page)));
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("refreshed"), "Cập nhật"));
            openSidePanel();
            assertThat((java.util.List<?>) browser.js(unlabelled)).as("inputs without a label on " + page).isEmpty();
            assertThat((java.util.List<?>) browser.js(lowContrast)).as("text under 4.5:1 on " + page).isEmpty();
        }

        if (!phone()) {
            // Tab from the top of the page reaches the unit tree; Enter on a unit opens it.
            browser.driver.get(server.httpUrl() + "/dashboard/index.html#figures");
            browser.wait.until(d -> !d.findElements(By.cssSelector("#unit-tree button[data-unit='PQ']")).isEmpty());
            org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser.driver);
            for (int i = 0; i < 40 && !"PQ".equals(browser.js("return document.activeElement.dataset.unit || '';")); i++) {
                keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
            }
            assertThat(browser.js("return document.activeElement.dataset.unit;")).isEqualTo("PQ");
            keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("figures-title"), "Đặc khu Phú Quốc"));
        }
        // The chart's text is drawn at its real size: no stretching viewBox.
        browser.driver.get(server.httpUrl() + "/dashboard/index.html#figures");
        browser.wait.until(d -> !d.findElements(By.cssSelector("#chart polyline")).isEmpty());
        assertThat(browser.js("return document.getElementById('chart').getAttribute('preserveAspectRatio');")).isNull();
        assertThat(browser.driver.findElements(By.cssSelector("#chart circle title"))).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void english_theWholeDashboardSwitches_notJustTheParagraph(int width, int height) throws Exception {
        openReportPage(width, height);

        new Select(browser.driver.findElement(By.id("lang"))).selectByValue("en");

        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "Health kiosk figures"));
        assertThat(browser.driver.findElement(By.id("copy")).getText()).isEqualTo("Copy the report text");
        assertThat(browser.driver.findElement(By.id("nav-figures")).getText()).isEqualTo("Figures");
        assertThat(browser.driver.findElement(By.id("report-title")).getText()).startsWith("Report — ");
        browser.driver.findElement(By.id("nav-figures")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cards"), "Kiosk receptions"));
        assertThat(browser.driver.findElement(By.id("cards")).getText()).doesNotContain("tiếp nhận");
        browser.screenshot("figures-english-" + width);

        // The choice holds for the log-in page too (it is kept in the browser).
        browser.driver.findElement(By.id("logout")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-button"), "Log in"));
        browser.driver.findElement(By.id("name")).sendKeys("lan.pq");
        browser.driver.findElement(By.id("password")).sendKeys("wrong");
        browser.driver.findElement(By.id("login-button")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "Wrong user name or password"));
    }
}
