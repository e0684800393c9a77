package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Reference;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import dev.portreg.registry.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

class IanaCsvReaderTest {

    private final List<Entry> entries = Fixtures.read("quirks.csv").entries();

    private Entry named(String name, int nth) {
        return entries.stream()
                .filter(e -> name.equals(e.serviceName()))
                .skip(nth)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void readsEveryRowInOrder() {
        RegistryDocument doc = Fixtures.read("quirks.csv");
        assertEquals(SourceFormat.IANA_CSV, doc.info().format());
        assertEquals(25, doc.entries().size());
        assertEquals("discard", doc.entries().get(0).serviceName());
        assertEquals("new-rwho", doc.entries().get(23).serviceName());
        assertEquals("csv-fixture", doc.entries().get(24).serviceName());
    }

    @Test
    void keepsNewlinesInsideQuotedFields() {
        assertEquals(
                "This entry is an alias to \"sql-net\".\nThis entry is now historic, not usable"
                        + " for use with many\ncommon service discovery mechanisms.",
                named("sql*net", 0).notes());
        assertEquals(
                "Oracle SQL*NET\nIANA assigned this well-formed service name as a replacement"
                        + " for \"sql*net\".",
                named("sql-net", 0).description());
    }

    @Test
    void rangesAndEmptyProtocolCoverEveryTransport() {
        Entry gap = entries.get(9);
        assertNull(gap.serviceName());
        assertEquals(new Ports(916, 952), gap.ports());
        assertNull(gap.transport());
        assertEquals(Transport.ALL, gap.transports());
        assertEquals(PortStatus.UNASSIGNED, gap.status());
        Entry x11 = named("x11", 0);
        assertEquals(new Ports(6000, 6063), x11.ports());
        assertEquals(Transport.TCP, x11.transport());
        assertEquals("Known Unauthorized Use on port 6003", x11.unauthorized());
        assertNull(named("vrml-multi-use", 0).transport());
    }

    @Test
    void lowerCaseUnassignedIsUnassigned() {
        Entry e = entries.get(7);
        assertEquals(Ports.of(114), e.ports());
        assertEquals("unassigned", e.description());
        assertEquals(PortStatus.UNASSIGNED, e.status());
        assertEquals("Deprecated June 2004", e.notes());
    }

    @Test
    void nameOnlyRowsAndRepeatedNames() {
        Entry push = named("dns-push-tls", 0);
        assertTrue(push.nameOnly());
        assertEquals(Transport.TCP, push.transport());
        assertEquals("2019-11-25", push.registered());
        Entry ping = named("dccp-ping", 0);
        assertEquals(1885957735L, ping.serviceCode());
        assertEquals("Reliable Data Protocol", named("rdp", 0).description());
        assertEquals("Windows Remote Desktop Protocol", named("rdp", 1).description());
        assertNull(named("rdp", 0).transport());
    }

    @Test
    void legacyNamesMonthOnlyDatesAndNonAscii() {
        Entry lieb = named("LiebDevMgmt_A", 0);
        assertTrue(lieb.legacyName());
        assertEquals("2006-11", lieb.registered());
        assertTrue(named("sql*net", 0).legacyName());
        Entry fort = named("vision-mon", 0);
        assertEquals("FORTÉ Vision Monitoring platform", fort.description());
        assertEquals("FORTÉ", fort.assigneeId());
        assertEquals("Rob_Duram", fort.contactId());
        assertEquals("2025-11-14", fort.modified());
    }

    @Test
    void aliasesOnOnePort() {
        List<String> at80 =
                entries.stream().filter(e -> e.covers(80)).map(Entry::serviceName).toList();
        assertEquals(List.of("http", "www", "www-http"), at80);
    }

    @Test
    void referencesRunTogetherBecomeReferences() {
        assertEquals(
                List.of(Reference.rfc(3501), Reference.rfc(8314), Reference.rfc(9051)),
                named("imaps", 0).references());
        assertEquals(
                List.of(new Reference("draft", "RFC-ietf-emailcore-rfc5321bis-43", null, null)),
                named("smtp", 0).references());
        assertEquals(
                List.of(
                        new Reference("note", "1", null, null),
                        Reference.rfc(4727),
                        Reference.rfc(6335)),
                named("exp1", 0).references());
        assertEquals(
                List.of(
                        new Reference(
                                "uri",
                                "https://github.com/NetworkBlockDevice/nbd/blob/master/doc/proto.md",
                                null,
                                null)),
                named("nbd", 0).references());
        assertEquals(
                List.of(new Reference("rfc", "rfc8765", "6.1", "RFC8765, Section 6.1")),
                named("dns-push-tls", 0).references());
        assertEquals(
                List.of(new Reference("text", null, null, "3GPP TS 24.379 v13.5.0s")),
                named("3gpp-monp", 0).references());
        assertEquals(
                List.of(new Reference("text", null, null, "n/a")),
                named("new-rwho", 0).references());
    }

    @Test
    void severalPeopleInAssigneeAndContact() {
        Entry nas = named("nas", 0);
        assertEquals("Vera_Heinau", nas.assigneeId());
        assertEquals("Vera_Heinau", nas.contactId());
        assertEquals(
                List.of(
                        new Reference("person", "Heiko_Schlichting", null, null),
                        Reference.rfc(4707)),
                nas.references());
    }

    @Test
    void listsIdOnlyPeopleForEveryIdMentioned() {
        List<Person> people = Fixtures.read("quirks.csv").people();
        assertTrue(people.contains(Person.idOnly("Heiko_Schlichting")));
        assertTrue(people.contains(Person.idOnly("FORTÉ")));
        assertTrue(people.stream().allMatch(p -> p.name() == null && p.email() == null));
        assertEquals(people.size(), people.stream().map(Person::id).distinct().count());
    }

    @Test
    void acceptsTheOldNameOfColumn11() {
        assertEquals(2, Fixtures.read("old-header.csv").entries().size());
    }

    @Test
    void detectsTheFormatFromTheFirstLine() {
        assertEquals(SourceFormat.IANA_CSV, RegistryReaders.detect(Fixtures.bytes("quirks.csv")));
        assertEquals(
                SourceFormat.IANA_CSV, RegistryReaders.detect(Fixtures.bytes("old-header.csv")));
        assertEquals(
                SourceFormat.IANA_CSV, RegistryReaders.detect(Fixtures.bytes("wrong-header.csv")));
        assertEquals(SourceFormat.IANA_XML, RegistryReaders.detect(Fixtures.bytes("sample.xml")));
        assertEquals(SourceFormat.IANA_XML, RegistryReaders.detect(Fixtures.bytes("xxe.xml")));
        assertEquals(SourceFormat.ETC_SERVICES, RegistryReaders.detect(Fixtures.bytes("services")));
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("wrong-header.csv"));
        assertTrue(
                ex.getMessage()
                        .startsWith(
                                "not a registry file: it is a CSV file whose header is not IANA's: expected \"Service Name,Port Number,"),
                ex.getMessage());
    }

