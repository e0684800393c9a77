package dev.portreg.request;

import static dev.portreg.request.RequestLog.blank;
import static dev.portreg.request.RequestLog.checkComment;

import dev.portreg.account.Account;
import dev.portreg.account.AccountService;
import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.BallotRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversation on an open request, which never conflicts with another person's action: IESG
 * members' positions (and the approval when the ballot passes) and replies. Each takes the request
 * under a row lock instead of comparing versions, so each sees the others'. Also the ballot as it
 * stands. {@link RequestWorkflow} answers for the pages and the API.
 */
@ApplicationScoped
class RequestConversation {

    private final AccountService accounts;
    private final RequestLog log;
    private final RequestAssessments assessments;
    private final EntityManager em;

    RequestConversation(
            AccountService accounts,
            RequestLog log,
            RequestAssessments assessments,
            EntityManager em) {
        this.accounts = accounts;
        this.log = log;
        this.assessments = assessments;
        this.em = em;
    }

    /** As {@link RequestWorkflow#ballot(PortRequest, List)}. */
    Ballot ballot(PortRequest r, List<RequestEvent> events) {
        return Ballot.count(events, (int) accounts.countWithRole(Roles.IESG));
    }

    /** As {@link RequestWorkflow#ballot(Account, long, long, BallotPosition, String)}. */
    @Transactional
    PortRequest position(Account actor, long id, BallotPosition position, String comment) {
        checkComment(comment);
        PortRequest r = log.lock(actor, id);
        log.check(Action.BALLOT, actor, r);
        if (position.blocking && blank(comment)) {
            throw ProblemException.badInput(
                    "comment",
                    "say what must be resolved: a Discuss needs its reason, which the requester"
                            + " answers");
        }
        List<RequestEvent> events = RequestEvent.of(r);
        boolean cleared = currentPosition(events, actor).map(p -> p.blocking).orElse(false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("position", position.slug);
        data.put("givenOn", events.stream().filter(e -> e.kind.submission()).count());
        log.record(
                r,
                actor,
                cleared && !position.blocking ? EventKind.DISCUSS_CLEARED : EventKind.BALLOT,
                comment,
                data);
        em.flush();
        approveWhenPassed(r);
        return log.flush(r);
    }

    /**
     * Approves {@code r} by the ballot (no member credited) once it passes, registry permitting.
     */
    private void approveWhenPassed(PortRequest r) {
        BallotRule.Tally tally = ballot(r, RequestEvent.of(r)).tally();
        if (!tally.passes()) {
            return;
        }
        assessments.stillAllowedByRegistry(r);
        log.transition(
                r,
                RequestState.APPROVED,
                null,
                EventKind.APPROVED,
                "The IESG ballot passed: " + tally.reason(),
                Map.of(
                        "yes",
                        tally.yes(),
                        "noObjection",
                        tally.noObjection(),
                        "needed",
                        tally.needed()));
    }

    /** As {@link RequestWorkflow#reply}. */
    @Transactional
    PortRequest reply(Account actor, long id, Long inReplyTo, String comment) {
        checkComment(comment);
        if (blank(comment)) {
            throw ProblemException.badInput("comment", "write the reply");
        }
        PortRequest r = log.lock(actor, id);
        log.check(Action.REPLY, actor, r);
        Map<String, Object> data = new LinkedHashMap<>();
        if (inReplyTo != null) {
            RequestEvent answered =
                    RequestEvent.of(r).stream()
                            .filter(e -> e.id.equals(inReplyTo) && answerable(e))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            ProblemException.badInput(
                                                    "inReplyTo",
                                                    "not a Discuss or change request of request #"
                                                            + id));
            data.put("inReplyTo", answered.id);
            data.put("answeredKind", answered.kind.slug);
        }
        log.record(r, actor, EventKind.REPLY, comment, data.isEmpty() ? null : data);
        return log.flush(r);
    }

    /** What a reply can answer: a Discuss position or a request for changes. */
    static boolean answerable(RequestEvent e) {
        if (e.kind == EventKind.CHANGES_REQUESTED) {
            return true;
        }
        return e.kind == EventKind.BALLOT
                && e.data != null
                && BallotPosition.parseEntered((String) e.data.get("position"))
                        .map(p -> p.blocking)
                        .orElse(false);
    }

    /** The position {@code member} holds now, from a request's log. */
    private static Optional<BallotPosition> currentPosition(
            List<RequestEvent> log, Account member) {
        Optional<BallotPosition> out = Optional.empty();
        for (RequestEvent e : log) {
            if (e.kind.position() && e.actor != null && e.actor.id.equals(member.id)) {
                out = BallotPosition.parseEntered((String) e.data.get("position"));
            }
        }
        return out;
    }
}
