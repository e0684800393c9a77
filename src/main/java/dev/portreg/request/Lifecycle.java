package dev.portreg.request;

import static dev.portreg.request.RequestState.APPROVED;
import static dev.portreg.request.RequestState.CHANGES_REQUESTED;
import static dev.portreg.request.RequestState.COMMUNITY_CALL;
import static dev.portreg.request.RequestState.DRAFT;
import static dev.portreg.request.RequestState.EXPERT_REVIEW;
import static dev.portreg.request.RequestState.IANA_REVIEW;
import static dev.portreg.request.RequestState.IESG_EVALUATION;

import dev.portreg.account.Account;
import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle table: which action is open in which state, who takes it, where a submission of a
 * kind and track waits, and who sees a request. The workflow's guards, the queues, the mails and
 * the pages' offered actions all read it; {@link RequestState} says who decides in each state and
 * which moves exist. Each cell has a unit test (LifecycleTest); docs/workflow.md draws it.
 */
public final class Lifecycle {

    private Lifecycle() {}

    /**
     * One cell of the table: the action is open in the state, or it is the state's decider's but
     * done another way, with the reason ({@code refusal}, a 409).
     */
    public record Cell(String refusal) {
        static final Cell OPEN = new Cell(null);

        public boolean open() {
            return refusal == null;
        }
    }

    /** The cell of {@code action} in {@code state}; empty when the action has no place there. */
    public static Optional<Cell> cell(Action action, RequestState state) {
        return switch (action) {
            case EDIT, SUBMIT -> in(state, DRAFT, CHANGES_REQUESTED);
            case WITHDRAW ->
                    in(
                            state,
                            DRAFT,
                            CHANGES_REQUESTED,
                            EXPERT_REVIEW,
                            IESG_EVALUATION,
                            IANA_REVIEW,
                            COMMUNITY_CALL);
            case APPROVE ->
                    switch (state) {
                        case EXPERT_REVIEW -> Optional.of(Cell.OPEN);
                        case IESG_EVALUATION ->
                                refused(
                                        "an IESG-track request is approved by its ballot, not by"
                                                + " one member");
                        case IANA_REVIEW ->
                                refused(
                                        "the operator approves by performing the registry action"
                                                + " (complete)");
                        case DRAFT,
                                CHANGES_REQUESTED,
                                COMMUNITY_CALL,
                                APPROVED,
                                COMPLETED,
                                REJECTED,
                                WITHDRAWN ->
                                Optional.empty();
                    };
            case REQUEST_CHANGES -> in(state, EXPERT_REVIEW, IESG_EVALUATION, IANA_REVIEW);
            case REJECT -> in(state, EXPERT_REVIEW, IESG_EVALUATION, IANA_REVIEW, APPROVED);
            case BALLOT -> in(state, IESG_EVALUATION);
            case END_CALL -> in(state, COMMUNITY_CALL);
            case COMPLETE -> in(state, IANA_REVIEW, APPROVED);
            case TAKE -> in(state, EXPERT_REVIEW);
            case REPLY ->
                    in(
                            state,
                            EXPERT_REVIEW,
                            IESG_EVALUATION,
                            IANA_REVIEW,
                            COMMUNITY_CALL,
                            CHANGES_REQUESTED,
                            APPROVED);
        };
    }

    private static Optional<Cell> in(RequestState state, RequestState... open) {
        for (RequestState s : open) {
            if (s == state) {
                return Optional.of(Cell.OPEN);
            }
        }
        return Optional.empty();
    }

    private static Optional<Cell> refused(String why) {
        return Optional.of(new Cell(why));
    }

    /**
     * Where a submitted request waits: a revocation in its community call (RFC 6335 §8.4), any
     * other kind with the reviewer of its track.
     */
    public static RequestState submittedTo(RequestKind kind, Track track) {
        return kind == RequestKind.REVOKE ? COMMUNITY_CALL : track.reviewState;
    }

    /** Only the operator starts a revocation (RFC 6335 §8.4); anyone else any other kind. */
    public static boolean mayStart(RequestKind kind, Account actor) {
        return kind != RequestKind.REVOKE || actor.roles.contains(Roles.IANA);
    }

    /**
     * Drafts are their requester's alone; a submitted request is its requester's, its track's
     * reviewers' (the role that decides the state the track waits in) and the operators'. Anyone
     * else is told it does not exist (404), by the API and the pages alike.
     */
    public static boolean visible(Account viewer, PortRequest r) {
        if (viewer == null) {
            return false;
        }
        if (r.ownedBy(viewer)) {
            return true;
        }
        if (r.state == DRAFT) {
            return false;
        }
        if (viewer.roles.contains(Roles.IANA)) {
            return true;
        }
        return r.track != null && viewer.roles.contains(r.track.reviewState.decider().role);
    }

