package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.Registry;
import dev.portreg.support.HistoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/registry/import on the sample registry, with sample-modified.xml (newsvc 938/tcp
 * added, rndc 953/tcp changed, www-http 80/udp removed).
 */
@QuarkusTest
class ImportApiTest {

    private static final String IMPORT = "/api/v1/registry/import";

    @Inject HistoryFixtures fixtures;
    @Inject Registry registry;
    @Inject OperatorImports imports;
    @Inject RegistryImporter importer;

    String operator;

    @BeforeEach
    void sampleRegistry() {
        fixtures.seedSample();
        operator = fixtures.account(Roles.IANA);
    }

    @AfterEach
    void leaveTheSample() {
        fixtures.leaveTheSample();
    }

    private RequestSpecification as(String username) {
        return given().auth().preemptive().basic(username, HistoryFixtures.PASSWORD);
    }

    private RequestSpecification body(String username, String resource) {
        return as(username).contentType("application/xml").body(HistoryFixtures.bytes(resource));
    }

    private String rndcDescription() {
        return registry.snapshot().byName("rndc").get(0).entry().description();
    }

    @Test
    void aDryRunSaysWhatWouldChangeAndChangesNothing() {
        List<String> before = fixtures.state();
        body(operator, "/iana/sample-modified.xml")
                .post(IMPORT + "?name=sample-modified.xml")
                .then()
                .statusCode(200)
                .body("dryRun", equalTo(true))
                .body("source", equalTo("upload:sample-modified.xml"))
                .body("format", equalTo("iana-xml"))
                .body("records", equalTo(69))
                .body("people", equalTo(18))
                .body("updated", equalTo("2026-08-17"))
                .body("added.total", equalTo(1))
                .body("added.items[0].key", equalTo("newsvc/938/tcp"))
                .body("added.items[0].serviceName", equalTo("newsvc"))
                .body("added.items[0].ports", equalTo("938"))
                .body("added.items[0].transport", equalTo("tcp"))
                .body("changed.total", equalTo(1))
                .body("changed.items[0].key", equalTo("rndc/953/tcp"))
                .body("changed.items[0].fields[0].field", equalTo("description"))
                .body(
                        "changed.items[0].fields[0].after",
                        equalTo("BIND9 remote name daemon controller (rndc)"))
                .body("removed.total", equalTo(1))
                .body("removed.items[0].key", equalTo("www-http/80/udp"))
                .body("result", nullValue());
        assertEquals(before, fixtures.state(), "a dry run writes nothing, history included");
        assertEquals("BIND9 remote name daemon controller", rndcDescription());
    }

    @Test
    void applyingChangesTheRegistryInOneTransactionWithOneHistoryRow() {
        long changes = fixtures.changes();
        Map<String, Object> result =
                body(operator, "/iana/sample-modified.xml")
                        .post(IMPORT + "?dryRun=false")
                        .then()
                        .statusCode(200)
                        .body("dryRun", equalTo(false))
                        .body("result.added", equalTo(1))
                        .body("result.changed", equalTo(1))
                        .body("result.removed", equalTo(1))
                        .body("result.entries", equalTo(69))
                        .extract()
                        .path("result");
        long changeId = ((Number) result.get("changeId")).longValue();
        assertEquals("/changes/" + changeId, result.get("historyUrl"));
        assertEquals(changes + 1, fixtures.changes(), "one history row");
        assertEquals(
                List.of(List.of(operator, "import", "upload:body", "1", "1", "1")),
                fixtures.rows(
                        "SELECT actor, kind, source, added::text, changed::text, removed::text"
                                + " FROM registry_change WHERE id = ?",
                        changeId));
        assertEquals(
                3,
                fixtures.count(
                        "SELECT count(*) FROM registry_change_item WHERE change_id = ?", changeId));
        assertEquals("BIND9 remote name daemon controller (rndc)", rndcDescription());
        given().get("/api/v1/history/" + changeId).then().statusCode(200).body("items", hasSize(3));
    }

