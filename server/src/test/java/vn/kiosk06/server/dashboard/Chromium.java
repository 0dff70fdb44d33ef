package vn.kiosk06.server.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) at a given window size, for the
 * dashboard's browser tests. One per test; {@link #close()} quits it.
 */
final class Chromium implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    final WebDriverWait wait;

    /** A browser whose page area (the viewport, not the window) is {@code width}×{@code height} CSS pixels. */
    Chromium(Path userDataDir, int width, int height) throws IOException {
        if (!Files.exists(Path.of("/usr/bin/chromedriver"))) {
            throw new IllegalStateException("chromium-driver is not installed (./kiosk06 test installs it)");
        }
        ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium").addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=" + width + "," + height, "--lang=vi",
                "--hide-scrollbars",
                // A secure test server has its own self-signed certificate.
                "--ignore-certificate-errors",
                "--user-data-dir=" + Files.createDirectories(userDataDir));
        // The page's console, for tests that look for Content-Security-Policy violations.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // Headless Chromium's window size is the outer size; make the viewport exactly what a phone has.
        long innerW = ((Number) js("return window.innerWidth;")).longValue();
        long innerH = ((Number) js("return window.innerHeight;")).longValue();
        if (innerW != width || innerH != height) {
            Dimension outer = driver.manage().window().getSize();
            driver.manage().window().setSize(new Dimension(outer.width + (int) (width - innerW),
                    outer.height + (int) (height - innerH)));
        }
        Files.createDirectories(SCREENSHOTS);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    long jsLong(String script, Object... args) {
        return ((Number) js(script, args)).longValue();
    }

    /** The console lines since the last call (Chromium hands each line out once). */
    java.util.List<String> console() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    Path screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
