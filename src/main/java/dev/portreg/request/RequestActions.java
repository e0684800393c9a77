package dev.portreg.request;

import dev.portreg.account.CurrentUser;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestViews.BallotInput;
import dev.portreg.request.RequestViews.CommentInput;
import dev.portreg.request.RequestViews.CompleteInput;
import dev.portreg.request.RequestViews.ReplyInput;
import dev.portreg.request.RequestViews.ReviewInput;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.ReviewDecision;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The actions on a request, each written once for both adapters: {@link RequestApi} and {@link
 * RequestPages} build the same input record (from JSON or from the form) and call the method here,
 * which reads what the record leaves as text (a decision, a position) and calls {@link
 * RequestWorkflow} as the signed-in account. The adapters only map the outcome: the request as it
 * now is (API), or a redirect with a flash and the refusal shown on the page (pages). {@code
 * expectedVersion} is the version the client read, or -1 for "whatever it is now".
 */
@ApplicationScoped
class RequestActions {

    private final RequestWorkflow workflow;
    private final CurrentUser user;

    RequestActions(RequestWorkflow workflow, CurrentUser user) {
        this.workflow = workflow;
        this.user = user;
    }

    PortRequest submit(long id, long expectedVersion) {
        return workflow.submit(user.signedIn(), id, expectedVersion);
    }

    PortRequest withdraw(long id, long expectedVersion, CommentInput body) {
        return workflow.withdraw(
                user.signedIn(), id, expectedVersion, body == null ? null : body.comment());
    }

    PortRequest review(long id, long expectedVersion, ReviewInput body) {
        ReviewDecision decision = decision(body == null ? null : body.decision());
        return workflow.review(user.signedIn(), id, expectedVersion, decision, body.comment());
    }

    PortRequest ballot(long id, long expectedVersion, BallotInput body) {
        BallotPosition position =
                BallotPosition.parseEntered(body == null ? null : body.position())
                        .orElseThrow(
                                () ->
                                        ProblemException.badInput(
                                                "position",
                                                "use yes, no-objection, discuss, abstain or recuse"));
        return workflow.ballot(user.signedIn(), id, expectedVersion, position, body.comment());
    }

    PortRequest take(long id, long expectedVersion) {
        return workflow.take(user.signedIn(), id, expectedVersion);
    }

    PortRequest reply(long id, ReplyInput body) {
        return workflow.reply(
                user.signedIn(),
                id,
                body == null ? null : body.inReplyTo(),
                body == null ? null : body.comment());
    }

    PortRequest endCall(long id, long expectedVersion) {
        return workflow.endCommunityCall(user.signedIn(), id, expectedVersion);
    }

    PortRequest complete(long id, long expectedVersion, CompleteInput body) {
        return workflow.complete(
                user.signedIn(), id, expectedVersion, body == null ? null : body.notes());
    }

    /** A reviewer's decision, or a 400 on {@code decision}. */
    static ReviewDecision decision(String text) {
        return ReviewDecision.parse(text)
                .orElseThrow(
                        () ->
                                ProblemException.badInput(
                                        "decision", "use approve, request-changes or reject"));
    }
}
