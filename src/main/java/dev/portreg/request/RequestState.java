package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where a request stands. The one place that says which moves are allowed: {@link #allowedNext()}
 * is a switch without a default, so a new state does not compile until its moves are written.
 * docs/workflow.md draws the same table.
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
