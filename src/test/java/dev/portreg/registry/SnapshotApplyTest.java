package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Applying change sets to a snapshot ({@link RegistrySnapshot#with}) gives exactly the registry a
 * snapshot built from scratch of the same entries gives: every status, every port's entries, every
 * name and key, the counts.
 */
class SnapshotApplyTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    private long nextId = 10_000;

    /** The plan's items with ids for new entries, as the write path gives them. */
    private List<ChangeItem> written(ChangePlan p) {
        List<ChangeItem> out = new ArrayList<>();
        for (ChangeItem i : p.items()) {
            out.add(i.action() == ChangeItem.Action.ADDED ? i.withId(nextId++) : i);
        }
        return out;
    }

    private static void assertSame(RegistrySnapshot applied) {
        RegistrySnapshot built =
                new RegistrySnapshot(null, applied.entries(), applied.people(), 0, null);
        assertEquals(built.entries(), applied.entries(), "entries in file order");
        for (int p = 0; p <= PortRange.MAX_PORT; p++) {
            assertEquals(built.entriesAt(p), applied.entriesAt(p), "entries at " + p);
            for (Transport t : Transport.ALL) {
                assertEquals(built.status(p, t), applied.status(p, t), p + "/" + t);
            }
        }
        Set<String> names = new HashSet<>();
        for (StoredEntry se : built.entries()) {
            if (se.entry().serviceName() != null) {
                names.add(se.entry().serviceName());
            }
            assertEquals(built.byKey(se.key()), applied.byKey(se.key()), se.key());
            assertEquals(built.byId(se.id()), applied.byId(se.id()));
        }
        for (String n : names) {
            assertEquals(built.byName(n), applied.byName(n), n);
        }
        assertEquals(built.nameCount(), applied.nameCount());
        assertEquals(built.counts(), applied.counts());
        assertEquals(built.lastPosition(), applied.lastPosition());
    }

    @Test
    void registryActionsAppliedOneByOneMatchARebuild() {
        RegistrySnapshot s =
                RegistryPlansTest.snapshot(
                        Map.of("Ann", RegistryPlansTest.ANN),
                        RegistryPlansTest.row(null, "0", null, "Reserved", null),
                        RegistryPlansTest.row(null, "1-1022", null, "Unassigned", null),
                        RegistryPlansTest.row(null, "1023-1024", null, "Reserved", null),
                        RegistryPlansTest.row(null, "1025-49151", null, "Unassigned", null),
                        RegistryPlansTest.row("frob", "953", Transport.TCP, "Frobnicator", "Ann"),
                        RegistryPlansTest.row(null, "953", Transport.UDP, "Reserved", null),
                        RegistryPlansTest.row("http", "80", Transport.TCP, "HTTP", null),
                        RegistryPlansTest.row("www", "80", Transport.TCP, "HTTP alias", null));
        Random random = new Random(42);
        int revision = 7;
        for (int round = 0; round < 40; round++) {
            ChangePlan plan;
            int port = 1 + random.nextInt(2000);
            if (round % 7 == 6) {
                String victim = "svc" + (round - 3);
                if (s.byName(victim).isEmpty()) {
                    continue;
                }
                plan = RegistryPlans.release(s, victim, RegistryPlans.Release.DE_ASSIGN, TODAY);
            } else if (round % 5 == 4) {
                plan = RegistryPlans.modify(s, "frob", "Frobnicator " + round, null, TODAY);
            } else {
                if (!s.free(port, List.of(Transport.TCP))) {
                    continue;
                }
                plan =
                        RegistryPlans.assign(
                                s,
                                RegistryPlansTest.assignment(
                                        "svc" + round,
                                        Ports.of(port),
                                        null,
                                        random.nextBoolean() ? Transport.TCP : Transport.UDP),
                                TODAY);
            }
            s = s.with(written(plan), plan.people(), null, ++revision, null);
            assertSame(s);
        }
        assertEquals(revision, s.revision());
    }

    @Test
    void aNameOnlyEntryAndAWholeRangeComeAndGo() {
        RegistrySnapshot s =
                RegistryPlansTest.snapshot(
                        Map.of(), RegistryPlansTest.row(null, "1-49151", null, "Unassigned", null));
        ChangePlan named =
                RegistryPlans.assign(
                        s,
                        RegistryPlansTest.assignment("nameonly", null, null, Transport.TCP),
                        TODAY);
        s = s.with(written(named), named.people(), null, 8, null);
        assertSame(s);
        ChangePlan split =
                RegistryPlans.assign(
                        s,
                        RegistryPlansTest.assignment(
                                "big", new Ports(4000, 4099), null, Transport.TCP),
                        TODAY);
        s = s.with(written(split), split.people(), null, 9, null);
        assertSame(s);
        assertEquals(PortStatus.ASSIGNED, s.status(4050, Transport.TCP));
        assertEquals(PortStatus.RESERVED, s.status(4050, Transport.UDP));
        assertEquals(1, s.byName("NAMEONLY").size());
    }
}
