package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portreg.account.Roles;
import dev.portreg.support.FormSession;
import dev.portreg.support.HistoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, findings 5 and 10 through the operator's API and pages: internal addresses refused,
 * nothing the server sent echoed, credentials and query strings never recorded or shown, and a
 * seeded file shown by its name, not the server's path.
 */
@QuarkusTest
class ImportByUrlTest {

    private static final String IMPORT = "/api/v1/registry/import";

    @Inject HistoryFixtures fixtures;

    private HttpServer server;
    private int port;
    private String operator;

    @BeforeEach
    void start() throws IOException {
        fixtures.seedSample();
        operator = fixtures.account(Roles.IANA);
        byte[] file = HistoryFixtures.bytes("/iana/sample-modified.xml");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/registry.xml",
                ex -> {
                    ex.sendResponseHeaders(200, file.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(file);
                    }
                });
        server.createContext(
                "/not-a-registry",
                ex -> {
                    byte[] b =
                            "TOPSECRET-internal-banner value\nanother line\n"
                                    .getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, b.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(b);
                    }
                });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        fixtures.leaveTheSample();
    }

    private RequestSpecification op() {
        return given().auth().preemptive().basic(operator, HistoryFixtures.PASSWORD);
    }

    @Test
    void loopbackNamesAndInternalAddressesAreRefused() {
        for (String url :
                new String[] {
                    "http://localhost:" + port + "/registry.xml",
                    "http://127.0.0.2:" + port + "/registry.xml",
                    "http://[::1]:" + port + "/registry.xml"
                }) {
            op().contentType(ContentType.JSON)
                    .body(Map.of("url", url))
                    .post(IMPORT)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("url"))
                    .body("errors[0].message", containsString("loopback"));
        }
    }

    @Test
    void whatTheServerSentIsNeverEchoed() {
        op().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:" + port + "/not-a-registry"))
                .post(IMPORT)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("line 1"))
                .body(not(containsString("TOPSECRET")));
    }

    @Test
    void credentialsAndQueryStringsAreNeitherRecordedNorShown() {
        String url = "http://op:s3cret@127.0.0.1:" + port + "/registry.xml?sig=abc123";
        String clean = "http://127.0.0.1:" + port + "/registry.xml";
        op().contentType(ContentType.JSON)
                .body(Map.of("url", url, "dryRun", false))
                .post(IMPORT)
                .then()
                .statusCode(200)
                .body("source", equalTo(clean));
        for (String path :
                new String[] {
                    "/api/v1/registry", "/api/v1/history", "/", "/changes", "/changes.atom"
                }) {
            String body = given().get(path).then().statusCode(200).extract().asString();
            assertFalse(body.contains("s3cret"), path);
            assertFalse(body.contains("abc123"), path);
        }
        given().get("/api/v1/registry").then().body("source", equalTo(clean));
    }

    /** Issue 7, finding 10: the seed's server path was shown publicly. */
    @Test
    void aFileIsShownByItsNameNeverTheServersPath() {
        String dir = HistoryFixtures.path("/iana/sample.xml").replace("sample.xml", "");
        given().get("/api/v1/registry").then().body("source", equalTo("sample.xml"));
        for (String path :
                new String[] {
                    "/",
                    "/about",
                    "/changes",
                    "/changes.atom",
                    "/api/v1/registry",
                    "/api/v1/history",
                    "/api/v1/registry/export?format=services",
                    "/api/v1/registry/export?format=json"
                }) {
            String body = given().get(path).then().statusCode(200).extract().asString();
            assertFalse(body.contains(dir), path + " shows " + dir);
        }
        assertTrue(
                given().get("/api/v1/registry/export?format=services")
                        .asString()
                        .startsWith(
                                "# Network services, Internet style: written by Port Registry from sample.xml"));
    }

    @Test
    void theImportPageAnswersTheSameWay() {
        FormSession s = FormSession.signedIn(operator, HistoryFixtures.PASSWORD);
        s.get("/admin/import");
        s.request()
                .multiPart("url", "http://localhost:" + port + "/registry.xml")
                .multiPart("csrf-token", s.token())
                .post("/admin/import")
                .then()
                .statusCode(422)
                .body(containsString("loopback"));
    }
}
