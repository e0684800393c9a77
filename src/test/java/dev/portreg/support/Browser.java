package dev.portreg.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium for journey tests, driven by Selenium.
 *
 * <p>Uses Debian's {@code chromium} and {@code chromium-driver} packages at fixed paths, so
 * Selenium Manager never looks for (or downloads) a browser or driver. When either is missing the
 * calling test is skipped, unless {@code PORTREG_REQUIRE_BROWSER=true} (as in {@code .ci/run}):
 * then it fails, so CI cannot pass by skipping every browser test.
 *
 * <pre>{@code
 * static Browser browser;
 *
 * @BeforeAll
 * static void openBrowser() {
 *     browser = Browser.open();
 * }
 *
 * @AfterAll
 * static void closeBrowser() {
 *     browser.close();
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String REQUIRE_ENV = "PORTREG_REQUIRE_BROWSER";
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 1024;

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts a fresh headless Chromium with an empty temporary profile. Skips (or, when required,
     * fails) the calling test if the browser or its driver is not installed.
     */
    public static Browser start() {
        requireInstalled(
                CHROMIUM, CHROMEDRIVER, "true".equalsIgnoreCase(System.getenv(REQUIRE_ENV)));
        Path profile = createProfile();
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .usingAnyFreePort()
                        .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile);
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (RuntimeException e) {
            deleteRecursively(profile);
            throw e;
        }
    }

    /**
     * Skips the test when a binary is missing, or fails it when {@code required}. Package-private
     * so the rule itself can be tested without a browser.
     */
    static void requireInstalled(Path chromium, Path chromedriver, boolean required) {
        String missing =
                Stream.of(chromium, chromedriver)
                        .filter(p -> !Files.isExecutable(p))
                        .map(Path::toString)
                        .reduce((a, b) -> a + " and " + b)
                        .orElse(null);
        if (missing == null) {
            return;
        }
        String message =
                "Browser test needs "
                        + missing
                        + " (Debian packages chromium and chromium-driver: "
                        + "apt-get install -y chromium chromium-driver)";
        if (required) {
            Assertions.fail(
                    message + "; " + REQUIRE_ENV + "=true, so this fails instead of skipping");
        }
        Assumptions.abort(message + "; skipped (set " + REQUIRE_ENV + "=true to fail instead)");
    }

    /** The underlying driver, for anything this helper does not wrap. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url} and waits until the page has loaded. */
    public Browser visit(String url) {
        driver.get(url);
        return this;
    }

    /** Saves what the browser shows now as a PNG at {@code target}, creating its folders. */
    /**
     * Clicks what {@code locator} finds and waits until the browser has left the current page (a
     * form submission or a link), so the next line sees the new page.
     */
    public Browser clickAndWait(org.openqa.selenium.By locator) {
        org.openqa.selenium.WebElement page =
                driver.findElement(org.openqa.selenium.By.tagName("html"));
        driver.findElement(locator).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(d -> left(page));
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(20))
                .until(
                        d ->
                                "complete"
                                        .equals(
                                                ((org.openqa.selenium.JavascriptExecutor) d)
                                                        .executeScript(
                                                                "return document.readyState")));
        return this;
    }

    /**
     * True once {@code page} belongs to a document the browser has left. Chromium sometimes says so
     * with "Node with given id does not belong to the document" instead of a stale element.
     */
    private static boolean left(org.openqa.selenium.WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public Path screenshot(Path target) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.write(target, png);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write screenshot " + target, e);
        }
    }

    /** Quits the browser and its driver and deletes the temporary profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    private static Path createProfile() {
        try {
            return Files.createTempDirectory("portreg-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a Chromium profile folder", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        // A leftover profile wastes a little disk but must not fail the test that used it.
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("Browser: could not delete profile " + dir + ": " + e);
        }
    }
}
