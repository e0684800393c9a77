package dev.portreg.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.PortStatus;
import dev.portreg.registry.RegistryViews.EntryView;
import dev.portreg.registry.RegistryViews.PersonView;
import dev.portreg.registry.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateExtensionsTest {

    @Test
    void numbersAreGroupedAndPortsCounted() {
        assertEquals("42,446", TemplateExtensions.grouped(42446));
        assertEquals("1 port", TemplateExtensions.ports(1));
        assertEquals("37 ports", TemplateExtensions.ports(37));
        assertEquals("16,384 ports", TemplateExtensions.ports(16384));
    }

    @Test
    void transportsReadAsASentence() {
        assertEquals("TCP", TemplateExtensions.labels(List.of(Transport.TCP)));
        assertEquals(
                "TCP and UDP", TemplateExtensions.labels(List.of(Transport.TCP, Transport.UDP)));
        assertEquals("TCP, UDP, SCTP and DCCP", TemplateExtensions.labels(Transport.ALL));
    }

    @Test
    void gapBarsGrowOneStepPerDoubling() {
        assertEquals(1, TemplateExtensions.bucket(1));
        assertEquals(2, TemplateExtensions.bucket(2));
        assertEquals(2, TemplateExtensions.bucket(3));
        assertEquals(6, TemplateExtensions.bucket(37));
        assertEquals(10, TemplateExtensions.bucket(42_000));
    }

    @Test
    void everyStatusHasABadgeAndAMeaning() {
        for (PortStatus s : PortStatus.values()) {
            assertFalse(TemplateExtensions.badge(s).isBlank(), s.name());
            assertFalse(TemplateExtensions.meaning(s).isBlank(), s.name());
        }
        assertEquals("Other", TemplateExtensions.badge(PortStatus.OTHER));
        assertEquals("Not listed", TemplateExtensions.badge(PortStatus.UNLISTED));
        assertTrue(
                TemplateExtensions.meaning(PortStatus.UNLISTED)
                        .contains("Not free, though not Reserved either"));
    }

    @Test
    void theTransportsAPortIsNotListedOn() {
        var statuses =
                List.of(
                        new dev.portreg.registry.RegistryViews.TransportStatus(
                                Transport.TCP, PortStatus.ASSIGNED, List.of("telnet")),
                        new dev.portreg.registry.RegistryViews.TransportStatus(
                                Transport.UDP, PortStatus.ASSIGNED, List.of("telnet")),
                        new dev.portreg.registry.RegistryViews.TransportStatus(
                                Transport.SCTP, PortStatus.UNLISTED, List.of()),
                        new dev.portreg.registry.RegistryViews.TransportStatus(
                                Transport.DCCP, PortStatus.UNLISTED, List.of()));
        assertEquals(
                List.of(Transport.SCTP, Transport.DCCP), TemplateExtensions.unlisted(statuses));
        assertEquals(List.of(), TemplateExtensions.unlisted(statuses.subList(0, 2)));
    }

    @Test
    void entryTransportSrvLabelAndStatusWord() {
        EntryView http = entry("http", "80", "tcp", PortStatus.ASSIGNED, "World Wide Web HTTP");
        assertEquals("tcp", TemplateExtensions.transportText(http));
        assertEquals("_http._tcp", TemplateExtensions.srvLabel(http));
        assertEquals("/services/http", TemplateExtensions.serviceUrl(http));
        assertFalse(TemplateExtensions.statusWord(http));

        EntryView gap = entry(null, "916-952", null, PortStatus.UNASSIGNED, "Unassigned");
        assertEquals("all transports", TemplateExtensions.transportText(gap));
        assertNull(TemplateExtensions.srvLabel(gap));
        assertTrue(TemplateExtensions.statusWord(gap));

        EntryView nameOnly = entry("rdp", null, null, PortStatus.ASSIGNED, "Reliable Data");
        assertEquals("", TemplateExtensions.transportText(nameOnly));
    }

    @Test
    void onlyHttpAddressesOfPeopleBecomeLinks() {
        assertEquals(
                "https://example.org",
                TemplateExtensions.link(
                        new PersonView("a", "A", null, null, "https://example.org")));
        assertNull(TemplateExtensions.link(new PersonView("a", "A", null, null, "javascript:x")));
        assertNull(TemplateExtensions.link(new PersonView("a", "A", null, null, null)));
    }

    @Test
    void longNotesFoldBehindTheirFirstLine() {
        String longNote = "Defined TXT keys: u=<username>\n" + "x".repeat(500);
        assertTrue(TemplateExtensions.longText(longNote));
        assertFalse(TemplateExtensions.longText("short"));
        assertEquals("Defined TXT keys: u=<username>", TemplateExtensions.firstLine(longNote));
    }

    private static EntryView entry(
            String name, String port, String transport, PortStatus status, String description) {
        Integer from = port == null ? null : Integer.parseInt(port.split("-")[0]);
        Integer to = port == null ? null : Integer.parseInt(port.substring(port.indexOf('-') + 1));
        return new EntryView(
                "k",
                name,
                port,
                from,
                to,
                transport,
                transport == null ? Transport.ALL : List.of(Transport.parse(transport).get()),
                status,
                description,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null,
                false,
                null);
    }
}
