package vn.kiosk06.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.kiosk06.proto.sync.v1.AgeGroup;
import vn.kiosk06.proto.sync.v1.FieldActivity;
import vn.kiosk06.proto.sync.v1.FieldAssist;
import vn.kiosk06.server.FakeClock;
import vn.kiosk06.server.RunningServer;
import vn.kiosk06.server.SyntheticFleet;
import vn.kiosk06.server.security.Role;
import vn.kiosk06.server.auth.UserDirectory;
import vn.kiosk06.server.orgunit.OrgUnitDirectory;

/**
 * The dashboard under its Content-Security-Policy in a real headless Chromium: no page breaks the policy (no inline
 * script or style), and what used to be inline (the target bars' widths) still shows.
 */
class DashboardCspBrowserTest {

    static final Instant TODAY = LocalDate.of(2026, 12, 4).atTime(10, 0).atZone(DashboardBrowserTest.HCM).toInstant();
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

    @Test
    void everyPage_keepsThePolicy_andTheTargetBarsStillShowTheirWidths() throws Exception {
        server = new RunningServer(dir.resolve("data"), Map.of(), new FakeClock(TODAY));
        SyntheticFleet fleet = new SyntheticFleet();
        for (int i = 0; i < 60; i++) {
            fleet.add("demo-field-01", LocalDate.of(2026, 11, 2).atTime(9, i).atZone(DashboardBrowserTest.HCM).toInstant(),
                    e -> e.setFieldAssist(FieldAssist.newBuilder().setActivity(FieldActivity.VNEID_L2_ACTIVATION)
                            .setAgeGroup(AgeGroup.AGE_14_PLUS).setTeam("TCNS-DT").setOrgUnit("Ấp 3")), true);
        }
        fleet.upload(server);
        server.bean(UserDirectory.class).add("chi.admin", Role.ADMIN, "ROOT", PASSWORD.toCharArray(),
                server.bean(OrgUnitDirectory.class).tree());
        browser = new Chromium(dir.resolve("chromium"), 1366, 768);
        List<String> console = new ArrayList<>();

        browser.driver.get(server.httpUrl() + "/dashboard/index.html#figures");
        browser.wait.until(ExpectedConditions.urlContains("/dashboard/login.html"));
        console.addAll(browser.console());
        browser.driver.findElement(By.id("name")).sendKeys("chi.admin");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.driver.findElement(By.id("login-button")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#unit-tree button[data-unit='PQ']")));
        browser.driver.get(server.httpUrl() + "/dashboard/index.html#figures");
        browser.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#unit-tree button[data-unit='PQ']"))).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("targets"), "định danh điện tử mức 2"));
        browser.wait.until(d -> !d.findElements(By.cssSelector("#chart polyline")).isEmpty());
        console.addAll(browser.console());
        for (String page : new String[] {"fleet", "report", "admin", "devices", "audit"}) {
            List<org.openqa.selenium.WebElement> nav = browser.driver.findElements(By.id("nav-" + page));
            if (!nav.isEmpty() && nav.get(0).isDisplayed()) {
                nav.get(0).click();
                browser.wait.until(d -> ((String) browser.js("return location.hash;")).contains(page));
                console.addAll(browser.console());
            }
        }

        browser.driver.findElement(By.id("nav-figures")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#targets .bar .fill")));
        List<?> widths = (List<?>) browser.js("return [...document.querySelectorAll('#targets .bar .fill')]"
                + ".map(e => [e.dataset.width, e.style.width, e.getBoundingClientRect().width]);");
        console.addAll(browser.console());

        assertThat(console).as("console lines about the Content-Security-Policy")
                .noneMatch(line -> line.contains("Content Security Policy") || line.contains("Refused to"));
        assertThat(widths).isNotEmpty().allSatisfy(w -> {
            List<?> fill = (List<?>) w;
            assertThat(fill.get(1)).as("the bar's width, set from its data").isEqualTo(fill.get(0) + "%");
        });
        assertThat(widths).anySatisfy(w -> assertThat(((Number) ((List<?>) w).get(2)).doubleValue()).isPositive());
    }
}
