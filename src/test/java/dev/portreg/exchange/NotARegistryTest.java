package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portreg.account.Roles;
import dev.portreg.support.FormSession;
import dev.portreg.support.HistoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A file that is not a registry is refused with what it looks like, not a parser detail: by the
 * readers, the import API (400 problem on "file" or "url") and the import page (422 on the form).
 * Nothing changes.
 */
@QuarkusTest
class NotARegistryTest {

    private static final String IMPORT = "/api/v1/registry/import";

    @Inject HistoryFixtures fixtures;

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

    /** A file someone may take for a registry, and the start of what it is said to be. */
    record Case(String name, byte[] content, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                text(
                        "page.csv",
                        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                                + "<title>Service Name and Transport Protocol Port Number"
                                + " Registry</title></head><body><table>...</table></body></html>",
                        "an HTML page titled \"Service Name and Transport Protocol Port Number"
                                + " Registry\", not the registry file itself"),
                text(
                        "error.xml",
                        "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body><center>"
                                + "<h1>404 Not Found</h1></center><hr><center>nginx</center>",
                        "an HTML page titled \"404 Not Found\""),
                text(
                        "export.json",
                        "{\"registry\":{\"id\":\"service-names-port-numbers\"},\"entries\":[]}",
                        "a JSON document"),
                text("empty.csv", "", "empty"),
                text("blank.xml", " \n\t\n", "empty but for white space"),
                new Case(
                        "service-names-port-numbers.xml.gz",
                        gzip(HistoryFixtures.bytes("/iana/sample.xml")),
                        "gzip-compressed: decompress it (gunzip) first"),
                new Case(
                        "registry.zip",
                        new byte[] {0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0},
                        "a ZIP archive"),
                new Case(
                        "registry.bin",
                        new byte[] {0x01, 0x02, 0x00, 0x7f, 0x03},
                        "a binary file, not text"),
                new Case(
                        "utf16.csv",
                        "\uFEFFService Name,Port Number".getBytes(StandardCharsets.UTF_16),
                        "UTF-16 text"),
                text(
                        "feed.xml",
                        "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
                                + "<title>Changes</title></feed>",
                        "an XML document whose root element is <feed> (namespace"
                                + " http://www.w3.org/2005/Atom), not IANA's <registry"),
                text(
                        "protocol-numbers.xml",
                        "<?xml version='1.0' encoding='UTF-8'?>\n<registry"
                                + " xmlns=\"http://www.iana.org/assignments\""
                                + " id=\"protocol-numbers\"><title>Protocol Numbers</title>"
                                + "</registry>",
                        "IANA's \"protocol-numbers\" registry"),
                text(
                        "people.csv",
                        "Name,Email,Organisation,Country\nJon Postel,postel@isi.edu,ISI,US\n",
                        "a CSV file whose header is not IANA's: expected \"Service Name,Port"
                                + " Number,"),
                text(
                        "ports.tsv",
                        "Service Name\tPort Number\tTransport Protocol\tDescription\n",
                        "tab-separated"),
                text(
                        "SOURCE.md",
                        "# Earlier versions of IANA's port registry\n\nUnmodified byte copies of"
                                + " IANA's files.\n",
                        "text in none of the registry formats (IANA XML, IANA CSV,"
                                + " /etc/services): line 3 reads \"Unmodified byte copies of"
                                + " IANA's files.\""));
    }

    private static Case text(String name, String content, String says) {
        return new Case(name, content.getBytes(StandardCharsets.UTF_8), says);
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String message(Case c) {
        return RegistryReaders.NOT_A_REGISTRY + "it is " + c.says();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theReadersSayWhatTheFileIs(Case c) {
        ImportException ex =
                assertThrows(
                        ImportException.class, () -> RegistryReaders.read(c.content(), c.name()));
        assertTrue(ex.getMessage().startsWith(message(c)), ex.getMessage());
        assertTrue(ex.getMessage().endsWith(RegistryReaders.WHAT_TO_IMPORT), ex.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theApiAnswers400OnTheFileAndChangesNothing(Case c) {
        List<String> before = fixtures.state();
        given().auth()
                .preemptive()
                .basic(operator, HistoryFixtures.PASSWORD)
                .contentType("application/octet-stream")
                .body(c.content())
                .post(IMPORT + "?dryRun=false&name=" + c.name())
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("file"))
                .body(
                        "errors[0].message",
                        startsWith(c.content().length == 0 ? "is empty" : message(c)));
        assertEquals(before, fixtures.state());
    }

    @Test
    void aUrlServingAWebPageInsteadOfTheFileIsNamedSo() throws Exception {
        byte[] page =
                ("<!doctype html><html><head><title>Sign in</title></head><body>"
                                + "<form></form></body></html>")
                        .getBytes(StandardCharsets.UTF_8);
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
                "/",
                exchange -> {
                    exchange.getResponseHeaders().add("Content-Type", "text/html");
                    exchange.sendResponseHeaders(200, page.length);
                    exchange.getResponseBody().write(page);
                    exchange.close();
                });
        server.start();
        try {
            String url =
                    "http://127.0.0.1:"
                            + server.getAddress().getPort()
                            + "/service-names-port-numbers.csv";
            List<String> before = fixtures.state();
            given().auth()
                    .preemptive()
                    .basic(operator, HistoryFixtures.PASSWORD)
                    .contentType("application/json")
                    .body(java.util.Map.of("url", url, "dryRun", false))
                    .post(IMPORT)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("url"))
                    .body(
                            "errors[0].message",
                            startsWith(
                                    RegistryReaders.NOT_A_REGISTRY
                                            + "it is an HTML page, not the registry file itself"))
                    // what a server sent is never repeated: not even the page's title
                    .body(
                            "errors[0].message",
                            org.hamcrest.Matchers.not(containsString("Sign in")));
            assertEquals(before, fixtures.state());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theImportPageShowsWhatTheUploadIs() {
        FormSession s =
                FormSession.signedIn(fixtures.account(Roles.IANA), HistoryFixtures.PASSWORD);
        List<String> before = fixtures.state();
        for (Case c : List.of(cases().get(0), cases().get(2), cases().get(5))) {
            s.get("/admin/import");
            s.keep(
                            s.request()
                                    .multiPart("csrf-token", s.token())
                                    .multiPart("file", c.name(), c.content(), "text/csv")
                                    .multiPart("url", "")
                                    .post("/admin/import"))
                    .then()
                    .statusCode(422)
                    .body(containsString("The file could not be imported."))
                    .body(containsString(html(message(c))))
                    .body(containsString("Nothing was changed."))
                    .body(not(containsString("Exception")));
        }
        assertEquals(before, fixtures.state());
    }

    /** As Qute escapes it. */
    private static String html(String text) {
        return text.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;");
    }
}
