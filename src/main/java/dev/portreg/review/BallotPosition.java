package dev.portreg.review;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import java.util.Optional;

/** IESG ballot positions (Datatracker's "approve" ballot type; domain.md §10.4). */
public enum BallotPosition {
    YES("yes", "Yes", false),
    NO_OBJECTION("no-objection", "No Objection", false),
    DISCUSS("discuss", "Discuss", true),
    ABSTAIN("abstain", "Abstain", false),
    RECUSE("recuse", "Recuse", false),
    /** Not yet voted; never entered, only shown. */
    NO_RECORD("no-record", "No Record", false);

    public final String slug;
    public final String label;

    /** A blocking position stops the ballot and must carry text. */
    public final boolean blocking;

    BallotPosition(String slug, String label, boolean blocking) {
        this.slug = slug;
        this.label = label;
        this.blocking = blocking;
    }

    /** The positions a member can enter (everything but No Record). */
    public static Optional<BallotPosition> parseEntered(String text) {
        return Slugs.parse(BallotPosition.class, text, BallotPosition::slug)
                .filter(p -> p != NO_RECORD);
    }

    @JsonValue
    public String slug() {
        return slug;
    }

    @Override
    public String toString() {
        return slug;
    }
}
