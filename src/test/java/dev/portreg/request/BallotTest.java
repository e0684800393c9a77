package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.account.Account;
import dev.portreg.account.Roles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which positions a ballot counts, on events built here: no database, no other members. */
class BallotTest {

    private final List<RequestEvent> log = new ArrayList<>();
    private long nextId = 1;

    private static Account member(long id) {
        Account a = new Account();
        a.id = id;
        a.roles.add(Roles.IESG);
        return a;
    }

    private RequestEvent event(EventKind kind, Account actor, Map<String, Object> data) {
        RequestEvent e = new RequestEvent();
        e.id = nextId++;
        e.kind = kind;
        e.actor = actor;
        e.data = data;
        log.add(e);
        return e;
    }

    private RequestEvent position(Account who, String position) {
        return event(EventKind.BALLOT, who, Map.of("position", position));
    }

    @Test
    void theLatestPositionOfEachMemberCounts() {
        Account a = member(1), b = member(2);
        position(a, "discuss");
        position(b, "yes");
        RequestEvent changed = position(a, "no-objection");
        Ballot ballot = Ballot.count(log, 3);
        assertEquals(2, ballot.positions().size());
        assertEquals(changed, ballot.positions().get(0));
        assertEquals(1, ballot.tally().yes());
        assertEquals(1, ballot.tally().noObjection());
        assertEquals(0, ballot.tally().discuss());
        assertEquals(1, ballot.tally().noRecord());
        assertEquals(2, ballot.tally().needed());
        assertTrue(ballot.tally().passes());
        assertNull(ballot.note(changed));
    }

    @Test
    void aResubmissionThatChangesThePortMakesEarlierPositionsStale() {
        Account a = member(1), b = member(2);
        RequestEvent old = position(a, "yes");
        event(
                EventKind.RESUBMITTED,
                null,
                Map.of("changes", Map.of("port", List.of("938", "939"))));
        RequestEvent fresh = position(b, "yes");
        Ballot ballot = Ballot.count(log, 2);
        assertEquals(
                "given on an older version: the port or transports changed since",
                ballot.note(old));
        assertNull(ballot.note(fresh));
        assertEquals(1, ballot.tally().yes());
        assertFalse(ballot.tally().passes());
        // Giving a position again counts it again.
        position(a, "yes");
        assertTrue(Ballot.count(log, 2).tally().passes());
    }

    @Test
    void aResubmissionThatChangesOnlyWordsKeepsThePositions() {
        Account a = member(1);
        RequestEvent yes = position(a, "yes");
        event(
                EventKind.RESUBMITTED,
                null,
                Map.of("changes", Map.of("description", List.of("old", "new"))));
        event(EventKind.RESUBMITTED, null, null);
        Ballot ballot = Ballot.count(log, 1);
        assertNull(ballot.note(yes));
        assertTrue(ballot.tally().passes());
    }

    @Test
    void aFormerMemberIsShownButNotCounted() {
        Account gone = member(1);
        RequestEvent e = position(gone, "yes");
        gone.roles.remove(Roles.IESG);
        Ballot ballot = Ballot.count(log, 1);
        assertEquals("no longer an IESG member", ballot.note(e));
        assertEquals(List.of(e), ballot.positions());
        assertEquals(0, ballot.tally().yes());
        assertEquals(1, ballot.tally().noRecord());
    }

    /**
     * The API journey's ballot (RequestJourneyApiTest) on its own list of three members, where the
     * count is exactly the test's: Abstain, then Yes, then No Objection passes.
     */
    @Test
    void threeMembersAbstainThenYesThenNoObjectionPass() {
        Account a = member(1), b = member(2), c = member(3);
        position(a, "abstain");
        Ballot one = Ballot.count(log, 3);
        assertEquals(3, one.tally().members());
        assertEquals(2, one.tally().needed());
        assertEquals("Needs a YES.", one.tally().reason());
        position(b, "yes");
        Ballot two = Ballot.count(log, 3);
        assertFalse(two.tally().passes());
        assertEquals("Needs 1 more YES or NO OBJECTION position to pass.", two.tally().reason());
        position(c, "no-objection");
        Ballot three = Ballot.count(log, 3);
        assertTrue(three.tally().passes());
        assertEquals(1, three.tally().abstain());
        assertEquals(0, three.tally().noRecord());
    }

    /** RequestSecurityTest's ballot: a member leaves, and the two left need both positions. */
    @Test
    void aMemberWhoLeavesIsNotCountedAndTheOthersNeedTwoOfTwo() {
        Account a = member(1), b = member(2), c = member(3);
        RequestEvent left = position(a, "yes");
        a.roles.remove(Roles.IESG);
        Ballot ballot = Ballot.count(log, 2);
        assertEquals(0, ballot.tally().yes());
        assertEquals(2, ballot.tally().members());
        assertEquals(2, ballot.tally().needed());
        assertEquals("no longer an IESG member", ballot.note(left));
        position(b, "yes");
        assertFalse(Ballot.count(log, 2).tally().passes());
        position(c, "no-objection");
        assertTrue(Ballot.count(log, 2).tally().passes());
    }

    @Test
    void aMembersEarlierPositionsAreKeptOldestFirst() {
        Account a = member(1), b = member(2);
        RequestEvent first = position(a, "discuss");
        RequestEvent second = position(a, "abstain");
        RequestEvent latest = position(a, "yes");
        RequestEvent other = position(b, "yes");
        Ballot ballot = Ballot.count(log, 2);
        assertEquals(List.of(latest, other), ballot.positions());
        assertEquals(List.of(first, second), ballot.before(latest));
        assertEquals(List.of(), ballot.before(other));
        assertTrue(ballot.tally().passes());
    }

    @Test
    void aClearedDiscussIsAPositionAndOtherEventsAreNot() {
        Account a = member(1);
        position(a, "discuss");
        event(EventKind.REPLY, null, Map.of("comment", "Because."));
        RequestEvent cleared = event(EventKind.DISCUSS_CLEARED, a, Map.of("position", "yes"));
        event(EventKind.EDITED, null, Map.of("changes", Map.of("port", List.of("1", "2"))));
        Ballot ballot = Ballot.count(log, 1);
        assertEquals(List.of(cleared), ballot.positions());
        assertNull(ballot.note(cleared));
        assertTrue(ballot.tally().passes());
    }

    @Test
    void aResubmissionThatChangesTheTransportsMakesPositionsStaleButOneWithUnknownFieldsDoesNot() {
        Account a = member(1);
        RequestEvent yes = position(a, "yes");
        event(EventKind.RESUBMITTED, null, Map.of("changes", Map.of("no-such-field", List.of())));
        event(EventKind.RESUBMITTED, null, Map.of("changes", "not a map"));
        assertNull(Ballot.count(log, 1).note(yes));
        event(
                EventKind.RESUBMITTED,
                null,
                Map.of("changes", Map.of("transports", List.of("tcp", "tcp, udp"))));
        Ballot ballot = Ballot.count(log, 1);
        assertEquals(
                "given on an older version: the port or transports changed since",
                ballot.note(yes));
        assertFalse(ballot.tally().passes());
    }
}
