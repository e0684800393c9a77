package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.account.Roles;
import dev.portreg.common.Slugs;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a request stands. The one place that says which moves are allowed ({@link #allowedNext()})
 * and who decides in each state ({@link #decider()}): switches without a default, so a new state
 * does not compile until its moves and its decider are written. {@link Lifecycle} says which
 * actions lead where; docs/workflow.md draws the same tables.
 */
public enum RequestState {
    /** Being written by the requester; nobody else sees it. */
    DRAFT("Draft"),
    /** Expert Review (RFC 8126 §4.5): a designated expert decides. */
    EXPERT_REVIEW("Expert review"),
    /** IETF Review, IESG Approval or Standards Action: decided by an IESG ballot. */
    IESG_EVALUATION("IESG evaluation"),
    /** First Come First Served, maintenance and de-assignment: the operator checks and acts. */
    IANA_REVIEW("IANA review"),
    /** Revocation (RFC 6335 §8.4): a four-week community call before the IESG decides. */
    COMMUNITY_CALL("Community call"),
    /** A reviewer asked the requester for changes; the requester edits and resubmits. */
    CHANGES_REQUESTED("Changes requested"),
    /** Approved; waiting for the operator's registry action. */
    APPROVED("Approved"),
    /** The registry has been updated. */
    COMPLETED("Completed"),
    REJECTED("Rejected"),
    WITHDRAWN("Withdrawn");

    public final String label;

    RequestState(String label) {
        this.label = label;
    }

    /** The states this one may move to. */
    public Set<RequestState> allowedNext() {
        return switch (this) {
            case DRAFT ->
                    EnumSet.of(
                            EXPERT_REVIEW, IESG_EVALUATION, IANA_REVIEW, COMMUNITY_CALL, WITHDRAWN);
            case EXPERT_REVIEW -> EnumSet.of(APPROVED, CHANGES_REQUESTED, REJECTED, WITHDRAWN);
            case IESG_EVALUATION -> EnumSet.of(APPROVED, CHANGES_REQUESTED, REJECTED, WITHDRAWN);
            case IANA_REVIEW -> EnumSet.of(COMPLETED, CHANGES_REQUESTED, REJECTED, WITHDRAWN);
            case COMMUNITY_CALL -> EnumSet.of(IESG_EVALUATION, WITHDRAWN);
            case CHANGES_REQUESTED ->
                    EnumSet.of(EXPERT_REVIEW, IESG_EVALUATION, IANA_REVIEW, WITHDRAWN);
            case APPROVED -> EnumSet.of(COMPLETED, REJECTED);
            case COMPLETED, REJECTED, WITHDRAWN -> EnumSet.noneOf(RequestState.class);
        };
    }

    /**
     * Who decides what happens next: the requester while the text is theirs, the track's reviewer
     * while it is reviewed, the operator from approval to the registry action (and to close a
     * community call), nobody once it is over.
     */
    public Decider decider() {
        return switch (this) {
            case DRAFT, CHANGES_REQUESTED -> Decider.REQUESTER;
            case EXPERT_REVIEW -> Decider.EXPERT;
            case IESG_EVALUATION -> Decider.IESG;
            case IANA_REVIEW, APPROVED, COMMUNITY_CALL -> Decider.IANA;
            case COMPLETED, REJECTED, WITHDRAWN -> Decider.NOBODY;
        };
    }

    /**
     * The roles shown a request in this state, in their queue and by mail, without deciding it: the
     * IESG follows a revocation's community call, which it decides once the call is over.
     */
    public Set<String> informed() {
        return switch (this) {
            case COMMUNITY_CALL -> Set.of(Roles.IESG);
            case DRAFT,
                    CHANGES_REQUESTED,
                    EXPERT_REVIEW,
                    IESG_EVALUATION,
                    IANA_REVIEW,
                    APPROVED,
                    COMPLETED,
                    REJECTED,
                    WITHDRAWN ->
                    Set.of();
        };
    }

    /** Whether the queue of {@code role} shows requests in this state. */
    public boolean queuedFor(String role) {
        return role != null && (role.equals(decider().role) || informed().contains(role));
    }

    public boolean canMoveTo(RequestState next) {
        return allowedNext().contains(next);
    }

    public boolean terminal() {
        return allowedNext().isEmpty();
    }

    /** Submitted and waiting for a reviewer or the operator. */
    public boolean underReview() {
        return this == EXPERT_REVIEW
                || this == IESG_EVALUATION
                || this == IANA_REVIEW
                || this == COMMUNITY_CALL;
    }

    /** Submitted and not finished: counts when looking for competing requests. */
    public boolean open() {
        return this != DRAFT && !terminal();
    }

    /** The requester may still change the text. */
    public boolean editable() {
        return this == DRAFT || this == CHANGES_REQUESTED;
    }

    @JsonValue
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<RequestState> parse(String text) {
        return Slugs.parse(RequestState.class, text, RequestState::slug);
    }

    @Override
    public String toString() {
        return slug();
    }
}
