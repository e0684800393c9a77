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

    @Test
    void twoThirdsRoundedUpForEachSizeOfTheIesg() {
        // members -> needed, written out: ⌈2/3 × n⌉
        int[][] table = {
            {0, 0}, {1, 1}, {2, 2}, {3, 2}, {4, 3}, {5, 4}, {6, 4}, {7, 5}, {14, 10}, {15, 10}
        };
        for (int[] row : table) {
            assertEquals(row[1], BallotRule.tally(row[0], List.of()).needed(), "members " + row[0]);
        }
    }

    @Test
    void exactlyTheNeededCountPassesAndOneFewerDoesNot() {
        // 4 members need 3.
        BallotRule.Tally three = BallotRule.tally(4, List.of(YES, NO_OBJECTION, NO_OBJECTION));
        assertTrue(three.passes());
        assertEquals("Passes: 3 Yes or No Objection positions, 3 needed.", three.reason());
        BallotRule.Tally two = BallotRule.tally(4, List.of(YES, NO_OBJECTION));
        assertFalse(two.passes());
        assertEquals("Needs 1 more YES or NO OBJECTION position to pass.", two.reason());
        BallotRule.Tally one = BallotRule.tally(4, List.of(YES));
        assertEquals("Needs 2 more YES or NO OBJECTION positions to pass.", one.reason());
        BallotRule.Tally alone = BallotRule.tally(1, List.of(YES));
        assertTrue(alone.passes());
        assertEquals("Passes: 1 Yes or No Objection position, 1 needed.", alone.reason());
    }

    @Test
    void theTallyCountsEachPositionWhereItBelongs() {
        BallotRule.Tally t =
                BallotRule.tally(
                        9, List.of(YES, YES, NO_OBJECTION, DISCUSS, ABSTAIN, ABSTAIN, RECUSE));
        assertEquals(9, t.members());
        assertEquals(2, t.yes());
        assertEquals(1, t.noObjection());
        assertEquals(1, t.discuss());
        assertEquals(2, t.abstain());
        assertEquals(1, t.recuse());
        assertEquals(2, t.noRecord());
        assertEquals(6, t.needed()); // ⌈2/3 × 8⌉
        assertEquals("Has a DISCUSS.", t.reason());
        assertFalse(t.passes());
    }

    @Test
    void moreRecordsThanMembersLeaveNoNegativeCounts() {
        // Members left after giving positions: never "-1 No Record", never a negative base.
        BallotRule.Tally t = BallotRule.tally(1, List.of(RECUSE, RECUSE, YES));
        assertEquals(0, t.noRecord());
        assertEquals(0, t.needed());
        assertTrue(t.passes());
        assertEquals(0, BallotRule.tally(0, List.of(YES)).noRecord());
    }

    @Test
    void noRecordIsNeverEnteredButShownWithItsLabel() {
        assertTrue(BallotPosition.parseEntered(null).isEmpty());
        assertEquals(YES, BallotPosition.parseEntered(" YES ").orElseThrow());
        assertEquals(RECUSE, BallotPosition.parseEntered("recuse").orElseThrow());
        assertEquals("No Record", BallotPosition.NO_RECORD.label);
        assertEquals("no-objection", NO_OBJECTION.toString());
        assertTrue(DISCUSS.blocking);
        for (BallotPosition p : List.of(YES, NO_OBJECTION, ABSTAIN, RECUSE)) {
            assertFalse(p.blocking, p.slug());
        }
        // A NO_RECORD handed to the tally counts toward nothing: of 2 members, 1 entered one.
        BallotRule.Tally t = BallotRule.tally(2, List.of(YES, BallotPosition.NO_RECORD));
        assertEquals(1, t.yes());
        assertEquals(1, t.noRecord());
        assertEquals(2, t.needed());
    }
}
