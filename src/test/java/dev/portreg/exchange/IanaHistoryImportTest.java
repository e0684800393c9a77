package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.Urls;
import dev.portreg.registry.Entry;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import dev.portreg.support.IanaFiles;
import dev.portreg.support.IanaFiles.Format;
import dev.portreg.support.IanaFiles.IanaFile;
import dev.portreg.support.IanaFiles.Row;
import dev.portreg.support.IanaFiles.Status;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real IANA file of eleven years (../shared/data/iana and history/) imports completely into
 * an empty registry: its record count, every record's name (legacy names exactly), ports and
 * protocol in file order, every (port, transport) status against an independent reading of the raw
 * file (support/IanaFiles), and the changes IANA made between versions. Skipped without the files,
 * unless PORTREG_REQUIRE_IANA=true.
 */
@QuarkusTest
class IanaHistoryImportTest {

    private static final List<Transport> TCP_UDP = List.of(Transport.TCP, Transport.UDP);

    @Inject RegistryImporter importer;
    @Inject Registry registry;
    @Inject TestDb db;

    @BeforeEach
    void needsTheFiles() {
        IanaFiles.assumePresent();
    }

    @AfterEach
    void leaveTheSample() {
        db.resetTo(Fixtures.path("sample.xml"));
    }

    static List<IanaFile> files() {
        return IanaFiles.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void importsCompletelyIntoAnEmptyRegistry(IanaFile f) {
        db.clearRegistry();
        byte[] bytes = f.bytes();
        RegistryDocument doc = RegistryReaders.read(bytes, f.file().toString());
        ImportResult r = importer.importDocument(doc, f.file().toString(), "tester");

        assertEquals("seed", r.kind());
        assertEquals(f.records(), r.entries(), "records of " + f);
        assertEquals(f.records(), r.added());
        if (f.people() != null) {
            assertEquals(f.people(), doc.people().size(), "people of " + f);
            assertEquals(f.date(), doc.info().updated(), "<updated> of " + f);
        }
        RegistrySnapshot s = registry.snapshot();
        assertEquals(f.records(), s.entries().size());
        assertFalse(s.info().orElseThrow().partial());

        List<Row> rows = IanaFiles.rows(f);
        assertEquals(f.records(), rows.size(), "the independent reading of " + f);
        assertEntriesAsWritten(f, rows, s);
        assertStatusesAsComputed(f, rows, s);
        assertKnownChanges(f, s);
        if (f.format() == Format.CSV) {
            assertCsvVariants(f, bytes, rows, s);
        }
        if (f.beforeNetAssistant()) {
            assertLegacyNameShown();
        }
        if (f.equals(IanaFiles.ALL.get(0))) {
            assertLegacyNameExported();
        }
    }

    /** Every record in file order: the name exactly as written, the ports, the protocol. */
    private static void assertEntriesAsWritten(IanaFile f, List<Row> rows, RegistrySnapshot s) {
        List<Entry> entries =
                s.entries().stream()
                        .sorted(Comparator.comparingInt(StoredEntry::position))
                        .map(StoredEntry::entry)
                        .toList();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Entry e = entries.get(i);
            List<Object> want =
                    new ArrayList<>(
                            List.of(
                                    row.name(),
                                    ports(row.number()),
                                    row.protocol().toLowerCase(java.util.Locale.ROOT)));
            List<Object> got =
                    new ArrayList<>(
                            List.of(
                                    Objects.toString(e.serviceName(), ""),
                                    e.ports() == null
                                            ? ""
                                            : e.ports().from() + "-" + e.ports().to(),
                                    e.transport() == null ? "" : e.transport().slug()));
            if (f.format() == Format.CSV) {
                // Descriptions and notes keep their line breaks; column 11 under either name.
                want.addAll(List.of(row.description(), row.notes(), row.unauthorized()));
                got.addAll(
                        List.of(
                                e.description(),
                                Objects.toString(e.notes(), ""),
                                Objects.toString(e.unauthorized(), "")));
            }
            if (!want.equals(got)) {
                wrong.add("record " + (i + 1) + ": file " + want + ", registry " + got);
            }
        }
        assertTrue(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " records differ in "
                                + f
                                + ": "
                                + wrong.subList(0, Math.min(5, wrong.size())));
    }

