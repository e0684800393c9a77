package dev.portreg.review;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The words a reviewer's decision is sent as. */
class ReviewDecisionTest {

    @Test
    void slugs() {
        assertEquals(
                List.of("approve", "request-changes", "reject"),
                List.of(ReviewDecision.values()).stream().map(ReviewDecision::slug).toList());
    }

    @Test
    void parseTakesTheSlugOrTheJavaName() {
        assertEquals(
                Optional.of(ReviewDecision.REQUEST_CHANGES),
                ReviewDecision.parse("request-changes"));
        assertEquals(
                Optional.of(ReviewDecision.REQUEST_CHANGES),
                ReviewDecision.parse("REQUEST_CHANGES"));
        assertEquals(Optional.of(ReviewDecision.REJECT), ReviewDecision.parse(" Reject "));
        assertEquals(Optional.empty(), ReviewDecision.parse("approved"));
        assertEquals(Optional.empty(), ReviewDecision.parse(null));
    }
}
