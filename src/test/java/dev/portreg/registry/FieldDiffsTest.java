package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portreg.registry.HistoryViews.FieldDiff;
import dev.portreg.registry.HistoryViews.ItemView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldDiffsTest {

    private static Entry rndc(String description, String modified, List<Reference> refs) {
        return new Entry(
                "rndc",
                Ports.of(953),
                Transport.TCP,
                description,
                "ISC",
                "ISC",
                "2017-06-08",
                modified,
                refs,
                null,
                null,
                null);
    }

    @Test
    void listsOnlyTheFieldsThatDifferInEntryJsonOrder() {
        Entry before = rndc("BIND9 remote name daemon controller", null, List.of());
        Entry after =
                rndc(
                        "BIND9 remote name daemon controller (rndc)",
                        "2026-09-01",
                        List.of(Reference.rfc(6335)));
        assertEquals(
                List.of(
                        new FieldDiff(
                                "description",
                                "Description",
                                "BIND9 remote name daemon controller",
                                "BIND9 remote name daemon controller (rndc)"),
                        new FieldDiff("modified", "Modification date", null, "2026-09-01"),
                        new FieldDiff("references", "References", null, "rfc:rfc6335")),
                FieldDiffs.between(before, after));
    }

    @Test
    void equalEntriesDifferInNothing() {
        Entry e = rndc("x", null, List.of());
        assertEquals(List.of(), FieldDiffs.between(e, e));
    }

    @Test
    void numbersReadBackFromJsonEqualTheOnesWritten() {
        Map<String, Object> written = new LinkedHashMap<>(EntryJson.of(rndc("x", null, null)));
        Map<String, Object> read = new LinkedHashMap<>(written);
        read.put("portFrom", Long.valueOf(953));
        read.put("serviceCode", null);
        assertEquals(List.of(), FieldDiffs.between(written, read));
    }

    @Test
    void referencesReadAsOneLine() {
        Map<String, Object> before = Map.of("references", List.of());
        Map<String, Object> after =
                Map.of(
                        "references",
                        List.of(
                                Map.of("type", "rfc", "data", "rfc9260", "section", "3"),
                                Map.of("type", "person", "data", "Jon_Postel"),
                                Map.of("type", "text", "text", " see the note ")));
        assertEquals(
                List.of(
                        new FieldDiff(
                                "references",
                                "References",
                                null,
                                "rfc:rfc9260 §3; person:Jon_Postel; text \"see the note\"")),
                FieldDiffs.between(before, after));
    }

    @Test
    void aFieldOnlyOneSideHasIsADifference() {
        assertEquals(
                List.of(new FieldDiff("notes", "Assignment notes", null, "new")),
                FieldDiffs.between(Map.of(), Map.of("notes", "new")));
        assertEquals(List.of(), FieldDiffs.between(null, Map.of("notes", "new")));
    }

    @Test
    void anItemOfAPreviewLinksToItsPortAndName() {
        Entry before = rndc("a", null, null);
        Entry after = rndc("b", null, null);
        ItemView changed = ItemView.of("changed", "rndc/953/tcp", before, after);
        assertEquals("953", changed.ports());
        assertEquals("tcp", changed.transport());
        assertEquals("assigned", changed.status());
        assertEquals("/ports/953", changed.portUrl());
        assertEquals("/services/rndc", changed.serviceUrl());
        assertEquals(
                List.of("description"), changed.fields().stream().map(FieldDiff::field).toList());

        Entry gap =
                new Entry(
                        null,
                        new Ports(916, 952),
                        null,
                        "Unassigned",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null);
        ItemView removed = ItemView.of("removed", "/916-952/", gap, null);
        assertEquals("916-952", removed.ports());
        assertEquals("all transports", removed.transportText());
        assertEquals("unassigned", removed.status());
        assertEquals(null, removed.serviceUrl());
        assertEquals(List.of(), removed.fields());
    }

    @Test
    void legacyNamesKeepTheirSubDelimitersInLinks() {
        assertEquals("/services/sql*net", RegistryHistory.serviceUrl("sql*net"));
        assertEquals("/services/a%20b%2Fc", RegistryHistory.serviceUrl("a b/c"));
    }
}