    @Test
    void aBrokenFileIsA400WithWhereAndWhyAndChangesNothing() {
        List<String> before = fixtures.state();
        body(operator, "/iana/bad-port.xml")
                .post(IMPORT + "?dryRun=false")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"))
                .body("detail", containsString("record 2 (line 10)"))
                .body("detail", containsString("70000"));
        as(operator)
                .contentType("application/xml")
                .body("<registry><record><number>1")
                .post(IMPORT + "?dryRun=false")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("file"));
        as(operator)
                .contentType("text/plain")
                .body(new byte[0])
                .post(IMPORT + "?dryRun=false")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("file"));
        assertEquals(before, fixtures.state());
    }

    @Test
    void onlyOperatorsImport() {
        given().contentType("application/xml")
                .body(HistoryFixtures.bytes("/iana/sample-modified.xml"))
                .post(IMPORT)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        String expert = fixtures.account(Roles.EXPERT);
        body(expert, "/iana/sample-modified.xml")
                .post(IMPORT + "?dryRun=false")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(expert)
                .contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/x.xml", "dryRun", false))
                .post(IMPORT)
                .then()
                .statusCode(403);
        assertEquals("BIND9 remote name daemon controller", rndcDescription());
    }

    @Test
    void importsFromAUrlAsJson() throws IOException {
        byte[] file = HistoryFixtures.bytes("/iana/sample-modified.xml");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/registry.xml",
                ex -> {
                    ex.sendResponseHeaders(200, file.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(file);
                    }
                });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/registry.xml";
            as(operator)
                    .contentType(ContentType.JSON)
                    .body(Map.of("url", url))
                    .post(IMPORT)
                    .then()
                    .statusCode(200)
                    .body("dryRun", equalTo(true))
                    .body("source", equalTo(url))
                    .body("changed.total", equalTo(1));
            assertEquals("BIND9 remote name daemon controller", rndcDescription());
            as(operator)
                    .contentType(ContentType.JSON)
                    .body(Map.of("url", url, "dryRun", false))
                    .post(IMPORT + "?limit=0")
                    .then()
                    .statusCode(200)
                    .body("changed.total", equalTo(1))
                    .body("changed.items", hasSize(0))
                    .body("changed.truncated", equalTo(true))
                    .body("result.changed", equalTo(1));
            assertEquals("BIND9 remote name daemon controller (rndc)", rndcDescription());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badInputsNameTheirField() {
        json(Map.of(), "url");
        json(Map.of("url", "/etc/passwd"), "url");
        json(Map.of("url", "file:///etc/passwd"), "url");
        json(Map.of("url", "http://127.0.0.1:9/nothing-listens-here.xml"), "url");
        body(operator, "/iana/sample-modified.xml")
                .post(IMPORT + "?dryRun=maybe")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("dryRun"));
        body(operator, "/iana/sample-modified.xml")
                .post(IMPORT + "?limit=5000")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    private void json(Map<String, Object> command, String field) {
        as(operator)
                .contentType(ContentType.JSON)
                .body(command)
                .post(IMPORT)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }

    @Test
    void aMultipartUploadCarriesTheCsrfPair() {
        // The token is signed (issue 7): a made-up pair is refused, a pair the app made works.
        String forged = "AAAAAAAAAAAAAAAAAAAAAA";
        as(operator)
                .cookie("portreg-csrf", forged)
                .header("X-CSRF-TOKEN", forged)
                .multiPart(
                        "file",
                        "sample-modified.xml",
                        HistoryFixtures.bytes("/iana/sample-modified.xml"),
                        "application/xml")
                .multiPart("dryRun", "true")
                .post(IMPORT)
                .then()
                .statusCode(400);
        dev.portreg.support.FormSession page = new dev.portreg.support.FormSession();
        page.get("/login");
        as(operator)
                .cookie("portreg-csrf", page.cookie("portreg-csrf"))
                .header("X-CSRF-TOKEN", page.token())
                .multiPart(
                        "file",
                        "sample-modified.xml",
                        HistoryFixtures.bytes("/iana/sample-modified.xml"),
                        "application/xml")
                .multiPart("dryRun", "true")
                .post(IMPORT)
                .then()
                .statusCode(200)
                .body("source", equalTo("upload:sample-modified.xml"))
                .body("added.total", equalTo(1));
        // without it the CSRF filter refuses the form, as for every multipart post
        as(operator)
                .multiPart(
                        "file",
                        "sample-modified.xml",
                        HistoryFixtures.bytes("/iana/sample-modified.xml"),
                        "application/xml")
                .post(IMPORT)
                .then()
                .statusCode(400);
    }

    @Test
    void aPreviewTheRegistryMovedAwayFromIsRefused() {
        OperatorImports.Prepared p =
                imports.fromUpload(
                        "sample-modified.xml",
                        HistoryFixtures.bytes("/iana/sample-modified.xml"),
                        0);
        importer.importFrom(HistoryFixtures.path("/iana/sample-modified.xml"), "someone-else");
        long changes = fixtures.changes();
        String digest = fixtures.state().get(6);
        ProblemException e = assertThrows(ProblemException.class, () -> imports.apply(p, operator));
        assertEquals(409, e.status());
        assertEquals(changes, fixtures.changes(), "no history row");
        assertEquals(digest, fixtures.state().get(6), "no entry written");
        assertNotEquals(null, e.getMessage());
    }
}
