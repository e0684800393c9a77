package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.account.Roles;
import dev.portreg.registry.Registry;
import dev.portreg.support.FormSession;
import dev.portreg.support.HistoryFixtures;
import dev.portreg.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /admin/import: upload or URL → preview (nothing written) → Apply → result. */
@QuarkusTest
class ImportPagesTest {

    private static final Pattern CHANGE = Pattern.compile("href=\"/changes/(\\d+)\"");

    @Inject HistoryFixtures fixtures;
    @Inject Registry registry;
    @Inject TestClock clock;

    FormSession operator;

    @BeforeEach
    void sampleRegistry() {
        fixtures.seedSample();
        operator = signedIn(Roles.IANA);
    }

    @AfterEach
    void leaveTheSample() {
        clock.reset();
        fixtures.leaveTheSample();
    }

    private FormSession signedIn(String... roles) {
        return FormSession.signedIn(fixtures.account(roles), HistoryFixtures.PASSWORD);
    }

    /** Posts the upload form as a browser does: multipart, with the page's CSRF token. */
    private static Response upload(FormSession s, String resource, String url) {
        s.get("/admin/import");
        var r = s.request().multiPart("csrf-token", s.token());
        if (resource != null) {
            r =
                    r.multiPart(
                            "file",
                            resource.substring(resource.lastIndexOf('/') + 1),
                            HistoryFixtures.bytes(resource),
                            "application/xml");
        }
        r = r.multiPart("url", url == null ? "" : url);
        return s.keep(r.post("/admin/import"));
    }

    /** Uploads sample-modified.xml and returns the preview's address. */
    private String preview(FormSession s) {
        Response r = upload(s, "/iana/sample-modified.xml", null);
        assertEquals(303, r.statusCode(), r.asString());
        String location = r.header("Location");
        assertTrue(location.matches(".*/admin/import/[A-Za-z0-9_-]{43}"), location);
        return location.substring(location.indexOf("/admin/import/"));
    }

    private String rndcDescription() {
        return registry.snapshot().byName("rndc").get(0).entry().description();
    }

    @Test
    void anonymousVisitorsAreSentToLoginAndOthersRefused() {
        given().redirects()
                .follow(false)
                .get("/admin/import")
                .then()
                .statusCode(302)
                .header("Location", startsWith("/login?next="));
        FormSession expert = signedIn(Roles.EXPERT);
        expert.get("/admin/import").then().statusCode(403);
        String preview = preview(operator);
        expert.get(preview).then().statusCode(403);
        expert.request().post(preview + "/apply").then().statusCode(403);
    }

    @Test
    void theFormUploadsAFileOrGivesAUrlWithTheCsrfToken() {
        operator.get("/admin/import")
                .then()
                .statusCode(200)
                .body(containsString("enctype=\"multipart/form-data\""))
                .body(containsString("name=\"csrf-token\""))
                .body(containsString("type=\"file\" accept="))
                .body(containsString("name=\"url\""));
    }

    @Test
    void thePreviewShowsWhatWouldChangeBeforeAnythingIsWritten() {
        List<String> before = fixtures.state();
        String preview = preview(operator);
        operator.get(preview)
                .then()
                .statusCode(200)
                .body(containsString("Read 26,479 bytes (26 kB)"))
                .body(
                        containsString(
                                "IANA XML: <strong>69</strong> records, <strong>18</strong> people"))
                .body(containsString("Last Updated 2026-08-17"))
                .body(containsString("Nothing has been written yet"))
                .body(containsString("<strong>1</strong> added"))
                .body(containsString("<strong>1</strong> changed"))
                .body(containsString("<strong>1</strong> removed"))
                .body(containsString("href=\"/services/newsvc\""))
                .body(containsString("<del>BIND9 remote name daemon controller</del>"))
                .body(containsString("<ins>BIND9 remote name daemon controller (rndc)</ins>"))
                .body(containsString("href=\"/services/www-http\""))
                .body(containsString("action=\"" + preview + "/apply\""));
        assertEquals(before, fixtures.state(), "a preview writes nothing, history included");
        assertEquals("BIND9 remote name daemon controller", rndcDescription());
    }

