package dev.portreg.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one pager: pages from 1 in the address, 0 and junk refused, links only where they lead. */
class PagerTest {

    @Test
    void theAddressCountsFromOne() {
        assertEquals(0, Pager.index(null));
        assertEquals(0, Pager.index(" "));
        assertEquals(0, Pager.index("1"));
        assertEquals(4, Pager.index(" 5 "));
        for (String bad : List.of("0", "-1", "abc", "1.5", "9999999999")) {
            ProblemException e = assertThrows(ProblemException.class, () -> Pager.index(bad));
            assertInstanceOf(InvalidInputException.class, e);
            assertEquals(400, e.status());
            assertEquals(List.of("page"), e.errors().stream().map(f -> f.field()).toList());
            assertEquals(
                    "page: must be a whole number from 1, not \"" + bad + "\"", e.getMessage());
        }
    }

    @Test
    void theFirstPagesAddressHasNoPage() {
        assertEquals("/changes", Pager.url("/changes", 1));
        assertEquals("/changes?page=2", Pager.url("/changes", 2));
        assertEquals("/changes?port=53&page=3", Pager.url("/changes?port=53", 3));
        assertEquals("/changes?port=53", Pager.url("/changes?port=53", 1));
    }

    @Test
    void linksLeadOnlyWherePagesAre() {
        Pager first = Pager.of(0, 10, 25, 3, 10, n -> "p" + n);
        assertEquals(1, first.page());
        assertEquals(1, first.first());
        assertEquals(10, first.last());
        assertNull(first.previous());
        assertEquals("p2", first.next());
        assertTrue(first.needed());

        Pager last = Pager.of(2, 10, 25, 3, 5, n -> "p" + n);
        assertEquals(21, last.first());
        assertEquals(25, last.last());
        assertEquals("p2", last.previous());
        assertNull(last.next());

        Pager beyond = Pager.of(9, 10, 25, 3, 0, n -> "p" + n);
        assertEquals(10, beyond.page());
        assertEquals(0, beyond.first());
        assertEquals("p3", beyond.previous(), "back to the last page there is");
        assertNull(beyond.next());

        Pager one = Pager.of(0, 10, 4, 1, 4, n -> "p" + n);
        assertFalse(one.needed());
        assertNull(one.previous());
        assertNull(one.next());
    }
}
