package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The three-way reconciliation of an upstream file with the registry and the last upstream. */
class ReconciliationTest {

    static final RegistryInfo XML =
            new RegistryInfo(
                    "f.xml",
                    RegistryInfo.SourceFormat.IANA_XML,
                    false,
                    "Service Name and Transport Protocol Port Number Registry",
                    null,
                    LocalDate.of(2026, 8, 17),
                    null,
                    List.of(),
                    List.of(),
                    Instant.EPOCH);

    static Entry e(String name, String port, String description) {
        return RegistryPlansTest.row(name, port, Transport.TCP, description, null);
    }

    static final Entry GAP = e(null, "916-952", "Unassigned");
    static final Entry RNDC = e("rndc", "953", "BIND9 remote name daemon controller");
    static final Entry SSH = e("ssh", "22", "The Secure Shell Protocol");

    static UpstreamBase base(LocalDate date, Entry... entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        List<String> keys = EntryKeys.of(List.of(entries));
        for (int i = 0; i < entries.length; i++) {
            m.put(keys.get(i), entries[i]);
        }
        return new UpstreamBase(m, 3, date, "old.xml");
    }

    static Reconciliation.Upstream file(LocalDate date, Entry... entries) {
        return new Reconciliation.Upstream("new.xml", date, XML, List.of(entries), List.of());
    }

    static final LocalDate JAN = LocalDate.of(2026, 1, 1);
    static final LocalDate AUG = LocalDate.of(2026, 8, 17);

    private static List<String> items(Reconciliation.Result r) {
        return r.plan().items().stream()
                .map(i -> i.action().slug + " " + i.key() + " " + i.shown().description())
                .toList();
    }

    @Test
    void anEmptyRegistryIsSeededWithEveryEntryWhateverTheBaseSays() {
        Reconciliation.Result r =
                Reconciliation.plan(
                        RegistryPlansTest.snapshot(Map.of()),
                        base(AUG, SSH),
                        file(JAN, GAP, RNDC),
                        Set.of(),
                        false);
        assertTrue(r.seed(), "an older file seeds an empty registry: nothing to undo");
        assertEquals(ChangeKind.SEED, r.plan().kind());
        assertEquals(
                List.of(
                        "added /916-952/tcp Unassigned",
                        "added rndc/953/tcp BIND9 remote name daemon controller"),
                items(r));
        assertEquals(3, r.plan().upstream().base().size(), "the base becomes the file: ssh goes");
    }

