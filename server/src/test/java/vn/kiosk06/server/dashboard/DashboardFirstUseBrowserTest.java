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
import vn.kiosk06.server.auth.Role;
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
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "(Từ 25/11/2026 đến 1/12/2026)"));

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
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "(Từ 1/11/2026 đến 7/11/2026)"));
        assertThat(browser.driver.findElements(By.cssSelector("aside input:not([type=date])"))).isEmpty();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1366,768", "390,844"})
    void copy_saysCopiedOnlyWhenItWas_andARefreshKeepsTheSelection(int width, int height) throws Exception {
        openWithFigures(width, height);
        addUser("lan.pq", Role.VIEWER, "PQ");
        logInAt(server.httpUrl() + "/dashboard/#report", "lan.pq");
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("paragraph"), "Kiosk tiếp nhận"));

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
}
