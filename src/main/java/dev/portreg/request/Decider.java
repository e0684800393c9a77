package dev.portreg.request;

import dev.portreg.account.Roles;

/** Who decides what happens to a request in a given state ({@link RequestState#decider()}). */
public enum Decider {
    /** The request's requester: edits, submits, withdraws. */
    REQUESTER(null),
    /** A designated expert (Expert Review). */
    EXPERT(Roles.EXPERT),
    /** The IESG, by ballot (IETF Review, IESG Approval, Standards Action). */
    IESG(Roles.IESG),
    /** An IANA operator (First Come First Served checks, registry actions, community calls). */
    IANA(Roles.IANA),
    /** Nobody: the request is over. */
    NOBODY(null);

    /** The role whose holders decide, or null for the requester and for nobody. */
    public final String role;

    Decider(String role) {
        this.role = role;
    }
}
