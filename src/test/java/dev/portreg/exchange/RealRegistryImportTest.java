package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.Person;
import dev.portreg.registry.PortRange;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import dev.portreg.support.TestDb;
import io.quarkus.logging.Log;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Imports IANA's real files (from system property portreg.iana.dir) and checks the facts of
 * domain.md §9. Skipped when the files are absent, unless PORTREG_REQUIRE_IANA=true.
 */
@QuarkusTest
class RealRegistryImportTest {

    private static final List<Transport> TCP_UDP = List.of(Transport.TCP, Transport.UDP);

    @Inject RegistryImporter importer;
    @Inject Registry registry;
    @Inject TestDb db;

    @BeforeEach
    void needsTheRealFiles() {
        Fixtures.assumeRealFiles();
    }

    @AfterEach
    void leaveTheSample() {
        db.resetTo(Fixtures.path("sample.xml"));
    }

    @Test
    void importsTheFullXmlIntoAnEmptyRegistryQuickly() throws Exception {
        byte[] xml = Files.readAllBytes(Fixtures.realXml());
        db.clearRegistry();
        registry.reload();
        long start = System.nanoTime();
        RegistryDocument doc = RegistryReaders.read(xml, Fixtures.realXml().toString());
        long parsed = System.nanoTime();
        ImportResult r = importer.importDocument(doc, Fixtures.realXml().toString(), "tester");
        long millis = (System.nanoTime() - start) / 1_000_000;
        Log.infof(
                "full IANA XML into an empty registry: parse %d ms + import transaction %d ms"
                        + " + reload %d ms = %d ms (load average %s)",
                (parsed - start) / 1_000_000,
                r.millis(),
                (System.nanoTime() - parsed) / 1_000_000 - r.millis(),
                millis,
                loadAverage());
        assertEquals("seed", r.kind());
        assertEquals(14_533, r.added());
        assertEquals(14_533, db.count("SELECT count(*) FROM registry_entry"));
        assertEquals(5_615, doc.people().size());
        assertEquals(
                5_615,
                db.count(
                        "SELECT count(*) FROM person WHERE id = ANY(?)",
                        (Object) doc.people().stream().map(Person::id).toArray(String[]::new)));
        // The target is well under 3 s on an idle 2-core machine; the bound only catches a
        // pathological regression (row-by-row inserts take minutes) on a shared, loaded one.
        assertTrue(millis < 30_000, "the full XML took " + millis + " ms to import");

        RegistrySnapshot s = registry.snapshot();
        assertEquals(14_533, s.entries().size());
        assertTrue(s.people().keySet().containsAll(doc.people().stream().map(Person::id).toList()));
        assertEquals("2026-08-17", s.info().orElseThrow().updated().toString());
        assertSection91(s);
        assertGaps(s);
        assertCounts(
                s,
                Map.of(
                        Transport.TCP, new int[] {5_466, 208, 42_438, 1, 15},
                        Transport.UDP, new int[] {5_078, 590, 42_440, 1, 19},
                        // domain.md gives only tcp/udp for the XML; these follow from its rows
                        Transport.SCTP, new int[] {269, 16, 42_440, 1, 5_402},
                        Transport.DCCP, new int[] {196, 16, 42_438, 1, 5_477}));
        assertEquals(42_438, s.gaps(1024, 49151, TCP_UDP).stream().mapToInt(Ports::size).sum());

        ImportResult again = importer.importDocument(doc, Fixtures.realXml().toString(), "tester");
        assertTrue(again.unchanged(), "a second import of the same file changes nothing");
    }

