package dev.portreg.review;

import java.util.Collection;

/**
 * Whether an IESG ballot passes (Datatracker's {@code needed_ballot_positions} with the two-thirds
 * rule; domain.md §10.4): at least one Yes, no Discuss, and Yes + No Objection ≥ ⌈2/3 × (members −
 * recused)⌉.
 */
public final class BallotRule {

    private BallotRule() {}

    /**
     * The count of a ballot.
     *
     * @param members how many accounts hold the iesg role
     * @param needed Yes + No Objection needed to pass
     * @param reason why it does not pass yet, or a sentence saying it passes
     */
    public record Tally(
            int members,
            int yes,
            int noObjection,
            int discuss,
            int abstain,
            int recuse,
            int noRecord,
            int needed,
            boolean passes,
            String reason) {}

    /** Counts {@code positions} (one per member who entered one) against {@code members}. */
    public static Tally tally(int members, Collection<BallotPosition> positions) {
        int yes = 0, noobj = 0, discuss = 0, abstain = 0, recuse = 0;
        for (BallotPosition p : positions) {
            switch (p) {
                case YES -> yes++;
                case NO_OBJECTION -> noobj++;
                case DISCUSS -> discuss++;
                case ABSTAIN -> abstain++;
                case RECUSE -> recuse++;
                case NO_RECORD -> {}
            }
        }
        int entered = yes + noobj + discuss + abstain + recuse;
        int noRecord = Math.max(0, members - entered);
        int base = Math.max(0, members - recuse);
        int needed = (2 * base + 2) / 3; // ⌈2/3 × base⌉ in integers
        String reason;
        boolean passes = false;
        if (yes == 0) {
            reason = "Needs a YES.";
        } else if (discuss > 0) {
            reason =
                    yes + noobj >= needed
                            ? "Has enough positions to pass once DISCUSS positions are resolved."
                            : "Has a DISCUSS.";
        } else if (yes + noobj < needed) {
            int missing = needed - yes - noobj;
            reason =
                    "Needs "
                            + missing
                            + " more YES or NO OBJECTION position"
                            + (missing == 1 ? "" : "s")
                            + " to pass.";
        } else {
            passes = true;
            // "3 of 2 needed" read as a count gone wrong: say what was counted against what.
            reason =
                    "Passes: "
                            + (yes + noobj)
                            + " Yes or No Objection position"
                            + (yes + noobj == 1 ? "" : "s")
                            + ", "
                            + needed
                            + " needed.";
        }
        return new Tally(
                members, yes, noobj, discuss, abstain, recuse, noRecord, needed, passes, reason);
    }
}
