package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Reference;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.Note;
import dev.portreg.registry.Transport;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IanaXmlReaderTest {

    private final IanaXmlReader reader = new IanaXmlReader();

    private RegistryDocument read(String xml) {
        return reader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "t");
    }

    @Test
    void readsTheHeaderNotesAndFootnotes() {
        RegistryInfo info = Fixtures.read("quirks.xml").info();
        assertEquals("Quirks Registry", info.title());
        assertEquals("Service Names and Transport Protocol Port Numbers", info.category());
        assertEquals(LocalDate.of(2026, 8, 17), info.updated());
        assertEquals("TCP/UDP: Joe Touch", info.expert());
        assertEquals(RegistryInfo.SourceFormat.IANA_XML, info.format());
        assertFalse(info.partial());
        assertEquals(
                List.of(
                        new Note(null, "General note citing [RFC6335]."),
                        new Note(
                                "Request an Assignment", "[https://www.iana.org/protocols/apply]")),
                info.notes());
        assertEquals(
                List.of(
                        new Note(
                                "1",
                                "It is only appropriate to use these values in explicitly-\n"
                                        + "configured experiments.")),
                info.footnotes());
    }

    @Test
    void readsRecordsWhateverTheOrderOfTheirChildren() {
        List<Entry> e = Fixtures.read("quirks.xml").entries();
        assertEquals(17, e.size());
        assertEquals(
                new Entry(
                        "discard",
                        Ports.of(9),
                        Transport.DCCP,
                        "Discard",
                        null,
                        null,
                        "2013-11-12",
                        "2014-02-21",
                        List.of(new Reference("rfc", "rfc4340", null, null)),
                        1145656131L,
                        null,
                        null),
                e.get(1));
    }

    @Test
    void flattensNotesWithInlineXrefsAsTheCsvDoes() {
        List<Entry> e = Fixtures.read("quirks.xml").entries();
        assertEquals(
                "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]",
                e.get(0).notes());
        assertEquals(PortStatus.RESERVED, e.get(0).status());
        assertEquals("Defined TXT keys: [https://example.org/rdp#dnssd]", e.get(16).notes());
    }

    @Test
    void dropsLineBreakElementsButKeepsTheTextNewline() {
        Entry sqlNet = Fixtures.read("quirks.xml").entries().get(3);
        assertEquals("sql-net", sqlNet.serviceName());
        assertEquals(
                "Oracle SQL*NET\nIANA assigned this well-formed service name as a replacement"
                        + " for \"sql*net\".",
                sqlNet.description());
    }

    @Test
    void assigneeContactAndFurtherPeople() {
        List<Entry> e = Fixtures.read("quirks.xml").entries();
        Entry sqlStar = e.get(2);
        assertEquals("sql*net", sqlStar.serviceName());
        assertTrue(sqlStar.legacyName());
        assertEquals("Jack_Haverty", sqlStar.assigneeId(), "a bare person is also the assignee");
        assertEquals("Jack_Haverty", sqlStar.contactId());

        Entry nas = e.get(5);
        assertEquals("Vera_Heinau", nas.assigneeId());
        assertEquals("Vera_Heinau", nas.contactId());
        assertEquals(
                List.of(
                        new Reference("rfc", "rfc4707", "3.1", null),
                        new Reference("person", "Heiko_Schlichting", null, null)),
                nas.references());

        Entry exp1 = e.get(7);
        assertEquals("IESG", exp1.assigneeId());
        assertEquals("IETF_Chair", exp1.contactId());
        assertEquals(
                List.of(new Reference("note", "1", null, null), Reference.rfc(6335)),
                exp1.references());

        Entry fort = e.get(9);
        assertEquals("FORTÉ", fort.assigneeId());
        assertEquals("Rob_Duram", fort.contactId());
        assertEquals("FORTÉ Vision Monitoring platform", fort.description());
        assertEquals("2015-09-18", fort.registered());
        assertEquals("2025-11-14", fort.modified());
    }

    @Test
    void referencesKeepTheirTextAndSection() {
        List<Entry> e = Fixtures.read("quirks.xml").entries();
        assertEquals(
                List.of(
                        new Reference(
                                "text",
                                null,
                                null,
                                "Ari√´n Huisken <xadmin&huisken-systems.nl> 15 June 2009")),
                e.get(10).references());
        assertEquals(
                List.of(
                        new Reference(
                                "uri",
                                "http://www.3gpp.org/ftp//Specs/archive/24_series/24.379",
                                null,
                                "3GPP TS 24.379 v13.5.0s")),
                e.get(11).references());
        assertEquals(
                List.of(new Reference("rfc", "rfc8765", null, "RFC8765, Section 6.1")),
                e.get(13).references());
    }

    @Test
    void rangesStatusRowsNameOnlyRowsAndMonthOnlyDates() {
        List<Entry> e = Fixtures.read("quirks.xml").entries();
        Entry gap = e.get(6);
        assertNull(gap.serviceName());
        assertEquals(new Ports(916, 952), gap.ports());
        assertNull(gap.transport(), "no protocol: every transport");
        assertEquals("Unassigned", gap.description(), "text is stripped as in the CSV");
        assertEquals(PortStatus.UNASSIGNED, gap.status());

        Entry lieb = e.get(8);
        assertEquals("LiebDevMgmt_A", lieb.serviceName());
        assertEquals("2006-11", lieb.registered());

        Entry vrml = e.get(12);
        assertEquals(new Ports(4200, 4299), vrml.ports());
        assertNull(vrml.transport());
        assertEquals("Mitra", vrml.contactId());

        Entry push = e.get(13);
        assertTrue(push.nameOnly());
        assertEquals(Transport.TCP, push.transport());

        Entry lower = e.get(14);
        assertNull(lower.serviceName(), "an empty <name/> is no name");
        assertEquals(PortStatus.UNASSIGNED, lower.status());

        assertEquals("rdp", e.get(15).serviceName());
        assertNull(e.get(15).ports());
        assertNull(e.get(15).transport());
        assertEquals("Jugaari", e.get(16).contactId());
        assertEquals(
                "Unauthorized use by some mail users (see [RFC4146] for details)",
                e.get(4).unauthorized());
    }

    @Test
    void readsPeopleWithTheirEmailRestored() {
        Map<String, Person> people =
                Fixtures.read("quirks.xml").people().stream()
                        .collect(Collectors.toMap(Person::id, Function.identity()));
        assertEquals(5, people.size());
        assertEquals(
                new Person(
                        "Bernie_Volz",
                        "Bernie Volz",
                        null,
                        "volz@metrocast.net",
                        null,
                        "2025-02-13"),
                people.get("Bernie_Volz"));
        assertEquals(
                new Person("FORTÉ", null, "FORTÉ", "info@example.com", null, "2025-11"),
                people.get("FORTÉ"));
        assertEquals(
                new Person(
                        "David_Walend",
                        "David Walend",
                        null,
                        "david@walend.net",
                        "mailto:dev@salutafugijms.dev.java.net",
                        null),
                people.get("David_Walend"));
        assertEquals(
                new Person(
                        "Betsy_Alexander",
                        "Betsy Alexander",
                        null,
                        null,
                        "tel:+1-604-681-4549",
                        null),
                people.get("Betsy_Alexander"));
    }

    @Test
    void readsTheSample() {
        RegistryDocument doc = Fixtures.read("sample.xml");
        assertEquals(69, doc.entries().size());
        assertEquals(18, doc.people().size());
        assertEquals(
                "Service Name and Transport Protocol Port Number Registry", doc.info().title());
        assertEquals(2, doc.info().notes().size());
        assertEquals(1, doc.info().footnotes().size());
    }

    @Test
    void refusesAnExternalEntity(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml =
                Fixtures.readString("xxe.xml").replace("SECRET_FILE", secret.toUri().toString());
        ImportException ex = assertThrows(ImportException.class, () -> read(xml));
        assertTrue(ex.getMessage().contains("DOCTYPE"), ex.getMessage());
        assertFalse(ex.getMessage().contains("TOP-SECRET"), ex.getMessage());
    }

    @Test
    void refusesAnInternalEntityBomb() {
        String xml =
                "<?xml version='1.0'?>\n<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\">"
                        + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
                        + "<registry xmlns=\"http://www.iana.org/assignments\"><title>&b;</title>"
                        + "</registry>";
        ImportException ex = assertThrows(ImportException.class, () -> read(xml));
        assertEquals(
                "XML line 2: DOCTYPE declarations are not allowed (they could make the"
                        + " parser read other files)",
                ex.getMessage());
    }

    @Test
    void namesTheRecordAndLineOfABadPort() {
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("bad-port.xml"));
        assertEquals("record 2 (line 10): port \"70000\" is outside 0-65535", ex.getMessage());
    }

    @Test
    void namesTheRecordAndLineOfABadDate() {
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("bad-date.xml"));
        assertEquals(
                "record 1 (line 6): date \"2017-13-01\" is not a date (YYYY-MM or YYYY-MM-DD)",
                ex.getMessage());
    }

    @Test
    void refusesATruncatedFile() {
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("truncated.xml"));
        assertTrue(ex.getMessage().startsWith("record 2 (line 12"), ex.getMessage());
    }

    @Test
    void refusesOtherXml() {
        ImportException ex =
                assertThrows(
                        ImportException.class,
                        () -> read("<?xml version='1.0'?>\n<html><body/></html>"));
        assertEquals(
                "not a registry file: it is an HTML page, not the registry file itself: a web page"
                        + " saved under the file's name, or an error or sign-in page served instead"
                        + " of the download. Import IANA's service-names-port-numbers.xml or .csv,"
                        + " or an /etc/services file.",
                ex.getMessage());
        ImportException rss =
                assertThrows(
                        ImportException.class,
                        () -> read("<?xml version='1.0'?>\n<rss version=\"2.0\"><channel/></rss>"));
        assertEquals(
                "not a registry file: it is an XML document whose root element is <rss>, not"
                        + " IANA's <registry xmlns=\"http://www.iana.org/assignments\">. Import"
                        + " IANA's service-names-port-numbers.xml or .csv, or an /etc/services"
                        + " file.",
                rss.getMessage());
        ImportException other =
                assertThrows(
                        ImportException.class,
                        () ->
                                read(
                                        "<registry xmlns=\"http://www.iana.org/assignments\""
                                                + " id=\"protocol-numbers\"><title>Protocol"
                                                + " Numbers</title></registry>"));
        assertTrue(
                other.getMessage()
                        .startsWith(
                                "not a registry file: it is IANA's \"protocol-numbers\""
                                        + " registry, not the \"service-names-port-numbers\""
                                        + " one"),
                other.getMessage());
    }

    @Test
    void refusesAnUnknownProtocolAndAnOverlongName() {
        String head = "<registry xmlns=\"http://www.iana.org/assignments\">\n<record>\n";
        ImportException proto =
                assertThrows(
                        ImportException.class,
                        () ->
                                read(
                                        head
                                                + "<name>a</name><protocol>ddp</protocol>"
                                                + "<description>x</description><number>1</number>"
                                                + "</record></registry>"));
        assertEquals(
                "record 1 (line 2): transport protocol \"ddp\" is not one of tcp, udp, sctp, dccp",
                proto.getMessage());
        ImportException name =
                assertThrows(
                        ImportException.class,
                        () ->
                                read(
                                        head
                                                + "<name>"
                                                + "a".repeat(65)
                                                + "</name>"
                                                + "<description>x</description></record></registry>"));
        assertEquals(
                "record 1 (line 2): service name \""
                        + "a".repeat(40)
                        + "…\" is longer than 64 characters, longer than any name IANA has"
                        + " registered",
                name.getMessage());
        ImportException broken =
                assertThrows(
                        ImportException.class,
                        () ->
                                read(
                                        head
                                                + "<name>two\nlines</name>"
                                                + "<description>x</description></record></registry>"));
        assertEquals(
                "record 1 (line 2): service name \"two lines\" contains a line break, a tab or"
                        + " another control character",
                broken.getMessage());
    }

    @Test
    void keepsLegacyNamesExactlyEvenLongOnesWithSpaces() {
        String xml =
                "<registry xmlns=\"http://www.iana.org/assignments\">\n<record>"
                        + "<name>  Apple Remote Desktop (Net Assistant) </name><protocol>tcp</protocol>"
                        + "<description>Net Assistant</description><number>3283</number>"
                        + "</record></registry>";
        Entry e = read(xml).entries().get(0);
        assertEquals("Apple Remote Desktop (Net Assistant)", e.serviceName());
        assertTrue(e.legacyName());
        String longest = "n".repeat(64);
        assertEquals(
                longest,
                read(xml.replace("  Apple Remote Desktop (Net Assistant) ", longest))
                        .entries()
                        .get(0)
                        .serviceName());
    }

    /** Elements IANA might add later are skipped whole, at every level, with all they contain. */
    @Test
    void unknownElementsAreSkippedWithTheirChildrenAtEveryLevel() {
        RegistryDocument doc =
                read(
                        "<registry xmlns=\"http://www.iana.org/assignments\">\n"
                                + "<title>T</title>\n"
                                + "<extra><deep><deeper/></deep></extra>\n"
                                + "<registry id=\"sub\"><record><name>inner</name>"
                                + "<protocol>tcp</protocol><description>Inner</description>"
                                + "<number>7</number></record></registry>\n"
                                + "<record><future><x/></future><name>echo</name>"
                                + "<protocol>udp</protocol><description>Echo</description>"
                                + "<number>7</number><assignee><future><x/></future>"
                                + "<xref type=\"person\" data=\"Jon_Postel\"/></assignee></record>\n"
                                + "<people><future><x/></future><person id=\"Jon_Postel\">"
                                + "<future><x/></future><name>Jon Postel</name></person></people>\n"
                                + "<expert>E</expert>\n"
                                + "</registry>");
        assertEquals(
                List.of("inner 7/tcp", "echo 7/udp"),
                doc.entries().stream()
                        .map(e -> e.serviceName() + " " + e.ports() + "/" + e.transport())
                        .toList());
        assertEquals("Jon_Postel", doc.entries().get(1).assigneeId());
        assertEquals(
                List.of("Jon_Postel Jon Postel"),
                doc.people().stream().map(p -> p.id() + " " + p.name()).toList());
        assertEquals("T", doc.info().title());
        assertEquals("E", doc.info().expert());
    }
}
