package dev.portreg.review;

import static dev.portreg.review.BallotPosition.ABSTAIN;
import static dev.portreg.review.BallotPosition.DISCUSS;
import static dev.portreg.review.BallotPosition.NO_OBJECTION;
import static dev.portreg.review.BallotPosition.RECUSE;
import static dev.portreg.review.BallotPosition.YES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BallotRuleTest {

    private static List<BallotPosition> n(int count, BallotPosition p) {
        return new ArrayList<>(Collections.nCopies(count, p));
    }

    @Test
    void needsAtLeastOneYes() {
        BallotRule.Tally t = BallotRule.tally(3, List.of(NO_OBJECTION, NO_OBJECTION, NO_OBJECTION));
        assertFalse(t.passes());
        assertEquals("Needs a YES.", t.reason());
    }

    @Test
    void twoThirdsOfThreeIsTwo() {
        assertFalse(BallotRule.tally(3, List.of(YES)).passes());
        BallotRule.Tally t = BallotRule.tally(3, List.of(YES, NO_OBJECTION));
        assertTrue(t.passes());
        assertEquals(2, t.needed());
        assertEquals(1, t.noRecord());
    }

    @Test
    void discussBlocksEvenWithEnoughPositions() {
        BallotRule.Tally t = BallotRule.tally(3, List.of(YES, NO_OBJECTION, DISCUSS));
        assertFalse(t.passes());
        assertEquals(
                "Has enough positions to pass once DISCUSS positions are resolved.", t.reason());
        assertEquals("Has a DISCUSS.", BallotRule.tally(15, List.of(YES, DISCUSS)).reason());
    }

    @Test
    void recuseLowersTheBase() {
        // 15 ADs, 1 recused: ⌈2/3 × 14⌉ = 10 (domain.md §10.4)
        List<BallotPosition> positions = n(9, YES);
        positions.add(RECUSE);
        BallotRule.Tally nine = BallotRule.tally(15, positions);
        assertEquals(10, nine.needed());
        assertFalse(nine.passes());
        positions.add(NO_OBJECTION);
        assertTrue(BallotRule.tally(15, positions).passes());
        // without the recusal 10 would not do: ⌈2/3 × 15⌉ = 10, 11 positions → passes; 9+1 = 10
        assertEquals(10, BallotRule.tally(15, n(10, YES)).needed());
        // with three members, one recusal: ⌈2/3 × 2⌉ = 2
        assertEquals(2, BallotRule.tally(3, List.of(RECUSE, YES)).needed());
        assertFalse(BallotRule.tally(3, List.of(RECUSE, YES)).passes());
    }

    @Test
    void abstainCountsTowardNothing() {
        BallotRule.Tally t = BallotRule.tally(3, List.of(YES, ABSTAIN, ABSTAIN));
        assertFalse(t.passes());
        assertEquals(2, t.abstain());
        assertEquals("Needs 1 more YES or NO OBJECTION position to pass.", t.reason());
    }

    @Test
    void onlyEnteredPositionsParse() {
        assertEquals(NO_OBJECTION, BallotPosition.parseEntered("no-objection").orElseThrow());
        assertTrue(BallotPosition.parseEntered("no-record").isEmpty());
        assertTrue(BallotPosition.parseEntered("maybe").isEmpty());
    }
}
