package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An early allocation's whole life on the registry: made, extended once, permanent or expired. */
class EarlyAllocationPlansTest {

    static final LocalDate MADE = LocalDate.of(2023, 2, 17);

    private long nextId = 50_000;

    final RegistrySnapshot start =
            RegistryPlansTest.snapshot(
                    Map.of("Ann", RegistryPlansTest.ANN),
                    RegistryPlansTest.row(null, "0", null, "Reserved", null),
                    RegistryPlansTest.row(null, "1-1022", null, "Unassigned", null),
                    RegistryPlansTest.row("frob", "953", Transport.TCP, "Frobnicator", "Ann"),
                    RegistryPlansTest.row(null, "953", Transport.UDP, "Reserved", null));

    /** The snapshot after the plan, as the write path applies it. */
    private RegistrySnapshot apply(RegistrySnapshot s, ChangePlan p) {
        List<ChangeItem> items = new ArrayList<>();
        for (ChangeItem i : p.items()) {
            items.add(i.action() == ChangeItem.Action.ADDED ? i.withId(nextId++) : i);
        }
        return s.with(items, p.people(), null, s.revision() + 1, null);
    }

    private RegistrySnapshot allocated() {
        RegistryPlans.Assignment rift =
                new RegistryPlans.Assignment(
                        "rift-lies",
                        Ports.of(914),
                        null,
                        List.of(Transport.UDP),
                        "Routing in Fat Trees Link Information Elements",
                        RegistryPlansTest.ANN,
                        null,
                        List.of(new Reference("draft", "draft-ietf-rift-rift-16", null, null)),
                        null,
                        null,
                        null);
        return apply(start, EarlyAllocationPlans.allocate(start, rift, MADE));
    }

    private static Entry on(RegistrySnapshot s, int port, Transport t) {
        return s.entriesAt(port).stream()
                .map(StoredEntry::entry)
                .filter(e -> e.covers(t))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void madeAsAnAssignmentMarkedTemporaryForAYear() {
        RegistrySnapshot s = allocated();
        Entry udp = on(s, 914, Transport.UDP);
        assertEquals(
                "Routing in Fat Trees Link Information Elements (TEMPORARY - registered"
                        + " 2023-02-17, expires 2024-02-17)",
                udp.description());
        assertEquals(PortStatus.ASSIGNED, s.status(914, Transport.UDP));
        assertEquals(PortStatus.RESERVED, s.status(914, Transport.TCP));
        assertEquals("2023-02-17", udp.registered());
        assertEquals(
                List.of("rift-lies"),
                EarlyAllocationPlans.expiredOn(s, MADE.plusYears(1).plusDays(1)));
        assertEquals(List.of(), EarlyAllocationPlans.expiredOn(s, MADE.plusYears(1)));
        assertEquals(
                List.of("rift-lies"),
                EarlyAllocationPlans.expiringWithin(s, LocalDate.of(2024, 1, 20), 30));
    }

    @Test
    void extendedOnceThenPermanentWithItsRfc() {
        RegistrySnapshot s = allocated();
        LocalDate extension = LocalDate.of(2024, 1, 12);
        s = apply(s, EarlyAllocationPlans.extend(s, "rift-lies", extension));
        Entry udp = on(s, 914, Transport.UDP);
        assertEquals(
                "Routing in Fat Trees Link Information Elements (TEMPORARY - registered"
                        + " 2023-02-17, extension registered 2024-01-12, expires 2025-02-17)",
                udp.description());
        assertEquals("2024-01-12", udp.modified());
        RegistrySnapshot once = s;
        ProblemException again =
                assertThrows(
                        ProblemException.class,
                        () ->
                                EarlyAllocationPlans.extend(
                                        once, "rift-lies", extension.plusDays(5)));
        assertEquals(409, again.status());

        LocalDate published = LocalDate.of(2024, 6, 7);
        s =
                apply(
                        s,
                        EarlyAllocationPlans.makePermanent(
                                s, "rift-lies", Reference.rfc(9692), published));
        udp = on(s, 914, Transport.UDP);
        assertEquals("Routing in Fat Trees Link Information Elements", udp.description());
        assertEquals(List.of(Reference.rfc(9692)), udp.references());
        assertEquals("2024-06-07", udp.modified());
        assertEquals(PortStatus.ASSIGNED, s.status(914, Transport.UDP));
        RegistrySnapshot permanent = s;
        assertEquals(
                409,
                assertThrows(
                                ProblemException.class,
                                () ->
                                        EarlyAllocationPlans.extend(
                                                permanent, "rift-lies", published))
                        .status(),
                "not an early allocation any more");
        assertEquals(List.of(), EarlyAllocationPlans.expiredOn(s, LocalDate.of(2030, 1, 1)));
    }

    @Test
    void expiredItGivesThePortBackOnEveryTransport() {
        RegistrySnapshot s = allocated();
        RegistrySnapshot early = s;
        assertEquals(
                409,
                assertThrows(
                                ProblemException.class,
                                () ->
                                        EarlyAllocationPlans.expire(
                                                early, "rift-lies", MADE.plusYears(1)))
                        .status(),
                "it holds through its expiry day");
        s = apply(s, EarlyAllocationPlans.expire(s, "rift-lies", MADE.plusYears(1).plusDays(1)));
        for (Transport t : Transport.ALL) {
            assertEquals(PortStatus.UNASSIGNED, s.status(914, t), "914/" + t);
        }
        assertTrue(s.byName("rift-lies").isEmpty(), "the name goes with it");
        assertTrue(s.free(914, Transport.ALL));
        // Its neighbours are untouched: frob on 953 and its Reserved udp.
        assertEquals(PortStatus.ASSIGNED, s.status(953, Transport.TCP));
        assertEquals(PortStatus.RESERVED, s.status(953, Transport.UDP));
    }

    @Test
    void onlyEarlyAllocationsCanBeExtendedMadePermanentOrExpired() {
        for (var plan :
                List.<java.util.function.Supplier<ChangePlan>>of(
                        () -> EarlyAllocationPlans.extend(start, "frob", MADE),
                        () -> EarlyAllocationPlans.makePermanent(start, "frob", null, MADE),
                        () -> EarlyAllocationPlans.expire(start, "frob", MADE))) {
            ProblemException e = assertThrows(ProblemException.class, plan::get);
            assertEquals(409, e.status());
            assertEquals("frob is not an early allocation", e.getMessage());
        }
    }
}
