package dev.portreg.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every (from, to) pair against the transition table, written out here independently. */
class RequestStateTest {

    /** The allowed moves, one line per state, as docs/workflow.md draws them. */
    private static final List<String> TABLE =
            List.of(
                    "DRAFT -> EXPERT_REVIEW IESG_EVALUATION IANA_REVIEW COMMUNITY_CALL WITHDRAWN",
                    "EXPERT_REVIEW -> APPROVED CHANGES_REQUESTED REJECTED WITHDRAWN",
                    "IESG_EVALUATION -> APPROVED CHANGES_REQUESTED REJECTED WITHDRAWN",
                    "IANA_REVIEW -> COMPLETED CHANGES_REQUESTED REJECTED WITHDRAWN",
                    "COMMUNITY_CALL -> IESG_EVALUATION WITHDRAWN",
                    "CHANGES_REQUESTED -> EXPERT_REVIEW IESG_EVALUATION IANA_REVIEW WITHDRAWN",
                    "APPROVED -> COMPLETED REJECTED",
                    "COMPLETED ->",
                    "REJECTED ->",
                    "WITHDRAWN ->");

    private static boolean allowed(RequestState from, RequestState to) {
        for (String line : TABLE) {
            String[] parts = line.split("->");
            if (parts[0].trim().equals(from.name())) {
                return parts.length > 1
                        && Set.of(parts[1].trim().split("\\s+")).contains(to.name());
            }
        }
        throw new AssertionError("state " + from + " missing from the test table");
    }

    @Test
    void everyPairMatchesTheTable() {
        List<String> wrong = new ArrayList<>();
        int pairs = 0;
        for (RequestState from : RequestState.values()) {
            for (RequestState to : RequestState.values()) {
                pairs++;
                if (from.canMoveTo(to) != allowed(from, to)) {
                    wrong.add(from + " -> " + to);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(RequestState.values().length * RequestState.values().length, pairs);
    }

    @Test
    void terminalStatesHaveNoMoves() {
        for (RequestState s : RequestState.values()) {
            assertEquals(
                    s == RequestState.COMPLETED
                            || s == RequestState.REJECTED
                            || s == RequestState.WITHDRAWN,
                    s.terminal(),
                    s.name());
        }
    }

    @Test
    void slugsRoundTrip() {
        for (RequestState s : RequestState.values()) {
            assertEquals(s, RequestState.parse(s.slug()).orElseThrow());
        }
        assertEquals("changes-requested", RequestState.CHANGES_REQUESTED.slug());
    }

    /** The states a request is reviewed in, open in, and editable in, written out. */
    @Test
    void underReviewOpenAndEditable() {
        Set<RequestState> underReview =
                Set.of(
                        RequestState.EXPERT_REVIEW,
                        RequestState.IESG_EVALUATION,
                        RequestState.IANA_REVIEW,
                        RequestState.COMMUNITY_CALL);
        Set<RequestState> open =
                Set.of(
                        RequestState.EXPERT_REVIEW,
                        RequestState.IESG_EVALUATION,
                        RequestState.IANA_REVIEW,
                        RequestState.COMMUNITY_CALL,
                        RequestState.CHANGES_REQUESTED,
                        RequestState.APPROVED);
        Set<RequestState> editable = Set.of(RequestState.DRAFT, RequestState.CHANGES_REQUESTED);
        for (RequestState s : RequestState.values()) {
            assertEquals(underReview.contains(s), s.underReview(), s.name());
            assertEquals(open.contains(s), s.open(), s.name());
            assertEquals(editable.contains(s), s.editable(), s.name());
        }
    }

    @Test
    void labelsAndTheSlugAsText() {
        assertEquals("IESG evaluation", RequestState.IESG_EVALUATION.label);
        assertEquals("iana-review", RequestState.IANA_REVIEW.toString());
        assertEquals(
                java.util.Optional.of(RequestState.COMMUNITY_CALL),
                RequestState.parse(" COMMUNITY_CALL "));
        assertEquals(java.util.Optional.empty(), RequestState.parse("in-review"));
    }
}
