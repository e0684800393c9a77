package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portreg.common.ProblemException;
import dev.portreg.registry.EntrySort.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry browser's orders, and the registry header's parsing of IANA's texts. */
class EntrySortTest {

    static StoredEntry entry(
            int position, String name, Integer port, String assignee, String date) {
        return new StoredEntry(
                position,
                "k" + position,
                position,
                new Entry(
                        name,
                        port == null ? null : new Ports(port, port),
                        port == null ? null : Transport.TCP,
                        name == null ? "Unassigned" : "Service " + name,
                        assignee,
                        null,
                        date,
                        null,
                        List.of(),
                        null,
                        null,
                        null));
    }

    static final RegistrySnapshot PEOPLE =
            new RegistrySnapshot(
                    null,
                    List.of(),
                    Map.of(
                            "Zed", new Person("Zed", "Zed Last", null, null, null, null),
                            "Amy", new Person("Amy", "Amy First", null, null, null, null)),
                    0,
                    null);

    static List<Integer> order(String sort, StoredEntry... entries) {
        List<StoredEntry> list = new ArrayList<>(List.of(entries));
        list.sort(EntrySort.parse(sort).comparator(PEOPLE));
        return list.stream().map(StoredEntry::position).toList();
    }

    @Test
    void parsesAColumnWithAnOptionalMinusAndWritesItBack() {
        assertEquals(EntrySort.IANA_ORDER, EntrySort.parse(null));
        assertEquals(EntrySort.IANA_ORDER, EntrySort.parse("  "));
        assertEquals(EntrySort.IANA_ORDER, EntrySort.parse("port"));
        assertEquals(new EntrySort(Column.SERVICE, false), EntrySort.parse(" Service "));
        assertEquals(new EntrySort(Column.DATE, true), EntrySort.parse("-date"));
        assertNull(EntrySort.parse("port").text());
        assertEquals("-port", EntrySort.parse("-port").text());
        assertEquals("assignee", EntrySort.parse("assignee").text());
    }

    @Test
    void anUnknownColumnIsA400NamingTheField() {
        ProblemException e = assertThrows(ProblemException.class, () -> EntrySort.parse("-size"));
        assertEquals(400, e.status());
        assertEquals("sort", e.errors().get(0).field());
        assertEquals(
                "unknown column \"size\"; use port, transport, status, service, description,"
                        + " assignee or date, with a leading - for descending order",
                e.errors().get(0).message());
    }

    @Test
    void aClickSortsAscendingFirstThenReverses() {
        EntrySort byService = new EntrySort(Column.SERVICE, false);
        assertEquals(byService, EntrySort.IANA_ORDER.toggled(Column.SERVICE));
        assertEquals(new EntrySort(Column.SERVICE, true), byService.toggled(Column.SERVICE));
        assertEquals(byService, new EntrySort(Column.SERVICE, true).toggled(Column.SERVICE));
        assertEquals(new EntrySort(Column.PORT, true), EntrySort.IANA_ORDER.toggled(Column.PORT));
    }

    @Test
    void namesSortIgnoringCaseWithEntriesWithoutANameLastBothWays() {
        StoredEntry b = entry(1, "beta", 20, null, null);
        StoredEntry none = entry(2, null, 21, null, null);
        StoredEntry a = entry(3, "Alpha", 22, null, null);
        assertEquals(List.of(3, 1, 2), order("service", b, none, a));
        assertEquals(List.of(1, 3, 2), order("-service", b, none, a));
    }

    @Test
    void tiesKeepIanasOrder() {
        StoredEntry x = entry(5, "same", 30, null, null);
        StoredEntry y = entry(2, "same", 31, null, null);
        StoredEntry z = entry(9, "same", 32, null, null);
        assertEquals(List.of(2, 5, 9), order("service", x, y, z));
        assertEquals(List.of(2, 5, 9), order("-service", z, x, y));
    }

    @Test
    void portsSortByNumberAndNameOnlyEntriesComeLast() {
        StoredEntry high = entry(1, "h", 65535, null, null);
        StoredEntry nameOnly = entry(2, "n", null, null, null);
        StoredEntry low = entry(3, "l", 0, null, null);
        StoredEntry edge = entry(4, "e", 1023, null, null);
        assertEquals(List.of(3, 4, 1, 2), order("port", high, nameOnly, low, edge));
        assertEquals(List.of(1, 4, 3, 2), order("-port", high, nameOnly, low, edge));
    }

    @Test
    void assigneesSortByTheirNameNotTheirId() {
        StoredEntry zed = entry(1, "z", 40, "Zed", null);
        StoredEntry amy = entry(2, "a", 41, "Amy", null);
        StoredEntry nobody = entry(3, "n", 42, null, null);
        assertEquals(List.of(2, 1, 3), order("assignee", zed, nobody, amy));
    }

    @Test
    void datesSortByTheLastChangeNewestFirstWhenDescending() {
        StoredEntry old = entry(1, "o", 50, null, "2001-02");
        StoredEntry recent = entry(2, "r", 51, null, "2024-12-20");
        StoredEntry undated = entry(3, "u", 52, null, null);
        assertEquals(List.of(2, 1, 3), order("-date", old, undated, recent));
    }

    @Test
    void expertsAreOneLinePerTransportGroup() {
        assertEquals(
                List.of(
                        "TCP/UDP: Joe Touch; Eliot Lear, Wes Eddy, and Michael Scharf",
                        "SCTP: Michael Tuexen",
                        "DCCP: Eddie Kohler and Yoshifumi Nishida"),
                RegistryHeader.joinedLines(
                        "TCP/UDP: Joe Touch; Eliot Lear, Wes Eddy,\nand Michael Scharf\n"
                                + "SCTP: Michael Tuexen\nDCCP: Eddie Kohler and Yoshifumi"
                                + " Nishida\n"));
    }

    @Test
    void notesLinkTheirReferences() {
        assertEquals(
                List.of(
                        new RegistryHeader.Segment("as documented in ", null),
                        new RegistryHeader.Segment(
                                "RFC 6335", "https://www.rfc-editor.org/rfc/rfc6335"),
                        new RegistryHeader.Segment(". Apply at ", null),
                        new RegistryHeader.Segment(
                                "https://www.iana.org/protocols/apply",
                                "https://www.iana.org/protocols/apply"),
                        new RegistryHeader.Segment(" [not a ref]", null)),
                RegistryHeader.segments(
                        "as documented in [RFC6335]. Apply at"
                                + " [https://www.iana.org/protocols/apply] [not a ref]"));
        assertEquals(List.of(), RegistryHeader.segments(""));
    }
}
