package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What someone can do to a request. {@link Lifecycle} says in which states each is open; pages
 * offer exactly the actions it allows.
 */
public enum Action {
    EDIT("edit", Taker.REQUESTER),
    SUBMIT("submit", Taker.REQUESTER),
    WITHDRAW("withdraw", Taker.REQUESTER),
    APPROVE("approve", Taker.INDEPENDENT_DECIDER),
    REQUEST_CHANGES("request-changes", Taker.INDEPENDENT_DECIDER),
    REJECT("reject", Taker.INDEPENDENT_DECIDER),
    BALLOT("ballot", Taker.INDEPENDENT_DECIDER),
    /** Ending a call is a date, not a decision: the operator who started a revocation may. */
    END_CALL("end-call", Taker.DECIDER),
    COMPLETE("complete", Taker.INDEPENDENT_DECIDER),
    /** A designated expert takes a request in expert review: it is theirs to answer. */
    TAKE("take", Taker.INDEPENDENT_DECIDER),
    /** A message on the request, or an answer to a Discuss or a change request. */
    REPLY("reply", Taker.PARTICIPANT);

    /** Who takes an action. */
    public enum Taker {
        /** The request's requester, and nobody else. */
        REQUESTER,
        /** A holder of the role that decides the request's state. */
        DECIDER,
        /** A holder of that role, but never on their own request (separation of duties). */
        INDEPENDENT_DECIDER,
        /** Anyone who sees the request: its requester, its track's reviewers, the operators. */
        PARTICIPANT
    }

    public final String slug;

    /** Who takes it: the requester, or a holder of the state's decider role. */
    public final Taker taker;

    Action(String slug, Taker taker) {
        this.slug = slug;
        this.taker = taker;
    }

    /** The requester's own action. */
    public boolean requesters() {
        return taker == Taker.REQUESTER;
    }

    /** A reviewer's decision: approve, request changes, reject. */
    public boolean decision() {
        return this == APPROVE || this == REQUEST_CHANGES || this == REJECT;
    }

    @JsonValue
    public String slug() {
        return slug;
    }
}