    @Test
    void importsTheFullCsv() {
        ImportResult r = db.resetTo(Fixtures.realCsv().toString(), "tester");
        assertEquals(14_500, r.entries());
        RegistrySnapshot s = registry.snapshot();
        assertEquals(14_500, s.entries().size());
        assertEquals(1_056, s.entries().stream().filter(e -> e.entry().nameOnly()).count());
        assertEquals(
                883,
                s.entries().stream()
                        .filter(e -> !e.entry().nameOnly() && e.entry().transport() == null)
                        .count());
        assertEquals(
                "FORTÉ", s.byName("vision-mon").get(0).entry().assigneeId(), "non-ASCII survives");
        assertSection91(s);
        assertGaps(s);
        assertCounts(
                s,
                Map.of(
                        Transport.TCP, new int[] {5_460, 206, 42_446, 1, 15},
                        Transport.UDP, new int[] {5_069, 591, 42_448, 1, 19},
                        Transport.SCTP, new int[] {269, 16, 42_448, 1, 5_394},
                        Transport.DCCP, new int[] {196, 16, 42_446, 1, 5_469}));
        assertEquals(42_446, s.gaps(1024, 49151, TCP_UDP).stream().mapToInt(Ports::size).sum());
        assertEquals(0, importer.importFrom(Fixtures.realCsv().toString(), "tester").added());
    }

    @Test
    void theRealXmlRoundTripsThroughTheXmlExport() throws Exception {
        importer.importFrom(Fixtures.realXml().toString(), "tester");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        new IanaXmlWriter().write(registry.snapshot(), out);
        RegistryDocument doc = RegistryReaders.read(out.toByteArray(), "export.xml");
        assertEquals(14_533, doc.entries().size());
        RegistryDiff diff = importer.preview(doc);
        assertTrue(diff.isEmpty(), () -> "changed: " + diff.changed().stream().limit(3).toList());
        assertEquals(0, diff.moved());
    }