    private static String ports(String number) {
        if (number.isEmpty()) {
            return "";
        }
        String[] b = number.split("-");
        return Integer.parseInt(b[0].strip()) + "-" + Integer.parseInt(b[b.length - 1].strip());
    }

    /** Every (port, transport) of 0-65535 against domain.md §9 applied to the raw rows. */
    private static void assertStatusesAsComputed(IanaFile f, List<Row> rows, RegistrySnapshot s) {
        Status[][] expected = IanaFiles.statuses(rows);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (int t = 0; t < IanaFiles.TRANSPORTS.size(); t++) {
            Transport transport = Transport.parse(IanaFiles.TRANSPORTS.get(t)).orElseThrow();
            for (int p = 0; p <= 65535; p++) {
                checked++;
                PortStatus got = s.status(p, transport);
                if (!got.name().equals(expected[t][p].name())) {
                    wrong.add(
                            p
                                    + "/"
                                    + transport.slug()
                                    + ": "
                                    + expected[t][p]
                                    + " in the file, "
                                    + got
                                    + " in the registry");
                }
            }
        }
        assertEquals(4 * 65536, checked);
        assertTrue(
                wrong.isEmpty(),
                () ->
                        wrong.size()
                                + " statuses differ in "
                                + f
                                + ": "
                                + wrong.subList(0, Math.min(10, wrong.size())));
    }

    @org.junit.jupiter.api.Test
    void anEarlyAllocationOfIanasFileShowsItsDatesOnThePortPageAndInTheApi() {
        IanaFile f =
                IanaFiles.ALL.stream()
                        .filter(x -> x.date().equals(LocalDate.parse("2024-03-18")))
                        .findFirst()
                        .orElseThrow();
        db.resetTo(f.file().toString());
        io.restassured.RestAssured.given()
                .get("/api/v1/ports/914")
                .then()
                .statusCode(200)
                .body(
                        "entries.find { it.serviceName == 'rift-lies' }.earlyAllocation.registered",
                        org.hamcrest.Matchers.equalTo("2023-02-17"))
                .body(
                        "entries.find { it.serviceName == 'rift-lies' }.earlyAllocation.extended",
                        org.hamcrest.Matchers.equalTo("2024-01-12"))
                .body(
                        "entries.find { it.serviceName == 'rift-lies' }.earlyAllocation.expires",
                        org.hamcrest.Matchers.equalTo("2025-02-17"))
                .body(
                        "entries.find { it.transport == 'tcp' }.earlyAllocation",
                        org.hamcrest.Matchers.nullValue());
        String html = io.restassured.RestAssured.given().get("/ports/914").asString();
        assertTrue(html.contains("title=\"Early allocation (RFC 7120)\">Temporary</span>"), html);
        assertTrue(
                html.contains(
                        "extended <time datetime=\"2024-01-12\">2024-01-12</time> (its one"
                                + " extension), expires <time datetime=\"2025-02-17\">"),
                html);
    }