    @Test
    void refusesAnotherHeader() {
        ImportException ex =
                assertThrows(
                        ImportException.class,
                        () ->
                                new IanaCsvReader()
                                        .read(
                                                new java.io.StringReader(
                                                        Fixtures.readString("wrong-header.csv")),
                                                "x"));
        assertTrue(
                ex.getMessage()
                        .startsWith(
                                "not a registry file: it is a CSV file whose header is not IANA's: expected \"Service Name,Port Number,"),
                ex.getMessage());
    }

    @Test
    void namesTheRecordAndLineOfABadPort() {
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("bad-port.csv"));
        assertEquals("CSV record 3 (line 6): port \"70000\" is outside 0-65535", ex.getMessage());
    }

    @Test
    void namesTheRecordAndLineOfABadDate() {
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("bad-date.csv"));
        assertEquals(
                "CSV record 2 (line 3): registration date \"17/06/2008\" is not a date (YYYY-MM or"
                        + " YYYY-MM-DD)",
                ex.getMessage());
    }

    @Test
    void refusesAnUnterminatedQuote() {
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("unterminated.csv"));
        assertTrue(
                ex.getMessage().startsWith("CSV record 2 (line 3): cannot be parsed"),
                ex.getMessage());
    }

    @Test
    void refusesARowWithTooFewFieldsAndBytesThatAreNotUtf8() {
        String csv = String.join(",", IanaFields.CSV_HEADER) + "\nhttp,80,tcp\n";
        ImportException few =
                assertThrows(
                        ImportException.class,
                        () -> new IanaCsvReader().read(new java.io.StringReader(csv), "x"));
        assertEquals("CSV record 1 (line 2): has 3 fields, IANA's CSV has 12", few.getMessage());
        byte[] latin1 =
                (String.join(",", IanaFields.CSV_HEADER) + "\nx,1,tcp,FORT\u00c9,,,,,,,,\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ImportException bytes =
                assertThrows(ImportException.class, () -> RegistryReaders.read(latin1, "x"));
        assertEquals("CSV line 2: is not UTF-8 text (byte 0xC9 at offset 187)", bytes.getMessage());
    }

    private static ImportException wrongHeader(String header) {
        return assertThrows(
                ImportException.class,
                () -> new IanaCsvReader().read(new java.io.StringReader(header + "\n"), "t"));
    }

    @Test
    void aWrongHeaderIsQuotedUpTo300CharactersAndCutAfter299() {
        String exactly300 = "x".repeat(300);
        String quoted = wrongHeader(exactly300).getMessage();
        assertTrue(quoted.contains(", found \"" + exactly300 + "\"."), quoted);
        String cut = wrongHeader("y".repeat(301)).getMessage();
        assertTrue(cut.contains(", found \"" + "y".repeat(299) + "…\"."), cut);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() {
        String csv =
                "\uFEFF" + String.join(",", IanaFields.CSV_HEADER) + "\nhttp,80,tcp,,,,,,,,,\n";
        RegistryDocument doc = new IanaCsvReader().read(new java.io.StringReader(csv), "t");
        assertEquals(1, doc.entries().size());
        assertEquals("http", doc.entries().get(0).serviceName());
    }
}
