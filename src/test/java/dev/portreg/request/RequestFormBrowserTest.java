package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * In a real browser: the experts' checklist before one starts, the assessment above the form's
 * buttons on a phone, and the assignee's ways to change their service on its page.
 */
@QuarkusTest
class RequestFormBrowserTest {

    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject RequestFixtures fixtures;

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

    @Test
    void checklistFirstAndOnAPhoneTheAssessmentAboveTheButtons() {
        fixtures.sampleRegistry();
        ChromeDriver driver = browser.driver();
        driver.manage().deleteAllCookies();
        browser.visit(url("/requests/new?port=40091&transports=tcp"));
        signIn(fixtures.account());
        String guidance = driver.findElement(By.id("guidance")).getText();
        assertTrue(guidance.contains("Why not a Dynamic port?"), guidance);
        assertTrue(guidance.contains("Congestion control over UDP"), guidance);
        assertTrue(guidance.contains("One port now, a transport added later"), guidance);
        viewport(driver, 390, 900);
        try {
            browser.visit(url("/requests/new?port=40091&transports=tcp"));
            WebElement box = driver.findElement(By.id("assessment-box"));
            WebElement save =
                    driver.findElement(By.cssSelector("#request-form button[value=save]"));
            WebElement kind = driver.findElement(By.id("f-kind"));
            int boxTop = box.getRect().getY();
            assertTrue(kind.getRect().getY() < boxTop, "the form's fields come first");
            assertTrue(
                    boxTop + box.getRect().getHeight() <= save.getRect().getY(),
                    "the assessment ends above the buttons: "
                            + box.getRect()
                            + " "
                            + save.getRect());
            Number scroll =
                    (Number) driver.executeScript("return document.documentElement.scrollWidth");
            assertTrue(scroll.intValue() <= 390, "no sideways scrolling: " + scroll);
            // The buttons still belong to the form: saving works.
            driver.findElement(By.id("f-serviceName")).sendKeys(RequestFixtures.name());
            browser.clickAndWait(By.cssSelector("#request-form button[value=save]"));
            assertTrue(
                    driver.getCurrentUrl().matches(".*/requests/\\d+.*"), driver.getCurrentUrl());
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void theAssigneeSeesTheWaysToChangeTheirService() {
        fixtures.sampleRegistry();
        String owner = fixtures.account();
        String name = RequestFixtures.name();
        int id =
                as(owner)
                        .body(
                                RequestFixtures.requestBy(
                                        RequestFixtures.email(owner), name, "40092", null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(owner).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        as(fixtures.account("expert"))
                .body(Map.of("decision", "approve"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200);
        as(fixtures.account("iana"))
                .post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(200);

        ChromeDriver driver = browser.driver();
        driver.manage().deleteAllCookies();
        browser.visit(url("/ports/40092"));
        assertTrue(driver.findElements(By.cssSelector(".owner-links a")).isEmpty());
        browser.visit(url("/login"));
        signIn(owner);
        browser.visit(url("/ports/40092"));
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> !d.findElements(By.cssSelector(".owner-links a")).isEmpty());
        List<String> kinds =
                driver.findElements(By.cssSelector(".owner-links a")).stream()
                        .map(a -> a.getAttribute("data-kind"))
                        .toList();
        assertEquals(List.of("modify", "add-transport", "de-assign"), kinds);
        browser.clickAndWait(By.cssSelector(".owner-links a[data-kind=add-transport]"));
        assertEquals(name, driver.findElement(By.id("f-targetService")).getAttribute("value"));
    }

    private void signIn(String username) {
        ChromeDriver driver = browser.driver();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(RequestFixtures.PASSWORD);
        browser.clickAndWait(By.cssSelector("form.account-form button[type=submit]"));
    }

    private static void viewport(ChromeDriver driver, int width, int height) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }
}