    /** The states the queue of {@code role} shows, in lifecycle order. */
    public static List<RequestState> queue(String role) {
        List<RequestState> out = new ArrayList<>();
        for (RequestState s : RequestState.values()) {
            if (s.queuedFor(role)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The actions {@code actor} may take on {@code r} now. */
    public static List<Action> allowed(Account actor, PortRequest r, Instant now) {
        List<Action> out = new ArrayList<>();
        for (Action a : Action.values()) {
            if (refusal(a, actor, r, now).isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Why {@code actor} may not take {@code a} on {@code r} now, or empty when they may: 404 when
     * they cannot see it, 403 when it is not theirs to take, 409 when the request is not in a state
     * where it is open (or the action is done another way there).
     */
    public static Optional<ProblemException> refusal(
            Action a, Account actor, PortRequest r, Instant now) {
        if (actor == null || !visible(actor, r)) {
            return Optional.of(
                    ProblemException.notFound("There is no request #" + r.id + " you can see"));
        }
        boolean own = r.ownedBy(actor);
        RequestState s = r.state;
        Optional<Cell> cell = cell(a, s);
        if (a.taker == Action.Taker.PARTICIPANT) {
            // Who sees it may write on it while it is open.
            return cell.isEmpty() ? illegal(a, s) : Optional.empty();
        }
        if (a.requesters()) {
            if (!own) {
                return forbid("only the requester may " + a.slug + " this request");
            }
            if (cell.isEmpty()) {
                return illegal(a, s);
            }
        } else {
            if (cell.isEmpty()) {
                return deciders(a).stream().anyMatch(actor.roles::contains)
                        ? illegal(a, s)
                        : forbid(
                                "only a holder of the "
                                        + String.join(" or ", deciders(a))
                                        + " role may "
                                        + a.slug
                                        + " a request");
            }
            String role = takerRole(a, s);
            if (!actor.roles.contains(role)) {
                // A reviewer deciding again what they already approved: it has moved past them.
                return a.decision() && s == APPROVED && reviews(actor, r)
                        ? illegal(a, s)
                        : forbid(
                                "only a holder of the "
                                        + role
                                        + " role may "
                                        + a.slug
                                        + " a request in "
                                        + s.label.toLowerCase());
            }
            if (own && a.taker == Action.Taker.INDEPENDENT_DECIDER) {
                return forbid("nobody may " + a.slug + " their own request");
            }
            if (!cell.get().open()) {
                return Optional.of(ProblemException.wrongState(cell.get().refusal()));
            }
        }
        return precondition(a, actor, r, now);
    }

    /** Whether {@code actor} holds the role that reviews {@code r}'s track. */
    private static boolean reviews(Account actor, PortRequest r) {
        return r.track != null && actor.roles.contains(r.track.reviewState.decider().role);
    }

    /**
     * The role that takes {@code a} in {@code s}: the state's decider's, except that an IESG-track
     * request is rejected by the IESG as a body, which the operator records (never one member's
     * button; the ballot itself only approves).
     */
    public static String takerRole(Action a, RequestState s) {
        return a == Action.REJECT && s == IESG_EVALUATION ? Roles.IANA : s.decider().role;
    }

    /** The roles that take {@code a} in some state. */
    static Set<String> deciders(Action a) {
        Set<String> out = new LinkedHashSet<>();
        for (RequestState s : RequestState.values()) {
            if (cell(a, s).isPresent() && takerRole(a, s) != null) {
                out.add(takerRole(a, s));
            }
        }
        return out;
    }

    /** What an open cell still needs: a verified address to submit, a call that is over. */
    private static Optional<ProblemException> precondition(
            Action a, Account actor, PortRequest r, Instant now) {
        return switch (a) {
            case SUBMIT ->
                    actor.emailVerifiedAt != null
                            ? Optional.empty()
                            : forbid(
                                    "verify your email address first: follow the link we mailed"
                                            + " to "
                                            + actor.email
                                            + " (your account page mails a new one); until then"
                                            + " you can draft but not submit");
            case END_CALL ->
                    r.callEndsAt != null && now.isBefore(r.callEndsAt)
                            ? Optional.of(
                                    ProblemException.wrongState(
                                            "the community call runs until "
                                                    + r.callEndsAt
                                                    + " (four weeks, RFC 6335 §8.4)"))
                            : Optional.empty();
            case EDIT, WITHDRAW, APPROVE, REQUEST_CHANGES, REJECT, BALLOT, COMPLETE, TAKE, REPLY ->
                    Optional.empty();
        };
    }

    private static Optional<ProblemException> forbid(String why) {
        return Optional.of(forbidden(why));
    }

    static ProblemException forbidden(String why) {
        return new ProblemException(403, "Forbidden", why, List.of());
    }

    private static Optional<ProblemException> illegal(Action a, RequestState s) {
        return Optional.of(
                ProblemException.wrongState(
                        "cannot " + a.slug + " a request that is " + s.label.toLowerCase()));
    }
}
