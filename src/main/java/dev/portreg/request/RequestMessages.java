package dev.portreg.request;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The request pages' words that are neither data nor markup, in one message bundle
 * (messages/msg.properties): templates say {@code {msg:holder(h.holder)}}, Java {@code
 * MessageBundles.get(RequestMessages.class)}.
 */
@MessageBundle
public interface RequestMessages {

    /** Who holds a request, as its clock names them: "With the expert" (holder_EXPERT). */
    @Message
    String holder(Decider holder);

    /** Timeline: "Created the draft". */
    @Message
    String eventCreated();

    /** Timeline: "Edited the request". */
    @Message
    String eventEdited();

    /** Timeline: "Submitted for {track}". */
    @Message
    String eventSubmitted(String track);

    /** Timeline: "Resubmitted for {track}". */
    @Message
    String eventResubmitted(String track);

    /** Timeline: "Withdrew the request". */
    @Message
    String eventWithdrawn();

    /** Timeline: "Approved". */
    @Message
    String eventApproved();

    /** Timeline: "Approved by the IESG ballot". */
    @Message
    String eventApprovedByBallot();

    /** Timeline: "Asked for changes". */
    @Message
    String eventChangesRequested();

    /** Timeline: "Rejected the request". */
    @Message
    String eventRejected();

    /** Timeline: "Ballot position: {position}". */
    @Message
    String eventBallot(String position);

    /** Timeline: "Cleared their Discuss: {position}". */
    @Message
    String eventDiscussCleared(String position);

    /** Timeline: "Replied". */
    @Message
    String eventReplied();

    /** Timeline: "Answered the request for changes". */
    @Message
    String eventAnsweredChanges();

    /** Timeline: "Answered a Discuss". */
    @Message
    String eventAnsweredDiscuss();

    /** Timeline: "Took the request for review". */
    @Message
    String eventTaken();

    /** Timeline: "Took the request over from {name}". */
    @Message
    String eventTakenOver(String name);

    /** Timeline: "Started the four-week community call". */
    @Message
    String eventCallStarted();

    /** Timeline: "Ended the community call: the IESG decides". */
    @Message
    String eventCallEnded();

    /** Timeline: "Performed the registry action". */
    @Message
    String eventCompleted();

    /** Timeline: "What changed since the last submission". */
    @Message
    String resubmittedChangesTitle();

    /** Timeline: "Nothing changed since the last submission.". */
    @Message
    String resubmittedNothingChanged();

    /** Timeline: "the request for changes it answers". */
    @Message
    String replyLinkChanges();

    /** Timeline: "the Discuss it answers". */
    @Message
    String replyLinkDiscuss();

    /** What each track and kind means, beside its radio on the form (RequestFormPage). */
    @Message
    String trackHintFcfs();

    @Message
    String trackHintExpertReview();

    @Message
    String trackHintIetfReview();

    @Message
    String trackHintStandardsAction();

    @Message
    String trackHintIesgApproval();

    @Message
    String kindHintNewAssignment();

    @Message
    String kindHintAddTransport();

    @Message
    String kindHintModify();

    @Message
    String kindHintDeAssign();

    @Message
    String kindHintRevoke();

    @Message
    String kindHintEarlyAllocation();

    @Message
    String kindHintEarlyRenewal();

    @Message
    String kindHintMakePermanent();

    /** The refused "transfer" choice of the form. */
    @Message
    String transferLabel();

    /** Why a transfer is refused, beside its radio. */
    @Message
    String transferHint();
}
