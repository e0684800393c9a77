package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.Entry;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.Transport;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class EtcServicesReaderTest {

    @Test
    void isDetectedAndReadAsAPartialRegistry() {
        RegistryDocument doc = Fixtures.read("services");
        RegistryInfo info = doc.info();
        assertEquals(RegistryInfo.SourceFormat.ETC_SERVICES, info.format());
        assertTrue(info.partial());
        assertEquals("Partial registry from /etc/services", info.title());
        assertEquals("iana/services", info.source());
        assertTrue(doc.people().isEmpty());
    }

    @Test
    void aliasesBecomeEntriesOnTheSamePortAndTransport() {
        List<Entry> e = Fixtures.read("services").entries();
        assertEquals(
                List.of(
                        "tcpmux 1/tcp",
                        "echo 7/tcp",
                        "echo 7/udp",
                        "discard 9/tcp",
                        "sink 9/tcp",
                        "null 9/tcp",
                        "ssh 22/tcp",
                        "http 80/tcp",
                        "www 80/tcp",
                        "sctp-http 80/sctp",
                        "kerberos 88/tcp",
                        "kerberos5 88/tcp",
                        "krb5 88/tcp",
                        "kerberos-sec 88/tcp",
                        "rndc 953/tcp",
                        "clc-build-daemon 8990/tcp"),
                e.stream()
                        .map(x -> x.serviceName() + " " + x.ports() + "/" + x.transport())
                        .toList());
        Entry www = e.get(8);
        assertEquals("WorldWideWeb HTTP", www.description());
        assertEquals("Alias of http in /etc/services", www.notes());
        assertNull(e.get(7).notes());
        assertEquals(PortStatus.ASSIGNED, www.status());
        assertEquals("", e.get(1).description(), "no comment, empty description");
        assertEquals(Ports.of(953), e.get(14).ports());
        assertEquals(Transport.SCTP, e.get(9).transport());
    }

    @Test
    void skipsWhatTheRegistryCannotHold() {
        List<Entry> e = Fixtures.read("services").entries();
        assertTrue(e.stream().noneMatch(x -> x.serviceName().equals("rtmp")), "ddp");
        assertTrue(e.stream().noneMatch(x -> x.serviceName().equals("fido")), "Dynamic port");
    }

    @Test
    void keepsANameLongerThanTodaysSyntaxAsALegacyName() {
        Entry clc =
                Fixtures.read("services").entries().stream()
                        .filter(x -> x.serviceName().equals("clc-build-daemon"))
                        .findFirst()
                        .orElseThrow();
        assertEquals(Ports.of(8990), clc.ports());
        assertTrue(clc.legacyName(), "16 characters: kept, marked legacy");
        List<Entry> tooLong =
                new EtcServicesReader()
                        .read(new StringReader("x".repeat(65) + " 7/tcp\necho 7/tcp\n"), "s")
                        .entries();
        assertEquals(List.of("echo"), tooLong.stream().map(Entry::serviceName).toList());
    }

    @Test
    void refusesALineThatIsNotAService() {
        ImportException ex =
                assertThrows(ImportException.class, () -> Fixtures.read("bad.services"));
        assertEquals(
                "line 2: \"seven/udp\" is not a port/protocol such as 80/tcp", ex.getMessage());
        ImportException port =
                assertThrows(
                        ImportException.class,
                        () -> new EtcServicesReader().read(new StringReader("x 70000/tcp\n"), "s"));
        assertEquals("line 1: port \"70000\" is outside 0-65535", port.getMessage());
        ImportException empty =
                assertThrows(
                        ImportException.class,
                        () -> new EtcServicesReader().read(new StringReader("# nothing\n"), "s"));
        assertEquals("line 1: the file lists no services", empty.getMessage());
    }

    @Test
    void readsTheSystemFileWhenThereIsOne() throws Exception {
        java.nio.file.Path etc = java.nio.file.Path.of("/etc/services");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.Files.isReadable(etc), "no /etc/services on this machine");
        RegistryDocument doc =
                RegistryReaders.read(java.nio.file.Files.readAllBytes(etc), etc.toString());
        assertTrue(doc.entries().size() > 0);
        assertTrue(doc.info().partial());
    }

    private static List<String> read(String text) {
        return new EtcServicesReader()
                .read(new StringReader(text), "s").entries().stream()
                        .map(x -> x.serviceName() + " " + x.ports() + "/" + x.transport())
                        .toList();
    }

    @Test
    void theDynamicRangeIsSkippedFrom49152To65535AndBeyondIsRefused() {
        assertEquals(
                List.of("zero 0/tcp", "last-user 49151/tcp"),
                read(
                        "zero 0/tcp\nlast-user 49151/tcp\nfirst-dynamic 49152/tcp\n"
                                + "last-dynamic 65535/udp\n"));
        ImportException beyond =
                assertThrows(
                        ImportException.class,
                        () -> new EtcServicesReader().read(new StringReader("x 65536/tcp\n"), "s"));
        assertEquals("line 1: port \"65536\" is outside 0-65535", beyond.getMessage());
        ImportException digits =
                assertThrows(
                        ImportException.class,
                        () ->
                                new EtcServicesReader()
                                        .read(new StringReader("x 1000000/tcp\n"), "s"));
        assertEquals(
                "line 1: \"1000000/tcp\" is not a port/protocol such as 80/tcp",
                digits.getMessage());
    }

    @Test
    void aNameOf64CharactersIsKeptAnd65Skipped() {
        String longest = "n".repeat(64);
        assertEquals(
                List.of(longest + " 7/tcp", "echo 7/tcp"),
                read(longest + " 7/tcp\n" + "m".repeat(65) + " 7/tcp\necho 7/tcp\n"));
        // An alias too long is skipped alone; its service and other aliases stay.
        assertEquals(
                List.of("echo 7/udp", "ping 7/udp"),
                read("echo 7/udp " + "a".repeat(65) + " ping\n"));
    }

    @Test
    void commentsBlankLinesAndDescriptions() {
        List<Entry> e =
                new EtcServicesReader()
                        .read(
                                new StringReader(
                                        "# services\n\n   \nssh 22/tcp   # SSH Remote Login\n"
                                                + "telnet 23/tcp #\n"),
                                "s")
                        .entries();
        assertEquals(2, e.size());
        assertEquals("SSH Remote Login", e.get(0).description());
        assertEquals("", e.get(1).description());
        ImportException lone =
                assertThrows(
                        ImportException.class,
                        () -> new EtcServicesReader().read(new StringReader("\nssh\n"), "s"));
        assertEquals("line 2: \"ssh\" is not \"name port/protocol\"", lone.getMessage());
    }

    @Test
    void aFileOfOnlySkippedServicesListsNone() {
        ImportException none =
                assertThrows(
                        ImportException.class,
                        () ->
                                new EtcServicesReader()
                                        .read(
                                                new StringReader("rtmp 1/ddp\nfido 60179/tcp\n"),
                                                "s"));
        assertEquals("line 2: the file lists no services", none.getMessage());
    }
}
