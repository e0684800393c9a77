package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.exchange.RegistryImporter;
import dev.portreg.support.Browser;
import dev.portreg.support.TestClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The mission in a real headless Chromium, as people do it: a new account asks for port 938 on TCP
 * and UDP, sees before submitting that a System port goes to the IESG, saves and submits; three
 * IESG members ballot one after another; the operator performs the registry action; the port page
 * and the home page's System picture then show 938 Assigned.
 *
 * <p>Screenshots of the key pages go to {@code target/screenshots}, or with {@code
 * -Dportreg.screenshots=docs/screenshots} to the docs, on the real IANA registry (from {@code
 * portreg.iana.dir}) so they show real data.
 */
@QuarkusTest
class RequestJourneyBrowserTest {

    static Browser browser;

    @TestHTTPResource("/")
    URL root;

    @Inject RequestFixtures fixtures;
    @Inject dev.portreg.account.Mails mails;
    @Inject RegistryImporter importer;
    @Inject dev.portreg.support.TestDb db;
    @Inject TestClock clock;

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

    @AfterEach
    void time() {
        clock.reset();
        fixtures.retireIesg();
    }

    @Test
    void aNewAccountGetsPort938ThroughTheIesg() throws Exception {
        String docs = System.getProperty("portreg.screenshots");
        Path shots = Path.of(docs == null ? "target/screenshots" : docs);
        Path real =
                Path.of(System.getProperty("portreg.iana.dir", "../shared/data/iana"))
                        .resolve("service-names-port-numbers.xml")
                        .toAbsolutePath()
                        .normalize();
        if (docs != null && Files.isReadable(real)) {
            db.resetTo(real.toString());
        } else {
            fixtures.sampleRegistry();
        }
        try {
            journey(shots);
        } finally {
            fixtures.sampleRegistry();
        }
    }

