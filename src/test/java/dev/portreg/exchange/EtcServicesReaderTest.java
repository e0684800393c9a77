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
}
