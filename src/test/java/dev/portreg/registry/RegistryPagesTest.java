package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.account.AccountService;
import dev.portreg.account.Registration;
import dev.portreg.exchange.RegistryImporter;
import dev.portreg.registry.RegistryViews.GapView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTML pages against the sample registry (ports 0-1024 highlights, the 916-952 gap, 953 rndc,
 * 80 http/www/www-http, x11 6000-6063, name-only entries).
 */
@QuarkusTest
class RegistryPagesTest {

    static final String SAMPLE = "src/test/resources/iana/sample.xml";

    @Inject RegistryImporter importer;
    @Inject RegistryQueries queries;
    @Inject AccountService accounts;
    @Inject dev.portreg.support.TestDb db;

    @BeforeEach
    void sampleRegistry() {
        db.resetTo(SAMPLE);
    }

    // --- home ----------------------------------------------------------------------------------

    @Test
    void homeDrawsEverySystemPortAsALinkWithItsStatus() {
        String html = page("/");
        Matcher cells =
                Pattern.compile("<a href=\"/ports/(\\d+)\" class=\"t-[a-z]+ u-[a-z]+\"")
                        .matcher(html);
        int count = 0;
        int expected = 0;
        while (cells.find()) {
            assertEquals(expected++, Integer.parseInt(cells.group(1)), "cells run in port order");
            count++;
        }
        assertEquals(1024, count);
        assertTrue(
                html.indexOf("<a class=\"skip-inline\" href=\"#map-legend\">")
                        < html.indexOf("href=\"/ports/0\""),
                "keyboard users can skip the 1024 links");
        assertTrue(html.contains("id=\"map-legend\""));
        assertTrue(
                html.contains(
                        "<a href=\"/ports/938\" class=\"t-unassigned u-unassigned\""
                                + " title=\"938 — Unassigned\"><span>938 — Unassigned</span></a>"),
                "938 is a free cell with its tooltip and text");
        assertTrue(
                html.contains(
                        "class=\"t-assigned u-reserved\" title=\"953 — TCP Assigned, UDP"
                                + " Reserved\""),
                "953 shows both of its statuses");
        assertTrue(html.contains("class=\"t-assigned u-assigned\" title=\"80 — Assigned\""));
        for (int p = 916; p <= 952; p++) {
            assertTrue(
                    html.contains(
                            "<a href=\"/ports/" + p + "\" class=\"t-unassigned u-unassigned\""),
                    "gap port " + p);
        }
    }

    @Test
    void homeShowsSourceLastUpdatedStatsAndSearch() {
        given().when()
                .get("/")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(
                        allOf(
                                containsString("<form class=\"search\" action=\"/search\""),
                                containsString("<label for=\"q\">"),
                                containsString("sample.xml"),
                                containsString("IANA XML"),
                                containsString("2026-08-17"),
                                containsString("Ports per status"),
                                containsString("System ports <span class=\"range-span\">0-1023"),
                                containsString("Never assigned: 16,384 ports"),
                                containsString("<a href=\"/ports/916\">916-952</a> (37 ports)"),
                                not(containsString("Partial registry"))));
    }

    @Test
    void homeStatisticsAreTheApiStatistics() {
        String html = page("/");
        RegistryViews.StatusCounts tcp = queries.stats().ranges().get(0).transports().get(0);
        String row =
                "<th scope=\"row\">TCP</th>\\s*<td class=\"num\">"
                        + String.format(Locale.ENGLISH, "%,d", tcp.assigned())
                        + "</td>\\s*<td class=\"num\">"
                        + String.format(Locale.ENGLISH, "%,d", tcp.reserved())
                        + "</td>\\s*<td class=\"num\">"
                        + String.format(Locale.ENGLISH, "%,d", tcp.unassigned())
                        + "</td>";
        assertTrue(Pattern.compile(row).matcher(html).find(), "System TCP row " + row);
    }

    // --- search --------------------------------------------------------------------------------

    @Test
    void searchForANumberRedirectsToThePort() {
        given().redirects()
                .follow(false)
                .queryParam("q", " 938 ")
                .when()
                .get("/search")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/ports/938"));
    }

    @Test
    void searchForAnExactNameRedirectsToTheServiceIgnoringCase() {
        given().redirects()
                .follow(false)
                .queryParam("q", "HTTP")
                .when()
                .get("/search")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/services/http"));
        given().redirects()
                .follow(false)
                .queryParam("q", "sql*net")
                .when()
                .get("/search")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/services/sql*net"));
    }