    @Test
    void applyImportsWhatWasPreviewedOnceAndLinksToTheHistory() {
        String preview = preview(operator);
        operator.get(preview);
        long changes = fixtures.changes();
        Response applied = operator.submit(preview + "/apply", Map.of());
        assertEquals(303, applied.statusCode());
        assertTrue(applied.header("Location").endsWith(preview));
        String result = operator.get(preview).then().statusCode(200).extract().asString();
        assertTrue(result.contains("Import applied"), result);
        assertTrue(result.contains("The file holds 69 entries"), result);
        Matcher m = CHANGE.matcher(result);
        assertTrue(m.find(), result);
        long changeId = Long.parseLong(m.group(1));
        assertEquals(changes + 1, fixtures.changes());
        assertEquals(
                List.of(List.of("import", "upload:sample-modified.xml", "1", "1", "1")),
                fixtures.rows(
                        "SELECT kind, source, added::text, changed::text, removed::text"
                                + " FROM registry_change WHERE id = ?",
                        changeId));
        assertEquals("BIND9 remote name daemon controller (rndc)", rndcDescription());

        // a second Apply (a double click, a reload) shows the result and writes nothing
        Response again = operator.submit(preview + "/apply", Map.of());
        assertEquals(303, again.statusCode());
        assertEquals(changes + 1, fixtures.changes());
        given().get("/changes/" + changeId)
                .then()
                .statusCode(200)
                .body(containsString("upload:sample-modified.xml"));
    }

    @Test
    void anUnknownExpiredOrSomeoneElsesTokenIsRefused() {
        String unknown = "/admin/import/" + "A".repeat(43);
        operator.get(unknown).then().statusCode(404).body(containsString("unknown or has expired"));
        operator.get("/admin/import/not-a-token").then().statusCode(404);
        operator.get("/admin/import");
        operator.submit(unknown + "/apply", Map.of())
                .then()
                .statusCode(404)
                .body(containsString("Nothing was changed"));

        String preview = preview(operator);
        FormSession other = signedIn(Roles.IANA);
        other.get(preview).then().statusCode(404);
        other.get("/admin/import");
        other.submit(preview + "/apply", Map.of()).then().statusCode(404);

        long changes = fixtures.changes();
        clock.advance(PendingImports.TTL.plus(Duration.ofSeconds(1)));
        operator.get(preview).then().statusCode(404);
        operator.get("/admin/import");
        operator.submit(preview + "/apply", Map.of()).then().statusCode(404);
        assertEquals(changes, fixtures.changes());
        assertEquals("BIND9 remote name daemon controller", rndcDescription());
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() {
        String preview = preview(operator);
        operator.request()
                .contentType("application/x-www-form-urlencoded")
                .formParam("x", "1")
                .post(preview + "/apply")
                .then()
                .statusCode(400)
                .body(containsString("Form refused"));
        operator.request()
                .multiPart(
                        "file",
                        "sample-modified.xml",
                        HistoryFixtures.bytes("/iana/sample-modified.xml"),
                        "application/xml")
                .post("/admin/import")
                .then()
                .statusCode(400)
                .body(containsString("Form refused"));
        operator.request().post(preview + "/apply").then().statusCode(400);
        assertEquals("BIND9 remote name daemon controller", rndcDescription());
        // the preview still waits: the refused post did not consume it
        operator.get(preview).then().statusCode(200).body(containsString("Apply this import"));
    }

    @Test
    void aBrokenFileOrAMissingChoiceIsShownOnTheForm() {
        List<String> before = fixtures.state();
        upload(operator, "/iana/bad-port.xml", null)
                .then()
                .statusCode(422)
                .body(containsString("The file could not be imported"))
                .body(containsString("record 2 (line 10)"))
                .body(containsString("Nothing was changed"));
        upload(operator, null, null)
                .then()
                .statusCode(422)
                .body(containsString("Choose a registry file to upload, or give its URL"));
        upload(operator, "/iana/sample.xml", "https://example.org/x.xml")
                .then()
                .statusCode(422)
                .body(containsString("not both"));
        upload(operator, null, "/etc/passwd")
                .then()
                .statusCode(422)
                .body(containsString("must be an http or https URL"))
                .body(containsString("value=\"/etc/passwd\""))
                .body(not(containsString("root:")));
        assertEquals(before, fixtures.state());
    }

    @Test
    void aPreviewTheRegistryMovedAwayFromIsNotApplied() {
        String preview = preview(operator);
        FormSession other = signedIn(Roles.IANA);
        String theirs = preview(other);
        other.get(theirs);
        other.submit(theirs + "/apply", Map.of()).then().statusCode(303);
        long changes = fixtures.changes();
        operator.get(preview);
        operator.submit(preview + "/apply", Map.of())
                .then()
                .statusCode(409)
                .body(containsString("The registry changed"))
                .body(containsString("preview it again"));
        assertEquals(changes, fixtures.changes());
        operator.get(preview).then().statusCode(404);
    }
}
