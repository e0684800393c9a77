package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.exchange.RegistryImporter;
import dev.portreg.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Journeys a person makes through the pages, in a real headless Chromium, and screenshots of the
 * main pages.
 *
 * <p>Screenshots go to {@code target/screenshots}. To refresh the ones in the docs, run with {@code
 * -Dportreg.screenshots=docs/screenshots}: the real IANA registry (from {@code portreg.iana.dir})
 * is then imported first, so the pictures show real data.
 */
@QuarkusTest
class RegistryPagesBrowserTest {

    /** A phone's width in CSS pixels. */
    static final int NARROW = 390;

    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject RegistryImporter importer;
    @Inject dev.portreg.support.TestDb db;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void sampleRegistry() {
        db.resetTo(RegistryPagesTest.SAMPLE);
        browser.driver().manage().window().setSize(new Dimension(Browser.WIDTH, Browser.HEIGHT));
    }

    /** The journey works without JavaScript: the pages are plain HTML and GET forms. */
    @Test
    void typingAPortNumberOnTheHomePageOpensThatPort() {
        ChromeDriver chrome = browser.driver();
        chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            searchFor938(chrome);
            assertTrue(
                    chrome.findElements(By.cssSelector("pre .copy")).isEmpty(),
                    "no script ran, so no copy buttons");
        } finally {
            chrome.executeCdpCommand(
                    "Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    @Test
    void withJavaScriptCommandsGetACopyButton() {
        WebDriver driver = browser.visit(url("/ports/938")).driver();
        List<WebElement> buttons = driver.findElements(By.cssSelector("pre .copy"));
        assertEquals(driver.findElements(By.cssSelector("pre > code")).size(), buttons.size());
        assertEquals("Copy command: sudo lsof -i :938", buttons.get(2).getAttribute("aria-label"));
    }

    private void searchFor938(WebDriver driver) {
        browser.visit(url("/"));
        WebElement q = driver.findElement(By.id("q"));
        assertEquals("Port number or service name", label(driver, q));
        q.sendKeys("938");
        driver.findElement(By.cssSelector("form.search button[type=submit]")).click();
        waitFor(driver).until(ExpectedConditions.urlMatches("/ports/938$"));

        assertEquals("Port 938", driver.findElement(By.tagName("h1")).getText());
        String main = driver.findElement(By.tagName("main")).getText();
        assertTrue(main.contains("Unassigned"), main);
        assertTrue(main.contains("IETF Review or IESG Approval"), main);
        List<String> badges =
                driver.findElements(By.cssSelector(".transports .badge")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertEquals(List.of("Unassigned", "Unassigned", "Unassigned", "Unassigned"), badges);
    }

    @Test
    void aCellOfTheSystemPictureOpensItsPort() {
        WebDriver driver = browser.visit(url("/")).driver();
        WebElement cell = driver.findElement(By.cssSelector(".sysmap a[href='/ports/953']"));
        assertEquals("953 — TCP Assigned, UDP Reserved", cell.getAttribute("title"));
        assertTrue(cell.getSize().getWidth() >= 8, "a cell is big enough to point at");
        cell.click();
        waitFor(driver).until(ExpectedConditions.urlMatches("/ports/953$"));
        assertEquals("Port 953", driver.findElement(By.tagName("h1")).getText());
        assertTrue(driver.findElement(By.linkText("rndc")).isDisplayed());
    }

    @Test
    void filteringTheRegistryByStatusKeepsTheChoiceAcrossPages() {
        WebDriver driver = browser.visit(url("/registry")).driver();
        new Select(driver.findElement(By.id("f-status"))).selectByVisibleText("Assigned");
        new Select(driver.findElement(By.id("f-size"))).selectByVisibleText("25");
        driver.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        waitFor(driver).until(ExpectedConditions.urlContains("status=assigned"));

        assertStatuses(driver, "Assigned");
        driver.findElement(By.cssSelector("a[rel=next]")).click();
        waitFor(driver).until(ExpectedConditions.urlContains("page=2"));
        assertTrue(driver.getCurrentUrl().contains("status=assigned"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.className("pager-pos")).getText().startsWith("Page 2"));
        assertStatuses(driver, "Assigned");
        assertEquals(
                "Assigned",
                new Select(driver.findElement(By.id("f-status")))
                        .getFirstSelectedOption()
                        .getText());
    }

    @Test
    void aHeadingSortsTheRegistryAndThePageJumpKeepsTheOrder() {
        WebDriver driver = browser.visit(url("/registry?size=25")).driver();
        driver.findElement(By.cssSelector("th.col-service a")).click();
        waitFor(driver).until(ExpectedConditions.urlContains("sort=service"));
        assertEquals(
                "ascending",
                driver.findElement(By.cssSelector("th.col-service")).getAttribute("aria-sort"));
        driver.findElement(By.cssSelector("th.col-service a")).click();
        waitFor(driver).until(ExpectedConditions.urlContains("sort=-service"));
        assertEquals(
                "descending",
                driver.findElement(By.cssSelector("th.col-service")).getAttribute("aria-sort"));

        WebElement jump = driver.findElement(By.id("jump-page"));
        jump.clear();
        jump.sendKeys("3");
        driver.findElement(By.cssSelector("form.page-jump button[type=submit]")).click();
        waitFor(driver).until(ExpectedConditions.urlContains("page=3"));
        assertTrue(driver.getCurrentUrl().contains("sort=-service"), driver.getCurrentUrl());
        assertTrue(driver.findElement(By.className("pager-pos")).getText().startsWith("Page 3"));
    }

    @Test
    void theRegistryIsReadableAt390PixelsWithoutSidewaysScrolling() {
        WebDriver driver = browser.visit(url("/registry?size=25")).driver();
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(NARROW, 900));
        driver.navigate().refresh();
        Object overflow =
                ((org.openqa.selenium.JavascriptExecutor) driver)
                        .executeScript(
                                "return document.documentElement.scrollWidth"
                                        + " - document.documentElement.clientWidth;");
        assertEquals(0L, ((Number) overflow).longValue(), "the page is no wider than the screen");
        assertTrue(driver.findElement(By.id("f-sort")).isDisplayed(), "sorting without headings");
        assertTrue(driver.findElement(By.id("downloads")).isDisplayed());
    }

    @Test
    void screenshotsOfTheMainPages() throws Exception {
        String docs = System.getProperty("portreg.screenshots");
        Path dir = Path.of(docs == null ? "target/screenshots" : docs);
        Path real =
                Path.of(System.getProperty("portreg.iana.dir", "../shared/data/iana"))
                        .resolve("service-names-port-numbers.xml")
                        .toAbsolutePath()
                        .normalize();
        if (docs != null && Files.isReadable(real)) {
            db.resetTo(real.toString());
        }
        try {
            shoot("/", Browser.WIDTH, dir.resolve("home.png"));
            shoot("/ports/938", Browser.WIDTH, dir.resolve("port-938.png"));
            shoot("/registry?size=25", Browser.WIDTH, dir.resolve("registry.png"));
            shoot("/gaps", Browser.WIDTH, dir.resolve("gaps.png"));
            shoot("/", NARROW, dir.resolve("home-narrow.png"));
            shoot("/registry?size=25", NARROW, dir.resolve("registry-narrow.png"));
        } finally {
            db.resetTo(RegistryPagesTest.SAMPLE);
        }
        for (String name :
                List.of("home", "port-938", "registry", "gaps", "home-narrow", "registry-narrow")) {
            Path png = dir.resolve(name + ".png");
            assertTrue(Files.size(png) > 10_000, png + " holds a picture");
        }
    }

    /**
     * Opens a page at {@code width} CSS pixels and saves all of it: the viewport is stretched to
     * the page's height, so there is no scrollbar and nothing is cut off.
     */
    private void shoot(String path, int width, Path target) {
        ChromeDriver driver = browser.driver();
        viewport(driver, width, Browser.HEIGHT);
        browser.visit(url(path));
        assertFalse(driver.getTitle().isBlank());
        Number height =
                (Number)
                        driver.executeScript(
                                "return Math.ceil(document.documentElement.scrollHeight)");
        viewport(driver, width, Math.min(height.intValue(), 8000));
        browser.screenshot(target);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    private static void viewport(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        width,
                        "height",
                        height,
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        width < 600));
    }

    private static void assertStatuses(WebDriver driver, String status) {
        List<WebElement> badges = driver.findElements(By.cssSelector("table.entries .badge"));
        assertFalse(badges.isEmpty());
        for (WebElement b : badges) {
            assertEquals(status, b.getText());
        }
    }

    private static String label(WebDriver driver, WebElement input) {
        return driver.findElement(By.cssSelector("label[for='" + input.getAttribute("id") + "']"))
                .getText();
    }

    private static WebDriverWait waitFor(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    private String url(String path) {
        String base = root.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
