package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Status precedence, gaps and nearest free ports, on a hand-built registry. */
class RegistrySnapshotTest {

    private static final List<Transport> TCP_UDP = List.of(Transport.TCP, Transport.UDP);

    private static Entry row(String name, String ports, Transport t, String description) {
        return new Entry(
                name,
                Ports.parse(ports),
                t,
                description,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                null);
    }

    private static RegistrySnapshot snapshot(Entry... entries) {
        List<StoredEntry> stored = new ArrayList<>();
        for (int i = 0; i < entries.length; i++) {
            stored.add(new StoredEntry(i + 1, "k" + i, i, entries[i]));
        }
        return new RegistrySnapshot(null, stored, Map.of());
    }

    // Like IANA's file: one gap split over several rows, an alias pair, a reserved counterpart.
    private final RegistrySnapshot s =
            snapshot(
                    row(null, "0", null, "Reserved"),
                    row("tcpmux", "1", Transport.TCP, "TCP Port Service Multiplexer"),
                    row("tcpmux", "1", Transport.UDP, "TCP Port Service Multiplexer"),
                    row(null, "2-9", null, "Unassigned"),
                    row(null, "10", null, "Unassigned"),
                    row(null, "11-12", null, "Unassigned"),
                    row("rndc", "13", Transport.TCP, "BIND9"),
                    row(null, "13", Transport.UDP, "Reserved"),
                    row(null, "14", null, "Unassigned"),
                    row(null, "14", Transport.UDP, "Possibly used by Sun Solaris????"),
                    row(null, "15-20", null, "Unassigned"),
                    row("http", "20", Transport.TCP, "HTTP"));

    @Test
    void strongestStatusWinsAndRowsWithoutProtocolCoverAllFour() {
        assertEquals(PortStatus.RESERVED, s.status(0, Transport.DCCP));
        assertEquals(PortStatus.ASSIGNED, s.status(1, Transport.TCP));
        assertEquals(PortStatus.UNLISTED, s.status(1, Transport.SCTP));
        assertEquals(PortStatus.ASSIGNED, s.status(13, Transport.TCP));
        assertEquals(PortStatus.RESERVED, s.status(13, Transport.UDP));
        assertEquals(PortStatus.OTHER, s.status(14, Transport.UDP));
        assertEquals(PortStatus.UNASSIGNED, s.status(14, Transport.TCP));
        assertEquals(PortStatus.ASSIGNED, s.status(20, Transport.TCP));
        assertEquals(PortStatus.UNASSIGNED, s.status(20, Transport.UDP));
        assertEquals(PortStatus.UNLISTED, s.status(50000, Transport.TCP));
    }

    @Test
    void gapsComeFromPerPortStatusNotFromRows() {
        assertEquals(List.of(new Ports(2, 12), new Ports(15, 19)), s.gaps(0, 30, TCP_UDP));
        assertEquals(
                List.of(new Ports(2, 12), new Ports(14, 19)),
                s.gaps(0, 30, List.of(Transport.TCP)));
        assertEquals(new Ports(2, 12), s.gapAround(7, TCP_UDP).orElseThrow());
        assertTrue(s.gapAround(13, TCP_UDP).isEmpty());
    }

    @Test
    void nearestFreeLooksBothWaysLowerFirst() {
        assertEquals(List.of(12, 14, 11, 15), s.nearestFree(13, List.of(Transport.TCP), 4));
        assertEquals(List.of(12, 11, 15), s.nearestFree(13, TCP_UDP, 3));
    }

    @Test
    void entriesAtAPortIncludeRangesInFileOrder() {
        List<String> at = s.entriesAt(13).stream().map(e -> e.entry().description()).toList();
        assertEquals(List.of("BIND9", "Reserved"), at);
        assertEquals(1, s.entriesAt(5).size());
        assertTrue(s.entriesAt(40000).isEmpty());
    }

    @Test
    void namesIgnoreCase() {
        assertEquals(2, s.byName("TCPMUX").size());
        assertEquals(s.byName("tcpmux"), s.byName("TcpMux"));
        assertEquals(3, s.nameCount(), "tcpmux, rndc and http, each once whatever its case");
    }

    @Test
    void countsPerRangeAndTransport() {
        Map<PortStatus, Integer> tcp = s.counts().get(PortRange.SYSTEM).get(Transport.TCP);
        assertEquals(3, tcp.get(PortStatus.ASSIGNED));
        assertEquals(1, tcp.get(PortStatus.RESERVED));
        assertEquals(17, tcp.get(PortStatus.UNASSIGNED));
        assertEquals(1024 - 21, tcp.get(PortStatus.UNLISTED));
    }
}
