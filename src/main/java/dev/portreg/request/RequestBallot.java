package dev.portreg.request;

import static dev.portreg.request.AssessmentPanel.*;
import static dev.portreg.request.RequestFormPage.*;
import static dev.portreg.request.RequestPageViews.*;
import static dev.portreg.request.RequestTimeline.*;

import dev.portreg.request.RequestViews.PositionView;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.BallotRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The IESG ballot as the request page shows it: a row per member, voted or not. */
public final class RequestBallot {

    private RequestBallot() {}

    /** A ballot row: a member's position, or No Record for a member who has not voted. */
    public record BallotRow(
            String member,
            String username,
            String position,
            String label,
            String comment,
            String at,
            boolean blocking,
            String note,
            Integer givenOn,
            List<String> earlier) {}

    public record BallotBox(BallotRule.Tally tally, List<BallotRow> rows) {}

    static BallotBox ballot(RequestViews.BallotView b, List<RequestViews.AccountRef> members) {
        if (b == null) {
            return null;
        }
        List<BallotRow> rows = new ArrayList<>();
        Set<String> voted = new LinkedHashSet<>();
        for (PositionView p : b.positions()) {
            voted.add(p.member().username());
            BallotPosition bp = BallotPosition.parseEntered(p.position()).orElse(null);
            rows.add(
                    new BallotRow(
                            p.member().name(),
                            p.member().username(),
                            p.position(),
                            p.label(),
                            p.comment(),
                            when(p.at()),
                            bp != null && bp.blocking && p.note() == null,
                            p.note(),
                            p.givenOn(),
                            earlier(p)));
        }
        for (RequestViews.AccountRef m : members) {
            if (!voted.contains(m.username())) {
                rows.add(
                        new BallotRow(
                                m.name(),
                                m.username(),
                                BallotPosition.NO_RECORD.slug,
                                BallotPosition.NO_RECORD.label,
                                null,
                                null,
                                false,
                                null,
                                null,
                                List.of()));
            }
        }
        return new BallotBox(b.tally(), List.copyOf(rows));
    }

    /** A member's earlier positions, newest first: "Discuss (12 Mar 2026): text". */
    private static List<String> earlier(PositionView p) {
        List<String> out = new ArrayList<>();
        for (RequestViews.EarlierPosition e : p.earlier()) {
            out.add(
                    0,
                    e.label()
                            + " ("
                            + when(e.at())
                            + ")"
                            + (e.comment() == null ? "" : ": " + e.comment()));
        }
        return out;
    }
}
