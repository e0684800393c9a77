package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.Entry;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.Transport;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistryImporterTest {

    @Inject RegistryImporter importer;
    @Inject Registry registry;
    @Inject TestDb db;

    @AfterEach
    void leaveTheSample() {
        db.resetTo(Fixtures.path("sample.xml"));
    }

    private ImportResult seedSample() {
        return db.resetTo(Fixtures.path("sample.xml"), "tester");
    }

    @Test
    void seedsAnEmptyRegistryListingEveryEntry() {
        long changes = db.count("SELECT count(*) FROM registry_change");
        long items = db.count("SELECT count(*) FROM registry_change_item");
        ImportResult r = seedSample();
        assertEquals("seed", r.kind());
        assertEquals(SourceFormat.IANA_XML, r.format());
        assertEquals(69, r.entries());
        assertEquals(69, r.added());
        assertEquals(0, r.changed());
        assertEquals(0, r.removed());
        assertNotNull(r.changeId());
        assertEquals(changes + 1, db.count("SELECT count(*) FROM registry_change"));
        assertEquals(
                items + 69,
                db.count("SELECT count(*) FROM registry_change_item"),
                "a seed lists every entry: the log can answer for its revision");
        assertEquals(
                List.of(
                        List.of(
                                "tester",
                                "seed",
                                Fixtures.path("sample.xml"),
                                "sample.xml",
                                "2026-08-17",
                                "69",
                                "0",
                                "0",
                                "Seeded from sample.xml (IANA XML of 2026-08-17): 69 entries")),
                db.rows(
                        "SELECT actor, kind, source, source_name, source_date::text,"
                                + " added::text, changed::text, removed::text, summary"
                                + " FROM registry_change WHERE id = ?",
                        r.changeId()));
        assertEquals(69, db.count("SELECT count(*) FROM registry_entry"));
    }

    @Test
    void reloadsTheRegistryAndKeepsEntryOrderAndKeys() {
        seedSample();
        RegistrySnapshot s = registry.snapshot();
        assertEquals(69, s.entries().size());
        assertEquals("/0/tcp", s.entries().get(0).key());
        assertEquals("rdp//", s.byName("rdp").get(0).key());
        assertEquals("rdp//#2", s.byName("rdp").get(1).key());
        assertEquals(PortStatus.UNASSIGNED, s.status(938, Transport.TCP));
        assertEquals(PortStatus.ASSIGNED, s.status(953, Transport.TCP));
        assertEquals(PortStatus.RESERVED, s.status(953, Transport.UDP));
        assertEquals(PortStatus.RESERVED, s.status(914, Transport.TCP));
        assertEquals(PortStatus.ASSIGNED, s.status(914, Transport.UDP));
        assertEquals(
                "Service Name and Transport Protocol Port Number Registry",
                s.info().orElseThrow().title());
        assertEquals("Jon Postel", s.person("Jon_Postel").orElseThrow().name());
        assertEquals("postel@isi.edu", s.person("Jon_Postel").orElseThrow().email());
    }

    @Test
    void importingTheSameFileTwiceChangesNothing() {
        seedSample();
        List<Long> before = db.counts();
        String digest = db.entriesDigest();
        String importedAt = db.rows("SELECT imported_at::text FROM registry_info").get(0).get(0);
        ImportResult again = importer.importFrom(Fixtures.path("sample.xml"), "tester");
        assertTrue(again.unchanged());
        assertEquals(0, again.added());
        assertEquals(0, again.changed());
        assertEquals(0, again.removed());
        assertEquals(0, again.moved());
        assertNull(again.changeId(), "no history row for a no-op");
        assertEquals(before, db.counts());
        assertEquals(digest, db.entriesDigest());
        assertEquals(
                importedAt, db.rows("SELECT imported_at::text FROM registry_info").get(0).get(0));
    }

    @Test
    void aNewVersionWithTheSameEntriesIsAChangeSetWithoutItems() {
        seedSample();
        long changes = db.count("SELECT count(*) FROM registry_change");
        RegistryDocument doc = Fixtures.read("sample.xml");
        var i = doc.info();
        var newer =
                new dev.portreg.registry.RegistryInfo(
                        i.source(),
                        i.format(),
                        i.partial(),
                        i.title(),
                        i.category(),
                        java.time.LocalDate.of(2026, 9, 1),
                        i.expert(),
                        i.notes(),
                        i.footnotes(),
                        i.importedAt());
        ImportResult r =
                importer.importDocument(
                        new RegistryDocument(newer, doc.entries(), doc.people()),
                        Fixtures.path("sample.xml"),
                        "tester");
        assertTrue(r.unchanged());
        assertNotNull(r.changeId(), "IANA's version of 2026-09-01 is recorded");
        assertEquals(changes + 1, db.count("SELECT count(*) FROM registry_change"));
        assertEquals(
                0,
                db.count(
                        "SELECT count(*) FROM registry_change_item WHERE change_id = ?",
                        r.changeId()));
        assertEquals(
                java.time.LocalDate.of(2026, 9, 1),
                registry.snapshot().info().orElseThrow().updated());
        ImportResult again =
                importer.importDocument(
                        new RegistryDocument(newer, doc.entries(), doc.people()),
                        Fixtures.path("sample.xml"),
                        "tester");
        assertNull(again.changeId(), "the same version twice is recorded once");
    }

    @Test
    void aNewerFileUpdatesInPlaceAndItemizesTheChanges() {
        seedSample();
        long rndcId = db.count("SELECT id FROM registry_entry WHERE entry_key = 'rndc/953/tcp'");
        RegistryDiff preview = importer.preview(Fixtures.read("sample-modified.xml"));
        assertEquals(List.of("newsvc/938/tcp"), keys(preview.added()));
        assertEquals(List.of("rndc/953/tcp"), keys(preview.changed()));
        assertEquals(List.of("www-http/80/udp"), keys(preview.removed()));
        assertFalse(preview.seed());
        assertEquals(69, db.count("SELECT count(*) FROM registry_entry"), "preview writes nothing");

        ImportResult r = importer.importFrom(Fixtures.path("sample-modified.xml"), "tester");
        assertEquals("import", r.kind());
        assertEquals(1, r.added());
        assertEquals(1, r.changed());
        assertEquals(1, r.removed());
        assertEquals(69, r.entries());
        assertEquals(
                rndcId,
                db.count("SELECT id FROM registry_entry WHERE entry_key = 'rndc/953/tcp'"),
                "a changed entry keeps its row");
        assertEquals(
                "BIND9 remote name daemon controller (rndc)",
                registry.snapshot().byName("rndc").get(0).entry().description());
        assertEquals(
                List.of(
                        List.of("added", "newsvc/938/tcp", "newsvc", "938", "tcp", "f", "t"),
                        List.of("changed", "rndc/953/tcp", "rndc", "953", "tcp", "t", "t"),
                        List.of("removed", "www-http/80/udp", "www-http", "80", "udp", "t", "f")),
                db.rows(
                        "SELECT action, entry_key, service_name, port_from::text, transport,"
                                + " (before IS NOT NULL)::text::char, (after IS NOT NULL)::text::char"
                                + " FROM registry_change_item WHERE change_id = ? ORDER BY action",
                        r.changeId()));
        assertEquals(
                "BIND9 remote name daemon controller (rndc)",
                db.rows(
                                "SELECT after->>'description' FROM registry_change_item"
                                        + " WHERE change_id = ? AND action = 'changed'",
                                r.changeId())
                        .get(0)
                        .get(0));
        assertEquals(
                "Imported sample-modified.xml (IANA XML of 2026-08-17): 1 added, 1 changed,"
                        + " 1 removed",
                db.rows("SELECT summary FROM registry_change WHERE id = ?", r.changeId())
                        .get(0)
                        .get(0));
        // entries after the new one moved down one place, in file order
        assertEquals(
                List.of("/916-952/", "newsvc/938/tcp", "rndc/953/tcp"),
                db
                        .rows(
                                "SELECT entry_key FROM registry_entry WHERE port_from BETWEEN 916"
                                        + " AND 953 AND coalesce(transport, 'tcp') = 'tcp'"
                                        + " ORDER BY position")
                        .stream()
                        .map(row -> row.get(0))
                        .toList());

        ImportResult back = importer.importFrom(Fixtures.path("sample.xml"), "tester");
        assertEquals(1, back.added());
        assertEquals(1, back.changed());
        assertEquals(1, back.removed());
    }

    @Test
    void holdingsLinkOverlappingEntriesAndSkipUnassignedOnes() {
        seedSample();
        // http, www and www-http share one holding of 80/tcp
        assertEquals(
                List.of(List.of("tcp", "[80,81)", "3")),
                db.rows(
                        "SELECT h.transport, h.ports::text, count(*)::text FROM port_holding h"
                                + " JOIN entry_holding eh ON eh.holding_id = h.id"
                                + " WHERE h.ports @> 80 AND h.transport = 'tcp'"
                                + " GROUP BY h.transport, h.ports"));
        // sql*net and sql-net share 66/tcp
        assertEquals(
                2,
                db.count(
                        "SELECT count(*) FROM port_holding h JOIN entry_holding eh"
                                + " ON eh.holding_id = h.id WHERE h.ports @> 66 AND h.transport = 'tcp'"));
        // Reserved 953/udp is held; the Unassigned 916-952 gap is not
        assertEquals(
                1,
                db.count(
                        "SELECT count(*) FROM port_holding WHERE ports @> 953 AND transport = 'udp'"));
        assertEquals(
                0,
                db.count(
                        "SELECT count(*) FROM port_holding WHERE ports && int4range(916, 952, '[]')"));
        // exp1 holds 1021 on all four transports; x11 its whole range
        assertEquals(4, db.count("SELECT count(*) FROM port_holding WHERE ports @> 1021"));
        assertEquals(
                List.of(List.of("tcp", "[6000,6064)"), List.of("udp", "[6000,6064)")),
                db.rows(
                        "SELECT transport, ports::text FROM port_holding WHERE ports @> 6001"
                                + " ORDER BY transport"));
        // name-only entries hold nothing
        assertEquals(
                0,
                db.count(
                        "SELECT count(*) FROM entry_holding eh JOIN registry_entry e"
                                + " ON e.id = eh.entry_id WHERE e.port_from IS NULL"));
    }

    @Test
    void brokenFilesLeaveTheRegistryUnchanged() {
        seedSample();
        List<Long> before = db.counts();
        String digest = db.entriesDigest();
        for (String broken :
                List.of(
                        "bad-port.xml",
                        "bad-date.xml",
                        "truncated.xml",
                        "xxe.xml",
                        "bad-port.csv",
                        "bad-date.csv",
                        "wrong-header.csv",
                        "unterminated.csv",
                        "bad.services")) {
            ImportException ex =
                    assertThrows(
                            ImportException.class,
                            () -> importer.importFrom(Fixtures.path(broken), "tester"),
                            broken);
            assertFalse(ex.getMessage().isBlank());
        }
        assertEquals(before, db.counts());
        assertEquals(digest, db.entriesDigest());
        assertEquals(69, registry.snapshot().entries().size());
    }

    @Test
    void aFailureWhileWritingRollsBackEverything() {
        seedSample();
        List<Long> before = db.counts();
        String digest = db.entriesDigest();
        RegistryDocument doc = Fixtures.read("sample-modified.xml");
        // A description with a NUL byte passes the parser but PostgreSQL refuses it mid-write,
        // after the deletes and updates already ran.
        List<Entry> entries = new java.util.ArrayList<>(doc.entries());
        Entry last = entries.get(entries.size() - 1);
        entries.set(
                entries.size() - 1,
                new Entry(
                        last.serviceName(),
                        last.ports(),
                        last.transport(),
                        "bad \u0000 byte",
                        last.assigneeId(),
                        last.contactId(),
                        last.registered(),
                        last.modified(),
                        last.references(),
                        last.serviceCode(),
                        last.unauthorized(),
                        last.notes()));
        RegistryDocument bad = new RegistryDocument(doc.info(), entries, doc.people());
        ImportException ex =
                assertThrows(
                        ImportException.class, () -> importer.importDocument(bad, "bad", "tester"));
        assertTrue(ex.getMessage().startsWith("the database refused the import"), ex.getMessage());
        assertEquals(before, db.counts());
        assertEquals(digest, db.entriesDigest());
    }

    @Test
    void refusesAMissingFileAndAnEmptyDocument() {
        ImportException missing =
                assertThrows(
                        ImportException.class,
                        () -> importer.importFrom("/nonexistent/registry.xml", "tester"));
        assertEquals("file /nonexistent/registry.xml does not exist", missing.getMessage());
        RegistryDocument doc = Fixtures.read("sample.xml");
        ImportException empty =
                assertThrows(
                        ImportException.class,
                        () ->
                                importer.importDocument(
                                        new RegistryDocument(doc.info(), List.of(), List.of()),
                                        "empty",
                                        "tester"));
        assertEquals("empty holds no entries: nothing to import", empty.getMessage());
    }

    @Test
    void aCsvCreatesIdOnlyPeopleAndNeverDeletesOrBlanksKnownOnes() {
        seedSample();
        long people = db.count("SELECT count(*) FROM person");
        // quirks.csv is of 2026-01-23 (its newest date), older than sample.xml: forced
        ImportResult r =
                importer.importDocument(
                        Fixtures.read("quirks.csv"),
                        Fixtures.path("quirks.csv"),
                        "tester",
                        new RegistryImporter.Options(null, true, java.util.Set.of(), null));
        assertEquals(SourceFormat.IANA_CSV, r.format());
        assertEquals(25, r.entries());
        assertEquals(
                List.of(List.of("IESG", "IESG", "iesg@ietf.org")),
                db.rows("SELECT id, org, email FROM person WHERE id = 'IESG'"),
                "a CSV mention does not blank a known person");
        assertEquals(
                List.of(Arrays.asList("Csv_Fixture_Person", null, null, null)),
                db.rows(
                        "SELECT id, name, org, email FROM person"
                                + " WHERE id = 'Csv_Fixture_Person'"));
        assertEquals(1, db.count("SELECT count(*) FROM person WHERE id = 'Jon_Postel'"));
        assertTrue(db.count("SELECT count(*) FROM person") >= people, "no person deleted");
        assertEquals("iana-csv", db.rows("SELECT format FROM registry_info").get(0).get(0));
    }

    @Test
    void importsAnEtcServicesFileAsAPartialRegistry() {
        seedSample();
        ImportResult r = importer.importFrom(Fixtures.path("services"), "tester");
        assertEquals(SourceFormat.ETC_SERVICES, r.format());
        assertEquals(16, r.entries(), "every service of the file, clc-build-daemon too");
        RegistrySnapshot s = registry.snapshot();
        assertTrue(s.info().orElseThrow().partial());
        assertEquals("Partial registry from /etc/services", s.info().orElseThrow().title());
        assertEquals(PortStatus.ASSIGNED, s.status(953, Transport.TCP));
        assertEquals(PortStatus.UNLISTED, s.status(953, Transport.UDP));
        assertEquals(
                List.of(List.of("etc-services", "true")),
                db.rows("SELECT format, partial::text FROM registry_info"));
    }

    private static List<String> keys(List<RegistryDiff.Item> items) {
        return items.stream().map(RegistryDiff.Item::key).toList();
    }
}
