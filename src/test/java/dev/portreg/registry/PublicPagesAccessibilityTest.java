package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.portreg.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

/**
 * axe-core's WCAG 2.1 A/AA rules on every public page, wide and at a phone's 390 px, in the real
 * browser: a page that loses a label, a contrast or a landmark fails here.
 */
@QuarkusTest
class PublicPagesAccessibilityTest {

    static Browser browser;

    @TestHTTPResource("/")
    URL root;

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
    void sample() {
        db.resetTo(RegistryPagesTest.SAMPLE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/",
                "/ports/938",
                "/ports/80",
                "/ports/50000",
                "/services/http",
                "/registry",
                "/registry?sort=-service&status=assigned&size=25&page=2",
                "/gaps",
                "/search?q=daemon",
                "/about",
                "/changes",
                "/login",
                "/register"
            })
    void hasNoAccessibilityViolations(String path) throws Exception {
        WebDriver driver = browser.visit(new URL(root, path.substring(1)).toString()).driver();
        for (int width : List.of(1280, RegistryPagesBrowserTest.NARROW)) {
            driver.manage().window().setSize(new Dimension(width, 900));
            driver.navigate().refresh();
            assertTrue(driver.getTitle().contains("Port Registry"), driver.getTitle());
            Results results =
                    new AxeBuilder()
                            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                            .analyze(driver);
            assertEquals(
                    "",
                    results.getViolations().stream()
                            .map(PublicPagesAccessibilityTest::describe)
                            .collect(Collectors.joining("\n")),
                    path + " at " + width + " px");
        }
    }

    static String describe(Rule r) {
        return r.getId()
                + " ("
                + r.getImpact()
                + "): "
                + r.getHelp()
                + " at "
                + r.getNodes().stream()
                        .limit(3)
                        .map(n -> String.valueOf(n.getTarget()))
                        .collect(Collectors.joining(", "));
    }
}
