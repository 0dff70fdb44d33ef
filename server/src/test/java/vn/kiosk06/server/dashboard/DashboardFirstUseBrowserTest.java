package vn.kiosk06.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.kiosk06.server.RunningServer;
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

    void open(int width, int height) throws Exception {
        server = RunningServer.secure(dir.resolve("data"), Map.of());
        browser = new Chromium(dir.resolve("chromium"), width, height);
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
}
