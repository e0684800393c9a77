package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.ProblemException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry actions as pure plans, on a small hand-built registry. */
class RegistryPlansTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    static Entry row(String name, String ports, Transport t, String description, String who) {
        return new Entry(
                name,
                ports == null ? null : Ports.parse(ports),
                t,
                description,
                who,
                who,
                null,
                null,
                List.of(),
                null,
                null,
                null);
    }

    static RegistrySnapshot snapshot(Map<String, Person> people, Entry... entries) {
        List<StoredEntry> stored = new ArrayList<>();
        List<String> keys = EntryKeys.of(List.of(entries));
        for (int i = 0; i < entries.length; i++) {
            stored.add(new StoredEntry(100 + i, keys.get(i), i, entries[i]));
        }
        return new RegistrySnapshot(null, stored, people, 7, null);
    }

    static final Person ANN = new Person("Ann", "Ann", "Acme", "ann@example.org", null, null);

    final RegistrySnapshot registry =
            snapshot(
                    Map.of("Ann", ANN),
                    row(null, "0", null, "Reserved", null),
                    row(null, "1-1022", null, "Unassigned", null),
                    row(null, "1023-1024", null, "Reserved", null),
                    row(null, "1025-49151", null, "Unassigned", null),
                    row("frob", "953", Transport.TCP, "Frobnicator", "Ann"),
                    row(null, "953", Transport.UDP, "Reserved", null),
                    row("RDP", null, null, "Reliable Data Protocol", null),
                    row("rdp", null, null, "Remote Desktop Protocol", null));

    static RegistryPlans.Assignment assignment(
            String name, Ports ports, PortRange any, Transport... ts) {
        return new RegistryPlans.Assignment(
                name,
                ports,
                any,
                List.of(ts),
                "A new service",
                new Person(null, "Bea", "Beta Inc", "bea@example.org", null, null),
                null,
                List.of(Reference.rfc(9999)),
                null,
                null,
                null);
    }

    private static List<String> lines(ChangePlan p) {
        return p.items().stream()
                .map(
                        i ->
                                i.action().slug
                                        + " "
                                        + i.key()
                                        + " "
                                        + i.shown().status().slug()
                                        + " @"
                                        + i.position())
                .toList();
    }

    @Test
    void anAssignmentSplitsTheGapAssignsTheRequestedAndReservesTheOthers() {
        ChangePlan p =
                RegistryPlans.assign(
                        registry,
                        assignment("newsvc", Ports.of(938), null, Transport.TCP, Transport.UDP),
                        TODAY);
        assertEquals(ChangeKind.REGISTRY_ACTION, p.kind());
        assertEquals(
                List.of(
                        "removed /1-1022/ unassigned @1",
                        "added /1-937/ unassigned @1",
                        "added /939-1022/ unassigned @1",
                        "added newsvc/938/tcp assigned @1",
                        "added newsvc/938/udp assigned @1",
                        "added /938/sctp reserved @1",
                        "added /938/dccp reserved @1"),
                lines(p));
        Entry tcp = p.items().get(3).after();
        assertEquals("2026-12-01", tcp.registered(), "registered the day of the action");
        assertEquals("Bea", tcp.assigneeId(), "a new person, named after the party");
        assertEquals("Bea", tcp.contactId(), "the assignee is the contact when none is given");
        assertEquals(
                List.of(
                        new Person(
                                "Bea", "Bea", "Beta Inc", "bea@example.org", null, "2026-12-01")),
                p.people());
        assertEquals(
                "938/tcp newsvc (assigned); 938/udp newsvc (assigned); 938/sctp Reserved (reserved);"
                        + " 938/dccp Reserved (reserved)",
                p.summary());
        assertTrue(
                p.items().stream()
                        .allMatch(i -> i.action() != ChangeItem.Action.ADDED || i.entryId() == 0));
    }

    @Test
    void aKnownEmailIsThatPersonAndANewNameGetsAFreeId() {
        Person ann = new Person(null, "ann", null, "ANN@example.org", null, null);
        RegistryPlans.Assignment a =
                new RegistryPlans.Assignment(
                        "newsvc",
                        Ports.of(938),
                        null,
                        List.of(Transport.TCP),
                        "d",
                        ann,
                        new Person(null, "Ann", null, "other@example.org", null, null),
                        List.of(),
                        null,
                        null,
                        null);
        ChangePlan p = RegistryPlans.assign(registry, a, TODAY);
        Entry e =
                p.items().stream()
                        .filter(i -> "newsvc".equals(i.shown().serviceName()))
                        .findFirst()
                        .orElseThrow()
                        .after();
        assertEquals("Ann", e.assigneeId(), "found by email and name, ignoring case");
        assertEquals("Ann_2", e.contactId(), "Ann is taken: the next free id");
    }

    @Test
    void anAssigneeAndAContactSharingAnAddressAreTwoPeople() {
        Person org =
                new Person(null, "Frob Working Group", "IETF", "frob@ietf.example", null, null);
        Person chair =
                new Person(null, "Carla Chair", "Example Inc", "frob@ietf.example", null, null);
        ChangePlan p =
                RegistryPlans.assign(
                        registry,
                        new RegistryPlans.Assignment(
                                "newsvc",
                                Ports.of(938),
                                null,
                                List.of(Transport.TCP),
                                "d",
                                org,
                                chair,
                                List.of(),
                                null,
                                null,
                                null),
                        TODAY);
        Entry e =
                p.items().stream()
                        .filter(i -> "newsvc".equals(i.shown().serviceName()))
                        .findFirst()
                        .orElseThrow()
                        .after();
        assertEquals("Frob_Working_Group", e.assigneeId());
        assertEquals("Carla_Chair", e.contactId(), "the contact keeps their own name");
        assertEquals(
                List.of("Frob Working Group", "Carla Chair"),
                p.people().stream().map(Person::name).toList());
        assertEquals("Example Inc", p.people().get(1).org());
    }

    @Test
    void aTakenPortIsAConflictAndNothingIsPlanned() {
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () ->
                                RegistryPlans.assign(
                                        registry,
                                        assignment("other", Ports.of(953), null, Transport.TCP),
                                        TODAY));
        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("953/tcp is no longer free"), e.getMessage());
    }

    @Test
    void theAssigneeClaimsItsReservedCounterpart() {
        ChangePlan p =
                RegistryPlans.assign(
                        registry, assignment("frob", Ports.of(953), null, Transport.UDP), TODAY);
        assertEquals(
                List.of(
                        "removed /1-1022/ unassigned @1",
                        "added /1-952/ unassigned @1",
                        "added /954-1022/ unassigned @1",
                        "changed frob/953/udp assigned @5",
                        "added /953/sctp reserved @1",
                        "added /953/dccp reserved @1"),
                lines(p));
        assertEquals(105, p.items().get(3).entryId(), "the Reserved entry becomes the assignment");
    }

    @Test
    void anyFreePortIsTheLowestFreeOnEveryTransport() {
        RegistrySnapshot taken =
                snapshot(
                        Map.of(),
                        row(null, "1024", null, "Reserved", null),
                        row(null, "1025-1030", null, "Unassigned", null),
                        row("a", "1025", Transport.TCP, "A", null),
                        row("b", "1026", Transport.SCTP, "B", null));
        assertEquals(1027, RegistryPlans.pickPort(taken, PortRange.USER, List.of(Transport.TCP)));
        assertEquals(
                1026,
                RegistryPlans.pickPort(
                        snapshot(
                                Map.of(),
                                row(null, "1025-1026", null, "Unassigned", null),
                                row("a", "1025", Transport.TCP, "A", null),
                                row("b", "1026", Transport.SCTP, "B", null)),
                        PortRange.USER,
                        List.of(Transport.TCP)),
                "else the lowest free on the requested transports");
        assertNull(RegistryPlans.pickPort(taken, PortRange.SYSTEM, List.of(Transport.TCP)));
        ChangePlan p =
                RegistryPlans.assign(
                        taken, assignment("c", null, PortRange.USER, Transport.TCP), TODAY);
        assertTrue(lines(p).contains("added c/1027/tcp assigned @1"), lines(p).toString());
        assertEquals(
                409,
                assertThrows(
                                ProblemException.class,
                                () ->
                                        RegistryPlans.assign(
                                                taken,
                                                assignment(
                                                        "c", null, PortRange.SYSTEM, Transport.TCP),
                                                TODAY))
                        .status());
    }

    @Test
    void aNameOnlyAssignmentGetsTheNextRepeatOfItsKey() {
        ChangePlan p =
                RegistryPlans.assign(registry, assignment("Rdp", null, null, Transport.TCP), TODAY);
        assertEquals(List.of("added rdp//tcp assigned @8"), lines(p));
        ChangePlan q =
                RegistryPlans.assign(
                        snapshot(
                                Map.of(),
                                row("rdp", null, Transport.TCP, "one", null),
                                row("rdp", null, Transport.TCP, "two", null)),
                        assignment("RDP", null, null, Transport.TCP),
                        TODAY);
        assertEquals("rdp//tcp#3", q.items().get(0).key());
    }

    @Test
    void aModificationChangesTheDescriptionAndDatesIt() {
        ChangePlan p = RegistryPlans.modify(registry, "FROB", "Frobnicator v2", null, TODAY);
        assertEquals(List.of("changed frob/953/tcp assigned @4"), lines(p));
        Entry e = p.items().get(0).after();
        assertEquals("Frobnicator v2", e.description());
        assertEquals("2026-12-01", e.modified());
        assertEquals("Ann", e.contactId(), "the contact stays");
    }

    @Test
    void aDeAssignmentReservesThePortsAndKeepsTheName() {
        ChangePlan p =
                RegistryPlans.release(registry, "frob", RegistryPlans.Release.DE_ASSIGN, TODAY);
        assertEquals(
                List.of("changed /953/tcp reserved @4", "added frob//tcp assigned @8"), lines(p));
        assertEquals(
                "De-assigned on 2026-12-01, previously frob by [Ann]",
                p.items().get(0).after().notes());
        assertEquals("Port 953 de-assigned on 2026-12-01", p.items().get(1).after().notes());
        assertEquals(
                409,
                assertThrows(
                                ProblemException.class,
                                () ->
                                        RegistryPlans.release(
                                                registry,
                                                "nosuch",
                                                RegistryPlans.Release.REVOKE,
                                                TODAY))
                        .status());
    }

    @Test
    void anotherTransportCopiesTheAssignmentAndRefusesOneItHas() {
        ChangePlan p =
                RegistryPlans.addTransport(registry, "frob", List.of(Transport.SCTP), null, TODAY);
        assertTrue(lines(p).contains("added frob/953/sctp assigned @1"), lines(p).toString());
        assertEquals(
                409,
                assertThrows(
                                ProblemException.class,
                                () ->
                                        RegistryPlans.addTransport(
                                                registry,
                                                "frob",
                                                List.of(Transport.TCP),
                                                null,
                                                TODAY))
                        .status());
    }
}
