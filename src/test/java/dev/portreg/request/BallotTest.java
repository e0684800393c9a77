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
}