    /** What IANA changed between these versions, each in the files before and after. */
    private static void assertKnownChanges(IanaFile f, RegistrySnapshot s) {
        // 938 is free everywhere in every version. Its free run on TCP and UDP was 914-988
        // until rndc took 953 (2017-06-08), 914-952 until RIFT took 914/915 (2023-02-17), and
        // 916-952 (37 ports) since.
        for (Transport t : Transport.ALL) {
            assertEquals(PortStatus.UNASSIGNED, s.status(938, t), "938/" + t + " in " + f);
        }
        Ports gap =
                before(f, "2017-06-08")
                        ? new Ports(914, 988)
                        : before(f, "2023-02-17") ? new Ports(914, 952) : new Ports(916, 952);
        assertEquals(gap, s.gapAround(938, TCP_UDP).orElseThrow(), "the free run around 938");

        // 3283: the 36-character legacy name until 2025-01-23, then net-assistant.
        for (Transport t : TCP_UDP) {
            List<Entry> at = named(s, 3283, t);
            assertEquals(1, at.size(), "3283/" + t + " in " + f);
            if (f.beforeNetAssistant()) {
                assertEquals(IanaFiles.APPLE_REMOTE_DESKTOP, at.get(0).serviceName());
                assertTrue(at.get(0).legacyName(), "marked legacy");
            } else {
                assertEquals("net-assistant", at.get(0).serviceName());
                assertFalse(at.get(0).legacyName());
            }
        }

        // smtp moved from Jon Postel to the IESG / IETF Chair on 2017-06-05.
        Entry smtp = named(s, 25, Transport.TCP).get(0);
        assertEquals("smtp", smtp.serviceName());
        if (before(f, "2017-06-05")) {
            assertEquals("Jon_Postel", smtp.assigneeId());
        } else {
            assertEquals("IESG", smtp.assigneeId());
            assertEquals("IETF_Chair", smtp.contactId());
            assertEquals("2017-06-05", smtp.modified());
        }

        // rndc on 953/tcp, registered 2017-06-08, udp Reserved from then on.
        if (before(f, "2017-06-08")) {
            assertStatus(s, 953, PortStatus.UNASSIGNED, PortStatus.UNASSIGNED);
        } else {
            assertStatus(s, 953, PortStatus.ASSIGNED, PortStatus.RESERVED);
            assertEquals("rndc", named(s, 953, Transport.TCP).get(0).serviceName());
        }

        // RIFT on udp 914: an early allocation (RFC 7120) from 2023-02-17, written only into the
        // description as TEMPORARY until the permanent assignment of 2024-06-07.
        if (before(f, "2023-02-17")) {
            assertStatus(s, 914, PortStatus.UNASSIGNED, PortStatus.UNASSIGNED);
        } else {
            assertStatus(s, 914, PortStatus.RESERVED, PortStatus.ASSIGNED);
            Entry rift = named(s, 914, Transport.UDP).get(0);
            assertEquals("rift-lies", rift.serviceName());
            assertEquals(
                    before(f, "2024-06-07"),
                    rift.description().contains("(TEMPORARY - registered 2023-02-17"),
                    rift.description());
            // Recognised as an early allocation, extended once on 2024-01-12, until permanent.
            assertEquals(
                    before(f, "2024-06-07")
                            ? java.util.Optional.of(
                                    new dev.portreg.registry.EarlyAllocation(
                                            LocalDate.parse("2023-02-17"),
                                            LocalDate.parse("2024-01-12"),
                                            LocalDate.parse("2025-02-17")))
                            : java.util.Optional.empty(),
                    dev.portreg.registry.EarlyAllocation.in(rift.description()),
                    rift.description());
        }

        // De-assignments leave the port Reserved: 359 (2023-11-16), compressnet on 2
        // (2025-02-13), NETCONF over BEEP on 831 (RFC 9900, 2025-09-29).
        assertDeAssigned(f, s, 359, "2023-11-16");
        assertDeAssigned(f, s, 2, "2025-02-13");
        assertDeAssigned(f, s, 831, "2025-09-29");

        // tacacss on 300/tcp (RFC 9887), registered 2025-07-15, udp Reserved.
        if (before(f, "2025-07-15")) {
            assertStatus(s, 300, PortStatus.UNASSIGNED, PortStatus.UNASSIGNED);
        } else {
            assertStatus(s, 300, PortStatus.ASSIGNED, PortStatus.RESERVED);
            assertEquals("tacacss", named(s, 300, Transport.TCP).get(0).serviceName());
        }
    }

    private static void assertDeAssigned(IanaFile f, RegistrySnapshot s, int port, String on) {
        PortStatus want = before(f, on) ? PortStatus.ASSIGNED : PortStatus.RESERVED;
        assertEquals(want, s.status(port, Transport.TCP), port + "/tcp in " + f);
    }

    private static void assertStatus(RegistrySnapshot s, int port, PortStatus tcp, PortStatus udp) {
        assertEquals(
                List.of(tcp, udp),
                List.of(s.status(port, Transport.TCP), s.status(port, Transport.UDP)),
                "port " + port);
    }

