package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry browser against the sample registry: IANA's header, sortable columns (page and API),
 * a page jump that keeps the filters, and download links for every export format.
 */
@QuarkusTest
class RegistryBrowserTest {

    @Inject TestDb db;

    @BeforeEach
    void sampleRegistry() {
        db.resetTo(RegistryPagesTest.SAMPLE);
    }

    static String page(String path) {
        return given().get(path).then().statusCode(200).extract().asString();
    }

    /** The service names of the rows of a registry page, in order ("" for a row without one). */
    static List<String> services(String html) {
        String body = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        List<String> out = new ArrayList<>();
        Matcher rows =
                Pattern.compile("<td class=\"service\">(.*?)</td>", Pattern.DOTALL).matcher(body);
        while (rows.find()) {
            Matcher name = Pattern.compile(">([^<]+)</a>").matcher(rows.group(1));
            out.add(name.find() ? name.group(1) : "");
        }
        return out;
    }

    @Test
    void theHeaderIsIanas() {
        String html = page("/registry");
        RegistryPagesTest.assertContains(
                html,
                "<h1>Service Name and Transport Protocol Port Number Registry</h1>",
                "<dd id=\"rh-updated\"><time datetime=\"2026-08-17\">2026-08-17</time></dd>",
                "<li><strong>Service names</strong>: First Come First Served",
                "<li><strong>System ports (0-1023)</strong>: IETF Review or IESG Approval",
                "<li><strong>User ports (1024-49151)</strong>:",
                "<a href=\"https://www.rfc-editor.org/rfc/rfc6335\">RFC 6335</a>",
                "<li>SCTP: Michael Tuexen</li>",
                "<li>TCP/UDP: Joe Touch; Eliot Lear, Kumiko Ono, Wes Eddy, Brian Trammell, and"
                        + " Michael Scharf</li>",
                "<summary>Notes of the registry (2)</summary>",
                "<h3>Request an Assignment</h3>",
                "<a href=\"https://www.iana.org/protocols/apply\">");
    }

    @Test
    void everyExportFormatIsALinkAndKeepsTheDayShown() {
        String now = page("/registry");
        for (String f : List.of("xml", "csv", "json", "services")) {
            RegistryPagesTest.assertContains(
                    now, "href=\"/api/v1/registry/export?format=" + f + "\" download>");
            given().get("/api/v1/registry/export?format=" + f).then().statusCode(200);
        }
        String past = page("/registry?at=2030-01-01");
        RegistryPagesTest.assertContains(
                past, "href=\"/api/v1/registry/export?format=csv&amp;at=2030-01-01\" download>");
    }

    @Test
    void aColumnSortsTheWholeListingAndItsHeadingSaysSo() {
        String html = page("/registry?status=assigned&sort=service&size=500");
        List<String> names = services(html);
        assertTrue(names.size() > 20, "a listing: " + names);
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
        assertEquals(sorted, names);
        RegistryPagesTest.assertContains(
                html,
                "aria-sort=\"ascending\" class=\"col-service\"><a"
                        + " href=\"/registry?status=assigned&amp;sort=-service&amp;size=500\"",
                "<option value=\"service\" selected>Service</option>");
        List<String> reversed = services(page("/registry?status=assigned&sort=-service&size=500"));
        List<String> back = new ArrayList<>(sorted);
        java.util.Collections.reverse(back);
        assertEquals(back, reversed);
    }

    @Test
    void pagesOfASortedListingKeepTheOrder() {
        String first = page("/registry?sort=-port&size=5");
        RegistryPagesTest.assertContains(
                first, "rel=\"next\" href=\"/registry?sort=-port&amp;size=5&amp;page=2\"");
        // The highest port first: x11's 6000-6063 run is the highest of the sample.
        assertTrue(first.indexOf("/ports/6000") > 0, first);
    }

    @Test
    void thePageJumpKeepsFiltersAndOrder() {
        String html = page("/registry?status=assigned&sort=service&size=5&page=2");
        String form = html.substring(html.indexOf("<form class=\"page-jump\""));
        form = form.substring(0, form.indexOf("</form>"));
        RegistryPagesTest.assertContains(
                form,
                "<input type=\"hidden\" name=\"status\" value=\"assigned\">",
                "<input type=\"hidden\" name=\"sort\" value=\"service\">",
                "<input type=\"hidden\" name=\"size\" value=\"5\">",
                "<label for=\"jump-page\">Go to page</label>",
                "name=\"page\" type=\"number\" min=\"1\"",
                "value=\"2\"");
        assertTrue(!form.contains("name=\"range\""), "no empty filters: " + form);
    }

    @Test
    void theApiSortsTooAndRefusesAnUnknownColumn() {
        List<String> names =
                given().get("/api/v1/entries?status=assigned&sort=-service&size=500")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.serviceName", String.class);
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(Comparator.comparing((String n) -> n.toLowerCase(Locale.ROOT)).reversed());
        assertEquals(sorted, names);
        given().get("/api/v1/entries?sort=size")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", containsString("unknown column \"size\""));
        RegistryPagesTest.errorPage("/registry?sort=size", 400, "unknown column \"size\"");
    }
}
