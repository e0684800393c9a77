package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.HistoryFixtures;
import io.quarkus.qute.Engine;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * /changes, /changes/{id} and the history box tag, after sample.xml then sample-modified.xml. Pages
 * count from 1 as the registry browser does ({@code ?page=1} is the first page).
 */
@QuarkusTest
class HistoryPagesTest {

    @Inject HistoryFixtures fixtures;
    @Inject RegistryChanges changes;
    @Inject Engine engine;

    long changeId;
    long seedId;

    @BeforeEach
    void seedThenModify() {
        HistoryFixtures.Imported imported = fixtures.sampleThenModified();
        changeId = imported.modified().changeId();
        seedId = imported.seed().changeId();
    }

    @AfterEach
    void leaveTheSample() {
        fixtures.leaveTheSample();
    }

    private static Document page(String path, int status) {
        String html = given().get(path).then().statusCode(status).extract().asString();
        return Jsoup.parse(html);
    }

    private static List<String> hrefs(Element scope) {
        return scope.select("a[href]").eachAttr("href");
    }

    @Test
    void recentChangesShowWhoWhenAndTheItemsWithTheirDiffs() {
        given().get("/changes?size=100").then().contentType("text/html");
        Document d = page("/changes?size=100", 200);
        Element c = d.getElementById("change-" + changeId);
        assertNotNull(c, "the modification is listed");
        assertEquals("/changes/" + changeId, c.selectFirst(".change-title a").attr("href"));
        assertTrue(c.selectFirst(".change-meta").text().contains("by tester"), c.text());
        assertEquals("tester", c.selectFirst(".change-meta strong").text());
        assertEquals("1 added · 1 changed · 1 removed", c.selectFirst(".change-counts").text());
        List<String> links = hrefs(c);
        assertTrue(links.contains("/services/newsvc"), links.toString());
        assertTrue(links.contains("/ports/938"), links.toString());
        assertTrue(links.contains("/services/www-http"), links.toString());
        assertEquals(List.of("BIND9 remote name daemon controller"), c.select("del").eachText());
        assertEquals(
                List.of("BIND9 remote name daemon controller (rndc)"), c.select("ins").eachText());
        assertEquals("3 items", c.selectFirst("summary").text());
        Element seed = d.getElementById("change-" + seedId);
        assertNotNull(seed, "the seed is listed too");
        assertEquals("69 items", seed.selectFirst("summary").text());
        assertNotNull(d.selectFirst("a[href=\"/changes.atom\"]"), "the feed is linked");
    }

    @Test
    void pagesCountFromOneWithTheSamePagerAsTheRegistry() {
        Document first = page("/changes?size=1", 200);
        assertNotNull(first.getElementById("change-" + changeId), "newest first");
        Element pager = first.selectFirst("nav.pager");
        assertNotNull(pager, "the seed and the modification at one per page need a pager");
        Matcher pos =
                Pattern.compile("Page 1 of (\\d+)").matcher(pager.selectFirst(".pager-pos").text());
        assertTrue(pos.matches(), pager.text());
        int pages = Integer.parseInt(pos.group(1));
        assertTrue(pages >= 2, pager.text());
        assertNull(pager.selectFirst("a[rel=prev]"), "no page before the first");
        assertEquals("/changes?size=1&page=2", pager.selectFirst("a[rel=next]").attr("href"));
        assertTrue(pager.selectFirst("a[rel=next]").text().contains("Older"), pager.text());

        Document same = page("/changes?size=1&page=1", 200);
        assertNotNull(same.getElementById("change-" + changeId), "page=1 is the first page");
        assertEquals("Page 1 of " + pages, same.selectFirst("nav.pager .pager-pos").text());

        Document second = page("/changes?size=1&page=2", 200);
        assertNull(second.getElementById("change-" + changeId), "older changes on page 2");
        assertEquals(1, second.select("article.change").size());
        assertEquals("Page 2 of " + pages, second.selectFirst("nav.pager .pager-pos").text());
        assertEquals("/changes?size=1", second.selectFirst("nav.pager a[rel=prev]").attr("href"));

        Document last = page("/changes?size=1&page=" + pages, 200);
        assertNull(last.selectFirst("nav.pager a[rel=next]"), "no page after the last");
    }

    @Test
    void pageZeroAndJunkAreRefusedWithTheMessage() {
        for (String bad : List.of("0", "-3", "x")) {
            Document d = page("/changes?page=" + bad, 400);
            assertEquals(
                    "page: must be a whole number from 1, not \"" + bad + "\"",
                    d.selectFirst(".error-detail").text());
        }
        Document d = page("/changes/" + changeId + "?page=0", 400);
        assertEquals(
                "page: must be a whole number from 1, not \"0\"",
                d.selectFirst(".error-detail").text());
    }

