package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.Pager;
import dev.portreg.registry.RegistryBrowser.RegistryFilters;
import dev.portreg.registry.RegistryPages.Cell;
import dev.portreg.registry.RegistryPages.Neighbours;
import dev.portreg.registry.RegistryPages.SystemMap;
import dev.portreg.registry.RegistryViews.Page;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page models, without a server: paging, links that keep filters, the System picture. */
class RegistryPagesModelTest {

    @Test
    void pageLinksKeepTheFilters() {
        RegistryFilters f =
                new RegistryFilters("system", "reserved", "", "rfc 6335", null, "10", null);
        assertEquals("/registry?range=system&status=reserved&q=rfc+6335&size=10&page=3", f.url(3));
        assertEquals("/registry?range=system&status=reserved&q=rfc+6335&size=10", f.url(1));
        assertTrue(f.any());
        assertFalse(new RegistryFilters(null, "", null, " ", null, "25", null).any());
    }

    @Test
    void pagerLinksPreviousAndNextOnlyWhereTheyExist() {
        RegistryFilters f = new RegistryFilters(null, "assigned", null, null, null, "10", null);
        Pager first = RegistryBrowser.pager(page(0, 10, 25), f::url);
        assertEquals(1, first.page());
        assertEquals(3, first.pages());
        assertEquals(1, first.first());
        assertEquals(10, first.last());
        assertNull(first.previous());
        assertEquals("/registry?status=assigned&size=10&page=2", first.next());

        Pager last = RegistryBrowser.pager(page(2, 10, 25), f::url);
        assertEquals(21, last.first());
        assertEquals(25, last.last());
        assertEquals("/registry?status=assigned&size=10&page=2", last.previous());
        assertNull(last.next());

        Pager beyond = RegistryBrowser.pager(new Page<>(9, 10, 25, 3, List.of()), f::url);
        assertEquals(0, beyond.first());
        assertEquals("/registry?status=assigned&size=10&page=3", beyond.previous());
        assertNull(beyond.next());
    }

    @Test
    void sizeSelectOffersTheAskedSize() {
        assertEquals(List.of(25, 50, 100, 200, 500), filtersWithSize(null).sizes());
        assertTrue(filtersWithSize(null).isSize(RegistryQueries.DEFAULT_PAGE_SIZE));
        assertEquals(List.of(7, 25, 50, 100, 200, 500), filtersWithSize("7").sizes());
        assertTrue(filtersWithSize("7").isSize(7));
        assertFalse(filtersWithSize("7").isSize(50));
    }

    @Test
    void portZeroAndTheLastPortHaveOneNeighbour() {
        assertFalse(Neighbours.of(0).hasPrevious());
        assertEquals(1, Neighbours.of(0).next());
        assertTrue(Neighbours.of(938).hasPrevious());
        assertFalse(Neighbours.of(65535).hasNext());
    }

    @Test
    void cellsSayBothStatusesWhenTcpAndUdpDiffer() {
        Cell free = Cell.of(938, PortStatus.UNASSIGNED, PortStatus.UNASSIGNED);
        assertEquals("938 — Unassigned", free.text());
        assertEquals("t-unassigned u-unassigned", free.css());
        Cell rndc = Cell.of(953, PortStatus.ASSIGNED, PortStatus.RESERVED);
        assertEquals("953 — TCP Assigned, UDP Reserved", rndc.text());
        assertEquals("t-assigned u-reserved", rndc.css());
    }

    @Test
    void systemMapHas32RowsOf32Ports() {
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
                        List.of(),
                        null,
                        null,
                        null);
        RegistrySnapshot s =
                new RegistrySnapshot(null, List.of(new StoredEntry(1, "k", 0, gap)), Map.of());
        SystemMap map = SystemMap.of(s);
        assertEquals(32, map.rows().size());
        assertTrue(map.rows().stream().allMatch(r -> r.cells().size() == 32));
        assertEquals(0, map.rows().get(0).start());
        assertEquals(992, map.rows().get(31).start());
        Cell c938 = map.rows().get(938 / 32).cells().get(938 % 32);
        assertEquals(938, c938.port());
        assertEquals("t-unassigned u-unassigned", c938.css());
        Cell c953 = map.rows().get(953 / 32).cells().get(953 % 32);
        assertEquals("t-unlisted u-unlisted", c953.css());
    }

    private static RegistryFilters filtersWithSize(String size) {
        return new RegistryFilters(null, null, null, null, null, size, null);
    }

    private static Page<Object> page(int index, int size, int total) {
        int pages = (total + size - 1) / size;
        int items = Math.max(0, Math.min(size, total - index * size));
        return new Page<>(index, size, total, pages, Collections.nCopies(items, new Object()));
    }
}