    @Test
    void searchForOtherTextListsMatches() {
        given().queryParam("q", "Oracle")
                .when()
                .get("/search")
                .then()
                .statusCode(200)
                .body(
                        allOf(
                                containsString("Results for “Oracle”"),
                                containsString("<a href=\"/services/sql-net\">sql-net</a>"),
                                containsString("<a href=\"/services/sql*net\">sql*net</a>"),
                                containsString("value=\"Oracle\"")));
        given().queryParam("q", "no-such-thing-anywhere")
                .when()
                .get("/search")
                .then()
                .statusCode(200)
                .body(containsString("Nothing matches “no-such-thing-anywhere”"));
    }

    @Test
    void searchRefusesAnEmptyQueryAndAPortOutOfRange() {
        errorPage("/search?q=", 400, "q: is required");
        errorPage("/search?q=70000", 400, "70000 is outside the port space 0-65535");
    }

    // --- port ----------------------------------------------------------------------------------

    @Test
    void portPageShowsStatusPolicyGapNeighboursAndLocalChecks() {
        String html = page("/ports/938");
        assertContains(
                html,
                "<h1>Port 938</h1>",
                "System port",
                "<span class=\"transport-name\">TCP</span>",
                "<span class=\"badge st-unassigned\"",
                "System port: IETF Review or IESG Approval",
                "<a href=\"/about#policy-ietf-review\">IETF Review</a>",
                "<a href=\"/about#policy-iesg-approval\">IESG Approval</a>",
                "<strong>916-952</strong>, 37 ports",
                "href=\"/gaps?from=0&amp;to=1023&amp;transport=tcp&amp;transport=udp"
                        + "&amp;transport=sctp&amp;transport=dccp#gap-916\"",
                "href=\"/ports/937\"",
                "href=\"/ports/939\"",
                "Port 938 is free on every transport.",
                "ss -ltnup | grep ':938 '",
                "ss -ltn 'sport = :938'",
                "sudo lsof -i :938",
                "lsof -nP -iTCP:938 -sTCP:LISTEN",
                "netstat -an | grep",
                "netstat -ano | findstr :938");
        for (String t : List.of("TCP", "UDP", "SCTP", "DCCP")) {
            assertTrue(
                    Pattern.compile(
                                    "<span class=\"transport-name\">"
                                            + t
                                            + "</span>\\s*<span class=\"badge st-unassigned\"")
                            .matcher(html)
                            .find(),
                    t + " is Unassigned");
        }
        for (int n : queries.port(938).nearestFree()) {
            assertTrue(
                    html.contains("<li><a href=\"/ports/" + n + "\">" + n + "</a></li>"), "" + n);
        }
    }

    @Test
    void portPageListsTheEntriesWithPeopleAndReferences() {
        String html = page("/ports/953");
        assertContains(
                html,
                "<span class=\"transport-name\">TCP</span>",
                "<span class=\"badge st-assigned\"",
                "<span class=\"badge st-reserved\"",
                "<a href=\"/services/rndc\">rndc</a>",
                "BIND9 remote name daemon controller",
                "<dt>Registered</dt><dd><time datetime=\"2017-06-08\">2017-06-08</time></dd>",
                "Ray Bellis",
                "Assigned: not available",
                "Not in a free run");

        String http = page("/ports/80");
        assertContains(
                http,
                "<a href=\"/services/http\">http</a>",
                "<a href=\"/services/www\">www</a>",
                "<a href=\"/services/www-http\">www-http</a>",
                "href=\"mailto:",
                "<a href=\"https://www.rfc-editor.org/rfc/rfc9110\">RFC 9110</a>",
                "<dd class=\"mono\">_http._tcp</dd>");
    }

    @Test
    void rangeEntriesCoverEachOfTheirPorts() {
        assertContains(
                page("/ports/6010"),
                "<a href=\"/services/x11\">x11</a>",
                "port <a href=\"/ports/6000\">6000-6063</a>",
                "Known Unauthorized Use on port 6003",
                "User port");
    }

