package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.HistoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, finding 6: a description "=HYPERLINK(...)" went into the CSV export unchanged, and a
 * spreadsheet opening it would run it. Now such cells are text (a leading quote); the XML, JSON and
 * /etc/services exports keep the text as it is.
 */
@QuarkusTest
class CsvInjectionTest {

    @Inject HistoryFixtures fixtures;
    @Inject RegistryImporter importer;

    @AfterEach
    void back() {
        fixtures.leaveTheSample();
    }

    @Test
    void cellsASpreadsheetWouldRunBecomeText() throws Exception {
        String xml =
                Files.readString(Path.of(HistoryFixtures.path("/iana/sample.xml")))
                        .replace(
                                "BIND9 remote name daemon controller",
                                "=HYPERLINK(\"http://evil.example\",\"click\")");
        Path file = Files.createTempFile("csv-injection", ".xml");
        Files.writeString(file, xml);
        try {
            importer.importFrom(file.toString(), "tester");
        } finally {
            Files.deleteIfExists(file);
        }
        String csv = given().get("/api/v1/registry/export?format=csv").asString();
        assertTrue(
                csv.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\","),
                "neutralised: "
                        + csv.lines().filter(l -> l.contains("HYPERLINK")).findFirst().orElse(""));
        assertTrue(csv.lines().noneMatch(l -> l.contains(",=HYPERLINK")), "never a bare formula");
        assertTrue(
                given().get("/api/v1/registry/export?format=xml")
                                .asString()
                                .contains(
                                        "<description>=HYPERLINK(\"http://evil.example\",\"click\")</description>")
                        || given().get("/api/v1/registry/export?format=xml")
                                .asString()
                                .contains(
                                        "<description>=HYPERLINK(&quot;http://evil.example&quot;,&quot;click&quot;)</description>"));
        assertTrue(
                given().get("/api/v1/registry/export?format=json")
                        .asString()
                        .contains("\"=HYPERLINK(\\\"http://evil.example\\\",\\\"click\\\")\""));
        assertTrue(
                given().get("/api/v1/registry/export?format=services")
                        .asString()
                        .contains("# =HYPERLINK(\"http://evil.example\",\"click\")"));
    }

    @Test
    void everyDangerousFirstCharacterIsNeutralised() throws Exception {
        for (String start : new String[] {"=", "+", "-", "@", "\t", "\r"}) {
            StringWriter out = new StringWriter();
            IanaCsvWriter.line(out, start + "1+1", "plain");
            String text = out.toString();
            assertTrue(
                    text.startsWith("\"'" + start), "for " + (int) start.charAt(0) + ": " + text);
            assertTrue(text.endsWith(",plain\n"), text);
        }
        StringWriter plain = new StringWriter();
        IanaCsvWriter.line(plain, "http", "80", "Hypertext, transfer");
        assertEquals("http,80,\"Hypertext, transfer\"\n", plain.toString());
    }
}
