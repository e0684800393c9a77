package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.Registry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class ExportApiTest {

    @Inject RegistryImporter importer;
    @Inject Registry registry;
    @Inject dev.portreg.support.TestDb db;

    @AfterEach
    void leaveTheSample() {
        db.resetTo(Fixtures.path("sample.xml"));
    }

    private static byte[] export(String format) {
        return given().queryParam("format", format)
                .when()
                .get("/api/v1/registry/export")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
    }

    /** Imports what was exported and expects no change at all. */
    private void reimportChangesNothing(byte[] exported) {
        RegistryDocument doc = RegistryReaders.read(exported, "export");
        RegistryDiff diff = importer.preview(doc);
        assertEquals(List.of(), diff.added(), "added");
        assertEquals(List.of(), diff.changed(), "changed");
        assertEquals(List.of(), diff.removed(), "removed");
        assertEquals(0, diff.moved());
        // An export carries the registry's date only in XML: a CSV or JSON one is forced back in.
        ImportResult r =
                importer.importDocument(
                        doc,
                        "export",
                        "tester",
                        new RegistryImporter.Options(null, true, java.util.Set.of(), null));
        assertTrue(r.unchanged());
    }

    @Test
    void xmlIsTheDefaultAndRoundTrips() {
        importer.importFrom(Fixtures.path("sample.xml"), "tester");
        byte[] xml =
                given().when()
                        .get("/api/v1/registry/export")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("application/xml"))
                        .header(
                                "Content-Disposition",
                                "attachment; filename=\"service-names-port-numbers.xml\"")
                        .extract()
                        .asByteArray();
        String text = new String(xml, StandardCharsets.UTF_8);
        assertTrue(
                text.contains(
                        "<registry xmlns=\"http://www.iana.org/assignments\""
                                + " id=\"service-names-port-numbers\">"),
                text.substring(0, 300));
        assertTrue(
                text.contains(
                        "<record date=\"2017-06-08\">\n    <name>rndc</name>\n"
                                + "    <protocol>tcp</protocol>\n    <assignee>\n"
                                + "      <xref type=\"person\" data=\"Internet_Systems_Consortium_Inc\"/>\n"
                                + "    </assignee>\n"),
                "IANA's element order");
        assertTrue(
                text.contains(
                        "<note>De-assigned on 2025-02-13, previously compressnet by <xref"
                                + " type=\"person\" data=\"Bernie_Volz\"/></note>"),
                "flattened note xrefs become xrefs again");
        assertTrue(text.contains("<uri>mailto:postel&amp;isi.edu</uri>"));
        assertTrue(text.contains("<footnote anchor=\"1\">"));
        reimportChangesNothing(xml);
    }

    @Test
    void xmlOfTheQuirksRoundTripsWithHeaderAndPeople() {
        importer.importFrom(Fixtures.path("quirks.xml"), "tester");
        byte[] xml = export("xml");
        RegistryDocument doc = RegistryReaders.read(xml, "export");
        var snapshot = registry.snapshot();
        var info = snapshot.info().orElseThrow();
        assertEquals(info.title(), doc.info().title());
        assertEquals(info.category(), doc.info().category());
        assertEquals(info.updated(), doc.info().updated());
        assertEquals(info.expert(), doc.info().expert());
        assertEquals(info.notes(), doc.info().notes());
        assertEquals(info.footnotes(), doc.info().footnotes());
        assertEquals(
                snapshot.people(),
                doc.people().stream()
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        dev.portreg.registry.Person::id, p -> p)),
                "people, including two mailto URIs and a tel: URI");
        reimportChangesNothing(xml);
    }

    @Test
    void csvIsWrittenExactlyAsIanaWritesIt() {
        db.resetTo(Fixtures.path("quirks.csv"));
        byte[] csv =
                given().queryParam("format", "csv")
                        .when()
                        .get("/api/v1/registry/export")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/csv"))
                        .extract()
                        .asByteArray();
        assertEquals(Fixtures.readString("quirks.csv"), new String(csv, StandardCharsets.UTF_8));
        reimportChangesNothing(csv);
    }

    @Test
    void csvOfAnXmlRegistryRoundTrips() {
        importer.importFrom(Fixtures.path("sample.xml"), "tester");
        byte[] csv = export("csv");
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(
                text.startsWith(
                        "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,"
                                + "Registration Date,Modification Date,Reference,Service Code,"
                                + "Unauthorized Use Reported,Assignment Notes\n"));
        assertTrue(
                text.contains(
                        "exp1,1021,tcp,RFC3692-style Experiment 1,[IESG],[IETF_Chair],,,"
                                + "[1][RFC4727][RFC6335],,,\n"),
                text);
        assertTrue(text.contains("\n,916-952,,Unassigned,,,,,,,,\n"));
        RegistryDocument doc = RegistryReaders.read(csv, "export.csv");
        assertEquals(69, doc.entries().size());
        importer.importDocument(
                doc,
                "export.csv",
                "tester",
                new RegistryImporter.Options(
                        java.time.LocalDate.of(2026, 8, 17), false, java.util.Set.of(), null));
        reimportChangesNothing(export("csv"));
    }

    @Test
    void jsonHasTheRegistryPeopleAndEntriesInLowerCase() {
        importer.importFrom(Fixtures.path("sample.xml"), "tester");
        given().queryParam("format", "json")
                .when()
                .get("/api/v1/registry/export")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body(
                        "registry.title",
                        equalTo("Service Name and Transport Protocol Port Number Registry"))
                .body("registry.updated", equalTo("2026-08-17"))
                .body("registry.format", equalTo("iana-xml"))
                .body("registry.partial", equalTo(false))
                .body("registry.footnotes[0].anchor", equalTo("1"))
                .body("registry.entries", equalTo(69))
                .body("entries.size()", equalTo(69))
                .body("entries[0].key", equalTo("/0/tcp"))
                .body("entries[0].transport", equalTo("tcp"))
                .body("entries[0].status", equalTo("reserved"))
                .body("entries.find { it.key == 'rndc/953/tcp' }.status", equalTo("assigned"))
                .body("entries.find { it.key == 'rndc/953/tcp' }.portFrom", equalTo(953))
                .body("entries.find { it.key == '/916-952/' }.transport", nullValue())
                .body("entries.find { it.key == '/916-952/' }.status", equalTo("unassigned"))
                .body(
                        "entries.find { it.key == 'rdp//#2' }.description",
                        equalTo("Windows Remote Desktop Protocol"))
                .body(
                        "entries.find { it.key == 'exp1/1021/tcp' }.references.type",
                        contains("note", "rfc", "rfc"))
                .body("people.id", hasItem("Jon_Postel"))
                .body("people.find { it.id == 'Jon_Postel' }.email", equalTo("postel@isi.edu"));
    }

    @Test
    void servicesPutsAliasesOnOneLineAndExpandsRanges() {
        importer.importFrom(Fixtures.path("sample.xml"), "tester");
        String text =
                given().queryParam("format", "services")
                        .when()
                        .get("/api/v1/registry/export")
                        .then()
                        .statusCode(200)
                        .contentType(startsWith("text/plain"))
                        .extract()
                        .asString();
        List<String> lines = Arrays.asList(text.split("\n"));
        assertTrue(
                lines.contains("http            80/tcp www www-http\t# World Wide Web HTTP"), text);
        assertTrue(lines.contains("http            80/sctp\t# HTTP"), text);
        assertTrue(
                lines.contains(
                        "sql-net         66/tcp sql*net\t# Oracle SQL*NET IANA assigned this"
                                + " well-formed service name as a replacement for \"sql*net\"."),
                text);
        assertTrue(
                lines.contains("rndc            953/tcp\t# BIND9 remote name daemon controller"),
                text);
        assertEquals(64, lines.stream().filter(l -> l.matches("x11 +60\\d\\d/tcp.*")).count());
        assertTrue(lines.contains("x11             6063/udp\t# X Window System"), text);
        assertTrue(lines.contains("exp1            1021/dccp\t# RFC3692-style Experiment 1"), text);
        assertFalse(text.contains("rdp"), "name-only entries are left out");
        assertFalse(text.contains("Unassigned"), "status rows are left out");
        assertFalse(lines.stream().anyMatch(l -> l.contains("953/udp")), "reserved 953/udp");
        assertTrue(lines.get(0).startsWith("# "));
    }

    @Test
    void glibcReadsTheServicesExport(@TempDir Path dir) throws Exception {
        importer.importFrom(Fixtures.path("sample.xml"), "tester");
        Path file = dir.resolve("services");
        Files.write(file, export("services"));
        String rndc = getent(file, "rndc/tcp");
        assertTrue(rndc.matches("rndc\\s+953/tcp\\s*\\n?"), rndc);
        String www = getent(file, "www/tcp");
        assertTrue(www.matches("http\\s+80/tcp\\s+www www-http\\s*\\n?"), www);
        assertTrue(getent(file, "6010/tcp").startsWith("x11 "), "by port, inside a range");
    }

    /** Runs getent with FILE mounted over /etc/services in a private mount namespace. */
    private static String getent(Path file, String key) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(
                                "unshare",
                                "-m",
                                "sh",
                                "-c",
                                "mount --bind \"$0\" /etc/services && getent services \"$1\"",
                                file.toString(),
                                key)
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Assumptions.assumeFalse(
                p.exitValue() != 0 && (out.contains("unshare") || out.contains("mount")),
                "cannot mount over /etc/services here (needs root and unshare): " + out.strip());
        assertEquals(0, p.exitValue(), "getent services " + key + ": " + out);
        return out;
    }

    @Test
    void anUnknownFormatIsABadRequestProblem() {
        given().queryParam("format", "yaml")
                .when()
                .get("/api/v1/registry/export")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("/problems#invalid-input"))
                .body("title", equalTo("Invalid input"))
                .body("status", equalTo(400))
                .body("detail", containsString("\"yaml\""))
                .body("errors[0].field", equalTo("format"))
                .body(
                        "errors[0].message",
                        equalTo(
                                "unknown export format \"yaml\": use one of xml, csv, json, services"));
    }
}