    @Test
    void aRegistryActionLinksToItsRequest() {
        long[] made = fixtures.registryAction(changes);
        Element c = page("/changes", 200).getElementById("change-" + made[0]);
        assertNotNull(c, "the registry action is listed");
        Element request = c.selectFirst("a[href=\"/requests/" + made[1] + "\"]");
        assertNotNull(request, c.html());
        assertEquals("Request #" + made[1], request.text());
        assertTrue(c.selectFirst(".change-kind").text().contains("Registry action"), c.text());
        given().get("/api/v1/history/" + made[0])
                .then()
                .body("requestId", org.hamcrest.Matchers.equalTo((int) made[1]))
                .body("requestUrl", org.hamcrest.Matchers.equalTo("/requests/" + made[1]));
    }

    @Test
    void changesOfOnePortOrService() {
        Document port = page("/changes?port=953", 200);
        assertEquals("Changes to port 953", port.selectFirst("h1").text());
        Element c = port.getElementById("change-" + changeId);
        assertNotNull(c);
        assertTrue(c.text().contains("rndc"), c.text());
        assertFalse(hrefs(c).contains("/services/newsvc"), "only the items of port 953");

        Document service = page("/changes?service=WWW-HTTP", 200);
        assertEquals("Changes to service WWW-HTTP", service.selectFirst("h1").text());
        Element s = service.getElementById("change-" + changeId);
        assertNotNull(s);
        assertFalse(s.select(".change-removed").isEmpty(), s.html());

        Document none = page("/changes?service=never-registered", 200);
        assertTrue(
                none.selectFirst("p.empty").text().startsWith("No recorded change touched"),
                none.selectFirst("p.empty").text());
    }

    private long revision(long changeId) {
        return fixtures.count("SELECT revision FROM registry_change WHERE id = ?", changeId);
    }

    @Test
    void oneChangeHasItsOwnPage() {
        Document d = page("/changes/" + changeId, 200);
        assertTrue(d.selectFirst("h1").text().contains("Revision " + revision(changeId)));
        assertTrue(
                d.text().contains("sample-modified.xml (IANA's registry of 2026-08-17)"), d.text());
        Element items = d.selectFirst("section[aria-labelledby=items-title]");
        List<String> links = hrefs(items);
        assertTrue(links.contains("/services/newsvc"), links.toString());
        assertTrue(links.contains("/services/www-http"), links.toString());
        assertTrue(
                items.select("ins")
                        .eachText()
                        .contains("BIND9 remote name daemon controller (rndc)"),
                items.html());
        assertNull(items.selectFirst("nav.pager"), "69 items fit on one page");
    }

    @Test
    void badInputIsAPageThatSaysWhat() {
        Document d = page("/changes?port=http", 400);
        assertEquals(
                "port: must be a whole number from 0 to 65535, not \"http\"",
                d.selectFirst(".error-detail").text());
        assertEquals(
                "service: give a port or a service name, not both",
                page("/changes?port=80&service=http", 400).selectFirst(".error-detail").text());
        assertTrue(
                page("/changes/abc", 400).selectFirst(".error-detail").text().startsWith("id: "));
        assertEquals(
                "No registry change #987654321",
                page("/changes/987654321", 404).selectFirst(".error-detail").text());
    }

    @Test
    void theHistoryTagRendersAPortsOrAServicesLatestChanges() {
        Document port =
                Jsoup.parse(
                        engine.parse("{#history inject:registryHistory.ofPort(953) /}").render());
        assertTrue(port.text().contains("History of port 953"), port.text());
        assertTrue(hrefs(port).contains("/changes/" + changeId), hrefs(port).toString());
        assertTrue(
                port.select("ins")
                        .eachText()
                        .contains("BIND9 remote name daemon controller (rndc)"),
                port.html());
        Document service =
                Jsoup.parse(
                        engine.parse("{#history inject:registryHistory.ofService('newsvc') /}")
                                .render());
        assertTrue(service.text().contains("History of service newsvc"), service.text());
        assertTrue(hrefs(service).contains("/ports/938"), hrefs(service).toString());
        String none = engine.parse("{#history inject:registryHistory.ofPort(60000) /}").render();
        assertTrue(
                Jsoup.parse(none).text().contains("No change to port 60000 has been recorded"),
                none);
    }
}