    @Test
    void theRealCsvIsExportedByteForByte() throws Exception {
        db.resetTo(Fixtures.realCsv().toString(), "tester");
        byte[] csv =
                io.restassured.RestAssured.given()
                        .queryParam("format", "csv")
                        .when()
                        .get("/api/v1/registry/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asByteArray();
        // Byte for byte, except that IANA writes six one-port gap rows as "4748-4748": the
        // registry keeps a port range, not its spelling, and writes "4748".
        String expected =
                Files.readString(Fixtures.realCsv()).replaceAll("(?m)^,(\\d+)-\\1,", ",$1,");
        List<String> want = expected.lines().toList();
        List<String> got =
                new String(csv, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertEquals(want.get(i), got.get(i), "line " + (i + 1) + " of the CSV export");
        }
        assertEquals(expected, new String(csv, java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(importer.preview(RegistryReaders.read(csv, "export.csv")).isEmpty());
    }

    private static String loadAverage() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** domain.md §9.1 (the same in both files). */
    private static void assertSection91(RegistrySnapshot s) {
        for (Transport t : Transport.ALL) {
            assertEquals(PortStatus.UNASSIGNED, s.status(938, t), "938/" + t);
        }
        assertEquals(PortStatus.RESERVED, s.status(914, Transport.TCP));
        assertEquals(PortStatus.ASSIGNED, s.status(914, Transport.UDP));
        assertEquals(List.of("rift-lies"), namesAt(s, 914, Transport.UDP));
        assertEquals(PortStatus.RESERVED, s.status(915, Transport.TCP));
        assertEquals(List.of("rift-ties"), namesAt(s, 915, Transport.UDP));
        assertEquals(PortStatus.ASSIGNED, s.status(953, Transport.TCP));
        assertEquals(List.of("rndc"), namesAt(s, 953, Transport.TCP));
        assertEquals(PortStatus.RESERVED, s.status(953, Transport.UDP));
        for (Transport t : TCP_UDP) {
            assertEquals(List.of("ssh"), namesAt(s, 22, t));
            assertEquals(List.of("telnet"), namesAt(s, 23, t));
            assertEquals(List.of("smtp"), namesAt(s, 25, t));
            assertEquals(List.of("domain"), namesAt(s, 53, t));
            assertEquals(List.of("http", "www", "www-http"), namesAt(s, 80, t));
            assertEquals(List.of("https"), namesAt(s, 443, t));
            for (int p : List.of(0, 1023, 1024)) {
                assertEquals(PortStatus.RESERVED, s.status(p, t), p + "/" + t);
            }
        }
        assertEquals(List.of("ssh"), namesAt(s, 22, Transport.SCTP));
        assertEquals(List.of("http"), namesAt(s, 80, Transport.SCTP));
        assertEquals(List.of("https"), namesAt(s, 443, Transport.SCTP));
        for (Transport t : Transport.ALL) {
            assertEquals(List.of("exp1"), namesAt(s, 1021, t));
            assertEquals(List.of("exp2"), namesAt(s, 1022, t));
        }
        StoredEntry smtp = s.byName("smtp").get(0);
        assertEquals("IESG", smtp.entry().assigneeId());
        assertEquals("IETF_Chair", smtp.entry().contactId());
        assertEquals("2017-06-05", smtp.entry().modified());
        StoredEntry rift = s.byName("rift-lies").get(0);
        assertEquals("2023-02-17", rift.entry().registered());
        assertEquals("2024-06-07", rift.entry().modified());
        assertEquals("2017-06-08", s.byName("rndc").get(0).entry().registered());
    }

    /** domain.md §9.2: 48 gaps, 282 ports in 0-1023 on tcp+udp, 916-952 the largest. */
    private static void assertGaps(RegistrySnapshot s) {
        List<Ports> gaps = s.gaps(0, 1023, TCP_UDP);
        assertEquals(48, gaps.size());
        assertEquals(282, gaps.stream().mapToInt(Ports::size).sum());
        assertEquals(
                new Ports(916, 952),
                gaps.stream().max(Comparator.comparingInt(Ports::size)).orElseThrow());
        assertEquals(gaps, s.gaps(0, 1023, List.of(Transport.TCP)));
        assertEquals(gaps, s.gaps(0, 1023, List.of(Transport.UDP)));
        assertTrue(gaps.contains(new Ports(781, 799)));
        assertTrue(gaps.contains(new Ports(954, 988)));
    }

    /**
     * domain.md §9.3: the System range is the same in both files; {@code user} holds the User
     * counts per transport (assigned, reserved, unassigned, other, none).
     */
    private static void assertCounts(RegistrySnapshot s, Map<Transport, int[]> user) {
        var c = s.counts();
        assertRow(c.get(PortRange.SYSTEM).get(Transport.TCP), 689, 51, 282, 0, 2);
        assertRow(c.get(PortRange.SYSTEM).get(Transport.UDP), 685, 56, 282, 1, 0);
        assertRow(c.get(PortRange.SYSTEM).get(Transport.SCTP), 9, 37, 266, 0, 712);
        assertRow(c.get(PortRange.SYSTEM).get(Transport.DCCP), 3, 37, 266, 0, 718);
        for (Transport t : Transport.ALL) {
            assertRow(c.get(PortRange.USER).get(t), user.get(t));
        }
        for (Transport t : Transport.ALL) {
            assertRow(c.get(PortRange.DYNAMIC).get(t), 0, 0, 0, 0, 16_384);
        }
    }

    private static void assertRow(Map<PortStatus, Integer> row, int... expected) {
        assertEquals(
                List.of(expected[0], expected[1], expected[2], expected[3], expected[4]),
                List.of(
                        row.get(PortStatus.ASSIGNED),
                        row.get(PortStatus.RESERVED),
                        row.get(PortStatus.UNASSIGNED),
                        row.get(PortStatus.OTHER),
                        row.get(PortStatus.UNLISTED)));
    }

    private static List<String> namesAt(RegistrySnapshot s, int port, Transport t) {
        return s.entriesAt(port).stream()
                .map(StoredEntry::entry)
                .filter(e -> e.covers(t) && e.serviceName() != null)
                .map(e -> e.serviceName())
                .toList();
    }
}
