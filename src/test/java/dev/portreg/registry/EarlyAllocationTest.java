package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Early allocations (RFC 7120) as IANA's files write them in the description. */
class EarlyAllocationTest {

    static final String RIFT =
            "Routing in Fat Trees Link Information Elements \n      (TEMPORARY - registered"
                    + " 2023-02-17, extension registered 2024-01-12, expires 2025-02-17)\n    ";

    static LocalDate day(String d) {
        return LocalDate.parse(d);
    }

    @Test
    void readsIanasMarkerWithAndWithoutTheExtension() {
        assertEquals(
                Optional.of(
                        new EarlyAllocation(
                                day("2023-02-17"), day("2024-01-12"), day("2025-02-17"))),
                EarlyAllocation.in(RIFT));
        assertEquals(
                Optional.of(new EarlyAllocation(day("2023-02-17"), null, day("2024-02-17"))),
                EarlyAllocation.in("Foo (TEMPORARY - registered 2023-02-17, expires 2024-02-17)"));
    }

    @Test
    void otherDescriptionsAreNotEarlyAllocations() {
        assertEquals(Optional.empty(), EarlyAllocation.in(null));
        assertEquals(Optional.empty(), EarlyAllocation.in("Routing in Fat Trees"));
        assertEquals(Optional.empty(), EarlyAllocation.in("Temporary storage service"));
        // The marker closes the description; elsewhere it is prose.
        assertEquals(
                Optional.empty(),
                EarlyAllocation.in(
                        "(TEMPORARY - registered 2023-02-17, expires 2024-02-17) and more"));
        assertEquals(
                Optional.empty(),
                EarlyAllocation.in("X (TEMPORARY - registered 2023-02-30, expires 2024-02-17)"));
    }

    @Test
    void writesTheMarkerAsIanaDoesAndRemovesIt() {
        EarlyAllocation a = EarlyAllocation.in(RIFT).orElseThrow();
        assertEquals(
                "Routing in Fat Trees Link Information Elements (TEMPORARY - registered"
                        + " 2023-02-17, extension registered 2024-01-12, expires 2025-02-17)",
                a.describe(RIFT));
        assertEquals(
                "Routing in Fat Trees Link Information Elements",
                EarlyAllocation.withoutMarker(RIFT));
        assertEquals("Plain", EarlyAllocation.withoutMarker("Plain"));
        assertEquals(
                "New (TEMPORARY - registered 2026-12-01, expires 2027-12-01)",
                EarlyAllocation.granted(day("2026-12-01")).describe("New"));
    }

    @Test
    void oneExtensionOfAYearFromTheExpiryThenNoMore() {
        EarlyAllocation a = EarlyAllocation.granted(day("2023-02-17"));
        EarlyAllocation once = a.extendedOn(day("2024-01-12"));
        assertEquals(
                new EarlyAllocation(day("2023-02-17"), day("2024-01-12"), day("2025-02-17")), once);
        ProblemException twice =
                assertThrows(ProblemException.class, () -> once.extendedOn(day("2024-06-01")));
        assertEquals(409, twice.status());
        ProblemException late =
                assertThrows(ProblemException.class, () -> a.extendedOn(day("2024-02-18")));
        assertEquals(409, late.status());
        assertEquals(day("2025-02-17"), a.extendedOn(day("2024-02-17")).expires());
    }

    @Test
    void itHoldsThroughItsExpiryDayAndRemindsBefore() {
        EarlyAllocation a = EarlyAllocation.granted(day("2023-02-17"));
        assertFalse(a.expiredOn(day("2024-02-17")));
        assertTrue(a.expiredOn(day("2024-02-18")));
        assertFalse(a.expiresWithin(day("2024-01-17"), 30));
        assertTrue(a.expiresWithin(day("2024-01-18"), 30));
        assertTrue(a.expiresWithin(day("2024-02-17"), 30));
        assertFalse(a.expiresWithin(day("2024-02-18"), 30));
    }
}