    private void journey(Path shots) throws Exception {
        RequestFixtures.Iesg iesg = fixtures.iesg(2);
        String ines = iesg.member(0);
        String ivan = iesg.member(1);
        String iris = fixtures.iesgMember("expert");
        String olga = fixtures.account("iana");
        ChromeDriver driver = browser.driver();
        driver.manage().deleteAllCookies();
        // Someone else's request waits for an expert meanwhile.
        String other = fixtures.account();
        int waiting =
                RequestFixtures.as(other)
                        .body(RequestFixtures.request(RequestFixtures.name(), "40050", null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        RequestFixtures.as(other)
                .post("/api/v1/requests/" + waiting + "/submit")
                .then()
                .statusCode(200);

        // Register, then ask for the form: the sign-in page brings the new account back to it.
        String me = "ann-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "Frobnicate all the ports 938";
        browser.visit(url("/register"));
        type("username", me);
        type("name", "Ann Example");
        type("email", me + "@example.org");
        type("password", password);
        type("confirm", password);
        browser.clickAndWait(By.cssSelector("#register button[type=submit]"));
        assertTrue(driver.getCurrentUrl().contains("/login?registered=" + me));
        // She confirms her address with the link mailed to it: only then can she submit.
        browser.visit(url(mails.link(me + "@example.org", "/account/verify/", 1)));
        browser.clickAndWait(By.cssSelector("#verify-form button[type=submit]"));
        assertTrue(driver.getCurrentUrl().contains("/login?verified=" + me));

        browser.visit(url("/requests/new?port=938"));
        assertTrue(driver.getCurrentUrl().contains("/login?next="), driver.getCurrentUrl());
        signIn(me, password);
        assertTrue(
                driver.getCurrentUrl().endsWith("/requests/new?port=938"), driver.getCurrentUrl());
        assertEquals("New request", text(By.tagName("h1")));
        assertEquals("938", driver.findElement(By.id("f-port")).getAttribute("value"));

        // Fill in the form; the assessment follows as one types.
        String name = "frob" + UUID.randomUUID().toString().substring(0, 6);
        check("input[name=transports][value=tcp]");
        check("input[name=transports][value=udp]");
        type("f-serviceName", name);
        type("f-description", "Frobnication protocol");
        type("f-assigneeName", "Ann Example");
        type("f-assigneeOrg", "Example Org");
        type("f-assigneeEmail", me + "@example.org");
        type("f-contactName", "Ann Example");
        type("f-contactEmail", me + "@example.org");
        type("f-reference", "draft-example-frob-01, section 3: the frobnication protocol.");
        type("f-castStatement", "No broadcast, multicast or anycast.");
        type(
                "f-justification",
                "Frobnicators behind firewalls are configured once with a fixed port.");
        type(
                "f-systemJustification",
                "The frobnicator starts before any user process and must bind a System port.");
        type("f-stableSpecification", "RFC 9999");
        check("input[name=track][value=iesg-approval]");
        waitFor(d -> assessment().contains("Nothing blocks submission"));
        String panel = assessment();
        assertTrue(panel.contains("System port: IETF Review or IESG Approval"), panel);
        assertTrue(panel.contains("IESG Approval"), panel);
        // exactly what the registry action writes: the gap split, then 938 on each transport
        assertEquals(
                List.of(
                        "Unassigned",
                        "Unassigned",
                        "Unassigned",
                        "Assigned",
                        "Assigned",
                        "Reserved",
                        "Reserved"),
                driver.findElements(By.cssSelector("#assessment table.preview .badge")).stream()
                        .map(WebElement::getText)
                        .toList());
        shoot("/requests/new", shots.resolve("request-form.png"), false);

        browser.clickAndWait(By.cssSelector("#request-form button[value=save]"));
        Matcher m =
                Pattern.compile("/requests/(\\d+)\\?done=created$").matcher(driver.getCurrentUrl());
        assertTrue(m.find(), driver.getCurrentUrl());
        String request = "/requests/" + m.group(1);
        assertTrue(text(By.cssSelector(".flash")).startsWith("Draft saved"));
        assertEquals("Draft", text(By.cssSelector(".request-badges .badge")));

        browser.clickAndWait(By.cssSelector("#submit-form button"));
        assertEquals("IESG evaluation", text(By.cssSelector(".request-badges .badge")));
        assertTrue(text(By.id("ballot")).contains("Needs a YES."));
        assertTrue(driver.findElements(By.id("ballot-form")).isEmpty(), "no ballot for Ann");
        iesg.outweighOthers(Integer.parseInt(m.group(1)));

        // Three IESG members ballot, one after another.
        ballot(ines, request, "abstain", null);
        ballot(ivan, request, "yes", "Fine by me: a System port is justified here.");
        switchTo(iris, request);
        assertTrue(text(By.id("ballot")).contains("Needs 1 more YES or NO OBJECTION position"));
        shoot(request, shots.resolve("request-ballot.png"), false);
        shoot("/queues/iesg", shots.resolve("queue-iesg.png"), true);
        // Nine days on, the expert review is late.
        clock.advance(Duration.ofDays(9));
        browser.visit(url("/queues/expert"));
        String late = driver.findElement(By.id("request-" + waiting)).getText();
        assertTrue(late.contains("OVERDUE") || late.contains("Overdue"), late);
        assertTrue(late.contains("expert review over a week"), late);
        shoot("/queues/expert", shots.resolve("queue-expert.png"), false);
        browser.visit(url(request));
        choosePosition("no-objection", null);
        assertEquals("Approved", text(By.cssSelector(".request-badges .badge")));
        assertTrue(
                text(By.id("ballot"))
                        .startsWith(
                                "IESG ballot\nPasses: "
                                        + iesg.positions(2)
                                        + " Yes or No Objection positions, "
                                        + iesg.needed(2)
                                        + " needed."));

        // The operator performs the registry action.
        switchTo(olga, request);
        browser.clickAndWait(By.cssSelector("#complete-form button"));
        assertEquals("Completed", text(By.cssSelector(".request-badges .badge")));
        WebElement change = driver.findElement(By.cssSelector(".tl-completed .tl-link a"));
        assertTrue(
                change.getAttribute("href").matches(".*/changes/\\d+$"),
                change.getAttribute("href"));
        shoot(request, shots.resolve("request-completed.png"), false);

        browser.visit(url("/ports/938"));
        List<String> badges =
                driver.findElements(By.cssSelector(".transports .badge")).stream()
                        .map(WebElement::getText)
                        .toList();
        assertEquals(List.of("Assigned", "Assigned", "Reserved", "Reserved"), badges);
        assertTrue(driver.findElement(By.linkText(name)).isDisplayed());
        assertTrue(text(By.className("history-box")).contains("request #" + m.group(1)));
        shoot("/ports/938", shots.resolve("port-938-after.png"), true);

        browser.visit(url("/"));
        WebElement cell = driver.findElement(By.cssSelector(".sysmap a[href='/ports/938']"));
        assertEquals("938 — Assigned", cell.getAttribute("title"));
        assertTrue(cell.getAttribute("class").contains("t-assigned"), cell.getAttribute("class"));

        for (String png :
                List.of(
                        "request-form",
                        "request-ballot",
                        "queue-iesg",
                        "queue-expert",
                        "request-completed",
                        "port-938-after")) {
            Path file = shots.resolve(png + ".png");
            assertTrue(Files.size(file) > 10_000, file + " holds a picture");
        }
    }

    /**
     * Without JavaScript the form still checks: Check reloads the page with the assessment, and a
     * suggested free port (a button outside the form) puts itself into the form.
     */
    @Test
    void withoutJavaScriptCheckAndASuggestedPortStillWork() {
        fixtures.sampleRegistry();
        ChromeDriver driver = browser.driver();
        driver.manage().deleteAllCookies();
        String me = fixtures.account();
        browser.visit(url("/requests/new?port=953&transports=tcp"));
        signIn(me, RequestFixtures.PASSWORD);
        driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            browser.visit(url("/requests/new?port=953&transports=tcp"));
            type("f-serviceName", "nojs" + UUID.randomUUID().toString().substring(0, 6));
            browser.clickAndWait(
                    By.cssSelector("#request-form button[formaction='/requests/check']"));
            assertTrue(assessment().contains("953/tcp is assigned to rndc"), assessment());
            WebElement suggestion =
                    driver.findElement(By.cssSelector("#assessment button[name=usePort]"));
            String port = suggestion.getAttribute("value");
            browser.clickAndWait(By.cssSelector("#assessment button[name=usePort]"));
            assertEquals(port, driver.findElement(By.id("f-port")).getAttribute("value"));
            assertFalse(assessment().contains("is assigned to rndc"), assessment());
            assertTrue(
                    driver.findElement(By.cssSelector("input[name=transports][value=tcp]"))
                            .isSelected(),
                    "the form kept what was typed");
        } finally {
            driver.executeCdpCommand(
                    "Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    /**
     * Review as a conversation, in the browser: a member enters a Discuss, the requester answers it
     * from the request page, the member clears it, and the ballot approves the request; the ballot
     * table stays whole at 390 px.
     */
    @Test
    void aDiscussIsAnsweredByTheRequesterAndCleared() {
        fixtures.sampleRegistry();
        String requester = fixtures.account();
        RequestFixtures.Iesg iesg = fixtures.iesg(2);
        String m1 = iesg.member(0);
        String m2 = iesg.member(1);
        int id =
                RequestFixtures.as(requester)
                        .body(
                                RequestFixtures.request(
                                        RequestFixtures.name(), "938", "iesg-approval", "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        RequestFixtures.as(requester)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200);
        iesg.outweighOthers(id);
        String page = "/requests/" + id;
        ChromeDriver driver = browser.driver();
        driver.manage().deleteAllCookies();
        browser.visit(url(page));
        signIn(m1, RequestFixtures.PASSWORD);
        choosePosition("discuss", "Why can this not use a Dynamic port?");

        switchTo(requester, page);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("reply-to")))
                .selectByIndex(1);
        type("reply-comment", "Clients must find the server without a rendezvous.");
        browser.clickAndWait(By.cssSelector("#reply-form button[type=submit]"));
        assertTrue(text(By.cssSelector(".flash")).startsWith("Your reply is on the request"));
        assertTrue(text(By.id("timeline-title")).contains("Timeline"));
        assertTrue(driver.getPageSource().contains("Answered a Discuss"));

        ballot(m1, page, "yes", null);
        assertTrue(driver.getPageSource().contains("Cleared their Discuss: Yes"));
        ballot(m2, page, "no-objection", null);
        assertTrue(driver.getPageSource().contains("Approved by the IESG ballot"));
        assertTrue(driver.findElements(By.id("review-form")).isEmpty(), "no member's Reject");

        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        try {
            browser.visit(url(page));
            Number clipped =
                    (Number)
                            driver.executeScript(
                                    "const t = document.querySelector('.ballot-table');"
                                            + " return t.scrollWidth - t.parentElement.clientWidth;");
            assertTrue(clipped.intValue() <= 0, "the ballot table is clipped by " + clipped);
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** Signs in as {@code username} (switching account) and opens {@code path}. */
    private void switchTo(String username, String path) {
        browser.clickAndWait(By.cssSelector(".userbox-logout button"));
        browser.visit(url(path));
        signIn(username, RequestFixtures.PASSWORD);
        assertTrue(
                browser.driver().getCurrentUrl().endsWith(path), browser.driver().getCurrentUrl());
    }

    private void ballot(String member, String request, String position, String comment) {
        switchTo(member, request);
        choosePosition(position, comment);
    }

    private void choosePosition(String position, String comment) {
        check("#ballot-form input[name=position][value=" + position + "]");
        if (comment != null) {
            type("ballot-comment", comment);
        }
        browser.clickAndWait(By.cssSelector("#ballot-form button[type=submit]"));
        assertEquals("Your ballot position is recorded.", text(By.cssSelector(".flash")));
    }

    private void signIn(String username, String password) {
        type("username", username);
        type("password", password);
        browser.clickAndWait(By.cssSelector("form.account-form button[type=submit]"));
    }

    private void type(String id, String value) {
        WebElement input = browser.driver().findElement(By.id(id));
        input.clear();
        input.sendKeys(value);
    }

    private void check(String css) {
        WebElement box = browser.driver().findElement(By.cssSelector(css));
        if (!box.isSelected()) {
            box.click();
        }
    }

    private String text(By by) {
        return browser.driver().findElement(by).getText();
    }

    private String assessment() {
        return text(By.id("assessment"));
    }

    private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> c) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(15)).until(c);
    }

    /**
     * Saves the whole page at {@code path} (opened first when {@code open}, else as it is now): the
     * viewport is stretched to the page's height, so nothing is cut off.
     */
    private void shoot(String path, Path target, boolean open) {
        ChromeDriver driver = browser.driver();
        if (open) {
            browser.visit(url(path));
        }
        Number height =
                (Number)
                        driver.executeScript(
                                "return Math.ceil(document.documentElement.scrollHeight)");
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of(
                        "width",
                        Browser.WIDTH,
                        "height",
                        Math.min(height.intValue(), 8000),
                        "deviceScaleFactor",
                        1,
                        "mobile",
                        false));
        browser.screenshot(target);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        assertFalse(driver.getTitle().isBlank());
    }

    private String url(String path) {
        String base = root.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