    @Test
    void pagesFollowANewImportAtOnce() {
        assertContains(page("/ports/938"), "Port 938 is free on every transport.");
        assertContains(page("/"), "title=\"938 — Unassigned\"");
        try {
            importer.importFrom("src/test/resources/iana/sample-modified.xml", "test");
            String port = page("/ports/938");
            assertContains(port, "<a href=\"/services/newsvc\">newsvc</a>", "A new service on 938");
            assertFalse(port.contains("Port 938 is free on every transport."));
            assertContains(page("/"), "title=\"938 — TCP Assigned, UDP Unassigned\"");
            assertContains(page("/services/newsvc"), "A new service on 938");
        } finally {
            importer.importFrom(SAMPLE, "test");
        }
        assertContains(page("/ports/938"), "Port 938 is free on every transport.");
        errorPage("/services/newsvc", 404, "No service named");
    }

    @Test
    void dynamicPortsSayTheyAreNeverAssigned() {
        String html = page("/ports/50000");
        assertContains(
                html,
                "<h1>Port 50000</h1>",
                "Dynamic port",
                "Dynamic ports (49152-65535) are never assigned",
                "<span class=\"badge st-unlisted\"",
                "No entry of the registry covers port 50000.",
                "Dynamic ports are not assigned, so none is listed as free");
        assertFalse(html.contains("verdict-free"));
        assertFalse(html.contains("No port of this range is free"));
        assertTrue(page("/ports/65535").contains("href=\"/ports/65534\""));
        assertFalse(page("/ports/65535").contains("href=\"/ports/65536\""));
        assertFalse(page("/ports/0").contains("href=\"/ports/-1\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "70000", "-1", "1e3"})
    void badPortsAreA400PageWithTheReason(String port) {
        String html = errorPage("/ports/" + port, 400, "port: ");
        assertTrue(
                html.contains("must be a whole number from 0 to 65535")
                        || html.contains("is outside the port space 0-65535"),
                html);
    }

    // --- service -------------------------------------------------------------------------------

    @Test
    void servicePageListsEveryEntryOfTheNameIgnoringCase() {
        String html = page("/services/HTTP");
        assertContains(html, "<h1 class=\"mono-heading\">http</h1>", "World Wide Web HTTP");
        assertEquals(
                queries.service("http").entries().size(),
                count(html, "<article class=\"entry"),
                "one card per entry");
        assertFalse(html.contains("Legacy name."));
    }

    @Test
    void legacyNamesSaySo() {
        assertContains(
                page("/services/sql*net"),
                "<strong>Legacy name.</strong>",
                "RFC 6335 §5.1",
                "This entry is an alias to");
        assertFalse(page("/services/sql-net").contains("Legacy name."));
    }

    @Test
    void nameOnlyEntriesHaveNoPort() {
        assertContains(page("/services/rdp"), "name only, no port", "Reliable Data Protocol");
    }

    @Test
    void unknownServiceIsA404Page() {
        errorPage("/services/no-such-svc", 404, "No service named \"no-such-svc\" is registered");
    }

    @Test
    void unknownPathIsA404Page() {
        errorPage("/no/such/page", 404, "There is nothing at /no/such/page");
    }

    // --- registry browser ----------------------------------------------------------------------

    @Test
    void registryListsEntriesWithAFilterForm() {
        String html = page("/registry");
        assertContains(
                html,
                "<a href=\"/registry\" aria-current=\"page\">Registry</a>",
                "<label for=\"f-range\">Range</label>",
                "<label for=\"f-status\">Status</label>",
                "<label for=\"f-transport\">Transport</label>",
                "<label for=\"f-q\">Text</label>",
                "<table class=\"entries sortable\" aria-describedby=\"summary\">",
                "<a href=\"/services/tcpmux\">tcpmux</a>",
                "Page 1 of 2",
                "Entries 1–50 of " + queries.entries(null, null, null, null, null, null).total());
    }

    @Test
    void registryFiltersByStatusRangeAndTransportAndRefillsTheForm() {
        String html = page("/registry?range=system&status=reserved&transport=udp");
        int rows = count(html, "<td class=\"num nowrap\">");
        long expected = queries.entries("system", "reserved", "udp", null, null, null).total();
        assertTrue(expected > 0);
        assertEquals(expected, rows, "one row per matching entry");
        assertEquals(rows, count(html, "<td><span class=\"badge st-reserved\""), "all Reserved");
        assertFalse(html.contains("<td><span class=\"badge st-assigned\""));
        assertContains(
                html,
                "<option value=\"system\" selected>",
                "<option value=\"reserved\" selected>",
                "<option value=\"udp\" selected>",
                "<a href=\"/registry\">Clear</a>");
    }

    @Test
    void registryTextFilterFindsNamesAndDescriptions() {
        String html = page("/registry?q=Daemon");
        assertContains(html, "<a href=\"/services/rndc\">rndc</a>", "value=\"Daemon\"");
        assertFalse(html.contains("<a href=\"/services/http\">"));
        assertContains(page("/registry?q=zzz-nothing"), "No entries match these filters.");
    }

    @Test
    void registryPagesKeepTheirFilters() {
        long total = queries.entries(null, "assigned", null, null, null, null).total();
        int pages = (int) ((total + 4) / 5);
        String first = page("/registry?status=assigned&size=5");
        assertContains(
                first,
                "Entries 1–5 of " + total,
                "Page 1 of " + pages,
                "<a class=\"pager-link\" rel=\"next\" href=\"/registry?status=assigned&amp;size=5&amp;page=2\">",
                "<option value=\"5\" selected>5</option>");
        String second = page("/registry?status=assigned&size=5&page=2");
        assertContains(
                second,
                "Entries 6–10 of " + total,
                "Page 2 of " + pages,
                "rel=\"prev\" href=\"/registry?status=assigned&amp;size=5\"",
                "rel=\"next\" href=\"/registry?status=assigned&amp;size=5&amp;page=3\"");
        String beyond = page("/registry?status=assigned&size=5&page=" + (pages + 5));
        assertContains(beyond, "No entries on page " + (pages + 5));
        assertFalse(beyond.contains("<table class=\"entries\">"));
    }

    @Test
    void registryRefusesBadFilters() {
        errorPage("/registry?page=0", 400, "page: must be a whole number from 1");
        errorPage("/registry?page=abc", 400, "page: must be a whole number from 1");
        errorPage("/registry?status=bogus", 400, "unknown status \"bogus\"");
        errorPage("/registry?range=huge", 400, "unknown range \"huge\"");
        errorPage("/registry?transport=quic", 400, "unknown transport \"quic\"");
        errorPage("/registry?size=501", 400, "size: must be between 1 and 500");
    }

    // --- gaps ----------------------------------------------------------------------------------

    @Test
    void gapsDefaultToTheSystemRangeOnTcpAndUdp() {
        String html = page("/gaps");
        List<GapView> gaps = queries.gaps("0", "1023", null, null);
        int total = gaps.stream().mapToInt(GapView::size).sum();
        assertContains(
                html,
                "value=\"0\"",
                "value=\"1023\"",
                "<input type=\"checkbox\" name=\"transport\" value=\"tcp\" checked>",
                "<input type=\"checkbox\" name=\"transport\" value=\"udp\" checked>",
                "<input type=\"checkbox\" name=\"transport\" value=\"sctp\">",
                "<strong>" + gaps.size() + " runs, " + total + " ports</strong>",
                "unassigned on TCP and UDP between 0 and 1023",
                "<tr id=\"gap-916\">",
                "<a href=\"/ports/916\">916</a>–<a href=\"/ports/952\">952</a>",
                "<td class=\"num\">37 ports</td>");
        assertEquals(gaps.size(), count(html, "<tr id=\"gap-"));
        assertContains(
                html,
                "<li><a href=\"#gap-916\">916-952</a> <span class=\"muted\">37 ports</span></li>");
        assertTrue(
                html.indexOf("<li><a href=\"#gap-916\">")
                        < html.indexOf("<li><a href=\"#gap-954\">"),
                "longest run first");
    }

    @Test
    void gapsFollowTheForm() {
        String html = page("/gaps?from=900&to=1000&transport=sctp&transport=dccp&minSize=36");
        assertContains(
                html,
                "<input type=\"checkbox\" name=\"transport\" value=\"sctp\" checked>",
                "<input type=\"checkbox\" name=\"transport\" value=\"tcp\">",
                "value=\"36\"",
                "<strong>1 run, 37 ports</strong>",
                "unassigned on SCTP and DCCP between 900 and 1000, each at least 36 long");
        assertEquals(1, count(html, "<tr id=\"gap-"));
        assertContains(page("/gaps?from=0&to=3"), "<strong>0 runs, 0 ports</strong>");
    }

    @Test
    void gapsRefuseBadRanges() {
        errorPage("/gaps?from=100&to=10", 400, "to: must not be below from (100)");
        errorPage("/gaps?from=x", 400, "from: must be a whole number");
        errorPage("/gaps?minSize=0", 400, "minSize: must be between 1 and 65536");
        errorPage("/gaps?transport=ip", 400, "unknown transport \"ip\"");
    }

    // --- about and layout ----------------------------------------------------------------------

    @Test
    void aboutExplainsRangesStatusesPoliciesAndTheApi() {
        assertContains(
                page("/about"),
                "0-1023",
                "1024-49151",
                "49152-65535",
                "System port: IETF Review or IESG Approval",
                "<span class=\"badge st-other\"",
                "<span class=\"badge st-unlisted\"",
                "Not listed",
                "id=\"policy-fcfs\">First Come First Served",
                "id=\"policy-expert-review\">Expert Review",
                "id=\"policy-ietf-review\">IETF Review",
                "id=\"policy-standards-action\">Standards Action",
                "id=\"policy-iesg-approval\">IESG Approval",
                "https://www.rfc-editor.org/rfc/rfc6335",
                "https://www.rfc-editor.org/rfc/rfc7605",
                "https://www.rfc-editor.org/rfc/rfc8126",
                "href=\"/q/swagger-ui\"",
                "href=\"/q/openapi\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/ports/938",
                "/services/http",
                "/registry",
                "/gaps",
                "/about",
                "/search?q=oracle",
                "/ports/abc",
                "/services/nope"
            })
    void everyPageHasTheLayout(String path) {
        String html = given().when().get(path).then().extract().asString();
        assertContains(
                html,
                "<html lang=\"en\">",
                "<a class=\"skip\" href=\"#main\">Skip to content</a>",
                "<nav aria-label=\"Main\">",
                "<a href=\"/registry\"",
                "<a href=\"/gaps\"",
                "<a href=\"/about\"",
                "<a href=\"/about#api\">API</a>",
                "<main id=\"main\"",
                "<link rel=\"stylesheet\" href=\"/css/app.css\">",
                // A file by its name, never the server's path (issue 7).
                "\">sample.xml</span> (IANA XML) · Last Updated <time"
                        + " datetime=\"2026-08-17\">2026-08-17</time>");
        assertTrue(count(html, "aria-current=\"page\"") <= 1, "at most one current nav item");
    }

    @Test
    void signedInVisitorsSeeThemselvesAndAnonymousOnesNeverDo() {
        String anonymous = page("/ports/938");
        assertContains(anonymous, "<a href=\"/login\">Sign in</a>");

        String username = "web-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        accounts.register(
                new Registration(
                        username,
                        "Seven tidy walruses 42",
                        "Web Tester",
                        username + "@example.org"));
        dev.portreg.support.FormSession session =
                dev.portreg.support.FormSession.signedIn(username, "Seven tidy walruses 42");
        for (String path : List.of("/", "/ports/938", "/services/http", "/about")) {
            String signedIn =
                    session.request().when().get(path).then().statusCode(200).extract().asString();
            assertContains(signedIn, "Signed in as <strong>" + username + "</strong>");
            assertFalse(page(path).contains(username), "a cached page never shows a visitor");
        }
    }

    @Test
    void staticAssetsAreServed() {
        given().when()
                .get("/css/app.css")
                .then()
                .statusCode(200)
                .body(containsString("--unassigned"));
        given().when().get("/favicon.svg").then().statusCode(200);
        given().when()
                .get("/favicon.ico")
                .then()
                .statusCode(200)
                .contentType(containsString("icon"));
        given().when().get("/js/app.js").then().statusCode(200);
    }

    // --- helpers -------------------------------------------------------------------------------

    static String page(String path) {
        return given().when()
                .get(path)
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .extract()
                .asString();
    }

    /** An error page: its status, HTML, the reason, and nothing of a stack trace. */
    static String errorPage(String path, int status, String reason) {
        String html =
                given().when()
                        .get(path)
                        .then()
                        .statusCode(status)
                        .contentType(startsWith("text/html"))
                        .extract()
                        .asString();
        assertContains(html, "<p class=\"error-status\">Error " + status + "</p>");
        assertTrue(html.contains(reason.replace("\"", "&quot;")) || html.contains(reason), html);
        for (String trace : List.of("Exception", "at dev.portreg", "at io.quarkus", ".java:")) {
            assertFalse(html.contains(trace), "no stack trace: " + trace);
        }
        return html;
    }

    static void assertContains(String html, String... parts) {
        for (String part : parts) {
            assertTrue(html.contains(part), () -> "missing: " + part + "\n---\n" + html);
        }
    }

    static int count(String html, String part) {
        int n = 0;
        for (int i = html.indexOf(part); i >= 0; i = html.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