    private static boolean before(IanaFile f, String date) {
        return f.date().isBefore(LocalDate.parse(date));
    }

    private static List<Entry> named(RegistrySnapshot s, int port, Transport t) {
        return s.entriesAt(port).stream()
                .map(StoredEntry::entry)
                .filter(e -> e.covers(t) && e.serviceName() != null)
                .toList();
    }

    /**
     * The CSV variants: CRLF record endings with bare LF inside quoted fields (2024-05, 2026-04),
     * and column 11 named "Known Unauthorized Uses" before September 2020.
     */
    private static void assertCsvVariants(
            IanaFile f, byte[] bytes, List<Row> rows, RegistrySnapshot s) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        long multiLine =
                rows.stream()
                        .filter(r -> r.description().contains("\n") || r.notes().contains("\n"))
                        .count();
        assertTrue(multiLine > 200, "fields with line breaks in " + f + ": " + multiLine);
        assertTrue(
                s.entries().stream()
                        .map(StoredEntry::entry)
                        .noneMatch(
                                e ->
                                        e.description().contains("\r")
                                                || Objects.toString(e.notes(), "").contains("\r")),
                "no carriage return is left in a field of " + f);
        if (text.contains("\r\n")) {
            assertTrue(f.date().getYear() >= 2024, f + " ends its records with CRLF");
            assertFalse(text.replace("\r\n", "").contains("\r"), "CR only ends records");
        }
        String column11 = IanaFiles.csvHeader(f).get(10);
        if (before(f, "2020-09-01")) {
            assertEquals("Known Unauthorized Uses", column11);
        } else {
            assertEquals("Unauthorized Use Reported", column11);
        }
        Entry finger = named(s, 79, Transport.TCP).get(0);
        assertEquals("finger", finger.serviceName());
        assertTrue(
                finger.unauthorized() != null && !finger.unauthorized().isBlank(),
                "column 11 is read under " + column11);
    }

    /**
     * IANA's CSV keeps the 36-character name; /etc/services, whose fields are separated by spaces,
     * cannot hold it and leaves it out, so the file it writes still reads back.
     */
    private static void assertLegacyNameExported() {
        String csv = given().queryParam("format", "csv").get("/api/v1/registry/export").asString();
        assertTrue(
                csv.contains(
                        "\nApple Remote Desktop (Net Assistant),3283,tcp,Net Assistant,[Michael_Stein],"),
                "the CSV export keeps the legacy name");
        byte[] services =
                given().queryParam("format", "services")
                        .get("/api/v1/registry/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        assertFalse(new String(services, StandardCharsets.UTF_8).contains("Apple Remote Desktop"));
        RegistryDocument back = RegistryReaders.read(services, "export.services");
        assertTrue(back.entries().size() > 10_000, "the services export reads back");
    }

    /** The API and the pages show the 36-character name as it is, marked legacy. */
    private static void assertLegacyNameShown() {
        given().get("/api/v1/ports/3283")
                .then()
                .statusCode(200)
                .body("entries[0].serviceName", equalTo(IanaFiles.APPLE_REMOTE_DESKTOP))
                .body("entries[0].legacyName", equalTo(true));
        given().get("/api/v1/services/{name}", IanaFiles.APPLE_REMOTE_DESKTOP)
                .then()
                .statusCode(200)
                .body("name", equalTo(IanaFiles.APPLE_REMOTE_DESKTOP))
                .body("legacyName", equalTo(true));
        given().get("/ports/3283")
                .then()
                .statusCode(200)
                .body(containsString("“Apple Remote Desktop (Net Assistant)” is a legacy name"))
                .body(
                        containsString(
                                "href=\""
                                        + "/services/"
                                        + Urls.segment(IanaFiles.APPLE_REMOTE_DESKTOP)
                                        + "\""));
        given().get("/services/{name}", IanaFiles.APPLE_REMOTE_DESKTOP)
                .then()
                .statusCode(200)
                .body(containsString("<strong>Legacy name.</strong>"));
    }
}
