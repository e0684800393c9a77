package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.request.EventKind.Recipient;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The event kinds' slugs (the database CHECK's words) and who is mailed, written out here. */
class EventKindTest {

    @Test
    void slugsAreTheWordsOfTheDatabaseCheck() {
        assertEquals(
                List.of(
                        "created",
                        "edited",
                        "submitted",
                        "resubmitted",
                        "withdrawn",
                        "approved",
                        "changes-requested",
                        "rejected",
                        "ballot",
                        "discuss-cleared",
                        "reply",
                        "taken",
                        "call-started",
                        "call-ended",
                        "completed"),
                EnumSet.allOf(EventKind.class).stream().map(EventKind::slug).toList());
        assertEquals("discuss-cleared", EventKind.DISCUSS_CLEARED.toString());
    }

    @Test
    void parseTakesTheSlugOrTheJavaNameAndNothingElse() {
        assertEquals(Optional.of(EventKind.CALL_ENDED), EventKind.parse("call-ended"));
        assertEquals(Optional.of(EventKind.CALL_ENDED), EventKind.parse(" CALL_ENDED "));
        assertEquals(Optional.of(EventKind.REPLY), EventKind.parse("Reply"));
        assertEquals(Optional.empty(), EventKind.parse("call ended"));
        assertEquals(Optional.empty(), EventKind.parse(""));
        assertEquals(Optional.empty(), EventKind.parse(null));
    }

    @Test
    void whoIsMailedForEachKind() {
        Set<Recipient> nobody = EnumSet.noneOf(Recipient.class);
        Map<EventKind, Set<Recipient>> expected =
                Map.ofEntries(
                        Map.entry(EventKind.CREATED, nobody),
                        Map.entry(EventKind.EDITED, nobody),
                        Map.entry(
                                EventKind.SUBMITTED,
                                EnumSet.of(Recipient.REQUESTER, Recipient.DECIDERS)),
                        Map.entry(
                                EventKind.RESUBMITTED,
                                EnumSet.of(Recipient.REQUESTER, Recipient.DECIDERS)),
                        Map.entry(EventKind.WITHDRAWN, nobody),
                        Map.entry(
                                EventKind.APPROVED,
                                EnumSet.of(Recipient.REQUESTER, Recipient.DECIDERS)),
                        Map.entry(EventKind.CHANGES_REQUESTED, EnumSet.of(Recipient.REQUESTER)),
                        Map.entry(EventKind.REJECTED, EnumSet.of(Recipient.REQUESTER)),
                        Map.entry(EventKind.BALLOT, nobody),
                        Map.entry(EventKind.DISCUSS_CLEARED, nobody),
                        Map.entry(
                                EventKind.REPLY,
                                EnumSet.of(
                                        Recipient.REQUESTER,
                                        Recipient.DECIDERS,
                                        Recipient.ANSWERED)),
                        Map.entry(EventKind.TAKEN, nobody),
                        Map.entry(EventKind.CALL_STARTED, EnumSet.of(Recipient.INFORMED)),
                        Map.entry(EventKind.CALL_ENDED, EnumSet.of(Recipient.DECIDERS)),
                        Map.entry(EventKind.COMPLETED, EnumSet.of(Recipient.REQUESTER)));
        assertEquals(EventKind.values().length, expected.size());
        for (EventKind k : EventKind.values()) {
            assertEquals(expected.get(k), k.mailed(), k.slug());
        }
    }

    @Test
    void positionsAndSubmissions() {
        Set<EventKind> positions = EnumSet.of(EventKind.BALLOT, EventKind.DISCUSS_CLEARED);
        Set<EventKind> submissions = EnumSet.of(EventKind.SUBMITTED, EventKind.RESUBMITTED);
        for (EventKind k : EventKind.values()) {
            assertEquals(positions.contains(k), k.position(), k.slug());
            assertEquals(submissions.contains(k), k.submission(), k.slug());
        }
        assertTrue(EventKind.BALLOT.position());
        assertFalse(EventKind.REPLY.position());
    }
}