    @Test
    void upstreamChangesAreTakenWhereNobodyChangedTheEntryHere() {
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), GAP, RNDC);
        Entry rndc2 = e("rndc", "953", "Remote name daemon control");
        Reconciliation.Result r =
                Reconciliation.plan(
                        local, base(JAN, GAP, RNDC), file(AUG, GAP, rndc2, SSH), Set.of(), false);
        assertFalse(r.seed());
        assertEquals(
                List.of(
                        "changed rndc/953/tcp Remote name daemon control",
                        "added ssh/22/tcp The Secure Shell Protocol"),
                items(r));
        assertEquals(List.of(), r.conflicts());
        assertEquals(2, r.upstreamChanges());
        assertFalse(r.plan().upstream().keepsLocal());
    }

    @Test
    void localWorkTheFileDoesNotTouchIsKept() {
        // 938 was assigned here: the gap was split; the file still has the old gap
        Entry below = e(null, "916-937", "Unassigned");
        Entry mine = e("frob", "938", "Frobnicator");
        Entry above = e(null, "939-952", "Unassigned");
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), below, mine, above, RNDC);
        Reconciliation.Result r =
                Reconciliation.plan(
                        local, base(JAN, GAP, RNDC), file(AUG, GAP, RNDC), Set.of(), false);
        assertEquals(List.of(), items(r), "the file agrees with the last upstream: nothing undone");
        assertEquals(4, r.kept());
        assertTrue(r.plan().upstream().keepsLocal());
    }

    @Test
    void anEntryChangedOnBothSidesIsAConflictKeptUnlessTaken() {
        Entry mine = e("rndc", "953", "Changed here");
        Entry theirs = e("rndc", "953", "Changed by IANA");
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), GAP, mine);
        Reconciliation.Result kept =
                Reconciliation.plan(
                        local, base(JAN, GAP, RNDC), file(AUG, GAP, theirs), Set.of(), false);
        assertEquals(List.of(), items(kept));
        assertEquals(1, kept.conflicts().size());
        Reconciliation.Conflict c = kept.conflicts().get(0);
        assertEquals("rndc/953/tcp", c.key());
        assertEquals(RNDC, c.base());
        assertEquals(mine, c.local().entry());
        assertEquals(theirs, c.upstream());
        assertFalse(c.taken());
        assertTrue(kept.plan().summary().endsWith("; 1 local changes kept"), kept.plan().summary());

        Reconciliation.Result taken =
                Reconciliation.plan(
                        local,
                        base(JAN, GAP, RNDC),
                        file(AUG, GAP, theirs),
                        Set.of("rndc/953/tcp"),
                        false);
        assertEquals(List.of("changed rndc/953/tcp Changed by IANA"), items(taken));
        assertTrue(taken.conflicts().get(0).taken());
    }

    @Test
    void anEntryTheFileBringsOntoAPortAssignedHereIsAConflict() {
        Entry mine = e("frob", "938", "Frobnicator");
        Entry theirs = e("newsvc", "938", "A new service");
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), mine, RNDC);
        Reconciliation.Result r =
                Reconciliation.plan(
                        local, base(JAN, RNDC), file(AUG, theirs, RNDC), Set.of(), false);
        assertEquals(List.of(), items(r), "frob keeps 938/tcp");
        assertEquals(
                List.of("newsvc/938/tcp"),
                r.conflicts().stream().map(Reconciliation.Conflict::key).toList());
        Reconciliation.Result udp =
                Reconciliation.plan(
                        local,
                        base(JAN, RNDC),
                        file(
                                AUG,
                                RegistryPlansTest.row("newsvc", "938", Transport.UDP, "UDP", null),
                                RNDC),
                        Set.of(),
                        false);
        assertEquals(List.of("added newsvc/938/udp UDP"), items(udp), "another transport is free");
    }

    @Test
    void theSameChangeOnBothSidesIsNoConflict() {
        Entry both = e("rndc", "953", "Same words");
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), GAP, both);
        Reconciliation.Result r =
                Reconciliation.plan(
                        local, base(JAN, GAP, RNDC), file(AUG, GAP, both), Set.of(), false);
        assertEquals(List.of(), items(r));
        assertEquals(List.of(), r.conflicts());
    }

    @Test
    void aConflictKeptOnceStaysKeptWhenTheNextFileRepeatsIt() {
        Entry mine = e("rndc", "953", "Changed here");
        Entry theirs = e("rndc", "953", "Changed by IANA");
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), GAP, mine);
        // the base is now the file that was imported with the conflict kept
        Reconciliation.Result r =
                Reconciliation.plan(
                        local, base(AUG, GAP, theirs), file(AUG, GAP, theirs), Set.of(), false);
        assertEquals(List.of(), items(r));
        assertEquals(List.of(), r.conflicts());
    }

    @Test
    void anOlderFileIsRefusedWithBothDatesUnlessForced() {
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), GAP, RNDC);
        ProblemException e =
                assertThrows(
                        ProblemException.class,
                        () ->
                                Reconciliation.plan(
                                        local,
                                        base(AUG, GAP, RNDC),
                                        file(JAN, GAP),
                                        Set.of(),
                                        false));
        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("2026-01-01"), e.getMessage());
        assertTrue(e.getMessage().contains("2026-08-17"), e.getMessage());
        Reconciliation.Result forced =
                Reconciliation.plan(local, base(AUG, GAP, RNDC), file(JAN, GAP), Set.of(), true);
        assertEquals(
                List.of("removed rndc/953/tcp BIND9 remote name daemon controller"), items(forced));
    }

    @Test
    void onlyTheOrderChangingIsAMoveNotAnItem() {
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of(), GAP, RNDC);
        Reconciliation.Result r =
                Reconciliation.plan(
                        local, base(AUG, GAP, RNDC), file(AUG, RNDC, GAP), Set.of(), false);
        assertEquals(List.of(), items(r));
        assertEquals(Map.of(101L, 0, 100L, 1), r.plan().moves());
    }

    @Test
    void onlyAnXmlFileListsPeopleAndAMentionNeverBlanksAKnownPerson() {
        Person known = new Person("IESG", null, "IESG", "iesg@ietf.org", null, null);
        Entry byIesg = RegistryPlansTest.row("smtp", "25", Transport.TCP, "SMTP", "IESG");
        Entry byNew = RegistryPlansTest.row("new", "26", Transport.TCP, "New", "Newcomer");
        RegistrySnapshot local = RegistryPlansTest.snapshot(Map.of("IESG", known), GAP);
        RegistryInfo csv =
                new RegistryInfo(
                        "f.csv",
                        RegistryInfo.SourceFormat.IANA_CSV,
                        false,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        List.of(),
                        Instant.EPOCH);
        Reconciliation.Result r =
                Reconciliation.plan(
                        local,
                        base(JAN, GAP),
                        new Reconciliation.Upstream(
                                "f.csv",
                                AUG,
                                csv,
                                List.of(GAP, byIesg, byNew),
                                List.of(Person.idOnly("IESG"), Person.idOnly("Newcomer"))),
                        Set.of(),
                        false);
        assertEquals(List.of(Person.idOnly("Newcomer")), r.plan().people());
        Person renamed = new Person("IESG", null, "The IESG", "iesg@ietf.org", null, null);
        Reconciliation.Result xml =
                Reconciliation.plan(
                        local,
                        base(JAN, GAP),
                        new Reconciliation.Upstream(
                                "f.xml", AUG, XML, List.of(GAP, byIesg), List.of(renamed)),
                        Set.of(),
                        false);
        assertEquals(List.of(renamed), xml.plan().people());
    }

    @Test
    void aNewVersionIsRecordedEvenWhenNoEntryChanges() {
        RegistrySnapshot local =
                new RegistrySnapshot(
                        XML,
                        RegistryPlansTest.snapshot(Map.of(), GAP).entries(),
                        Map.of(),
                        3,
                        null);
        assertTrue(
                Reconciliation.plan(local, base(AUG, GAP), file(AUG, GAP), Set.of(), false)
                        .plan()
                        .isEmpty(),
                "the same version again changes nothing");
        ChangePlan newer =
                Reconciliation.plan(
                                local, base(AUG, GAP), file(AUG.plusDays(1), GAP), Set.of(), false)
                        .plan();
        assertFalse(newer.isEmpty());
        assertTrue(newer.upstream().newVersion());
    }
}
