package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.ReviewDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place a request changes. Each action, named after its verb, checks role, ownership, state
 * and — again at decision time — the registry, then calls {@link RequestLog#transition} (or {@link
 * RequestLog#record}), which moves the state and appends the event in the same transaction. Nobody
 * can change a request without the log.
 *
 * <p>The positions and replies, which take the request under a lock instead of comparing versions,
 * are {@link RequestConversation}'s; what the rules say about a request is {@link
 * RequestAssessments}'. This class answers for both, so the pages and the API call one service.
 */
@ApplicationScoped
public class RequestWorkflow {

    /** RFC 6335 §8.4: the community call before a revocation is decided. */
    public static final Duration COMMUNITY_CALL = Duration.ofDays(28);

    private final RequestLog log;
    private final RequestAssessments assessments;
    private final RequestConversation ballots;
    private final RegistryAction registryAction;

    RequestWorkflow(
            RequestLog log,
            RequestAssessments assessments,
            RequestConversation ballots,
            RegistryAction registryAction) {
        this.log = log;
        this.assessments = assessments;
        this.ballots = ballots;
        this.registryAction = registryAction;
    }

    // --- reading ---------------------------------------------------------------------------------

    /** The request, if {@code viewer} may see it; else 404 (drafts are private). */
    @Transactional
    public PortRequest find(Account viewer, long id) {
        return log.find(viewer, id);
    }

    /** Who sees a request: {@link Lifecycle#visible}. */
    static boolean visible(Account viewer, PortRequest r) {
        return Lifecycle.visible(viewer, r);
    }

    /** What the rules say about the request, against the registry this instance holds. */
    public Assessment assess(PortRequest r) {
        return assessments.assess(r);
    }

    public Assessment assess(RequestContent content, long requestId, Account requester) {
        return assessments.assess(content, requestId, requester);
    }

    /** The ballot of an IESG-track request: one position per member who entered one. */
    public Ballot ballot(PortRequest r) {
        return ballot(r, RequestEvent.of(r));
    }

    /**
     * The ballot, from a request's events already loaded, against the accounts that hold the iesg
     * role now ({@link Ballot#count}).
     */
    public Ballot ballot(PortRequest r, List<RequestEvent> events) {
        return ballots.ballot(r, events);
    }

    /** The actions {@code actor} may take on {@code r} now. */
    public List<Action> allowedActions(Account actor, PortRequest r) {
        return Lifecycle.allowed(actor, r, log.now());
    }

    // --- actions ---------------------------------------------------------------------------------

    /** A new draft. Only well-formedness is checked; completeness waits for submission. */
    @Transactional
    public PortRequest create(Account actor, RequestInput input) {
        RequestContent content = RequestContent.parse(input);
        if (!Lifecycle.mayStart(content.kind(), actor)) {
            throw Lifecycle.forbidden("only the IANA operator starts a revocation (RFC 6335 §8.4)");
        }
        PortRequest r = new PortRequest();
        r.kind = content.kind();
        r.state = RequestState.DRAFT;
        r.requester = actor;
        r.content = content.toInput();
        r.createdAt = log.now();
        r.updatedAt = r.createdAt;
        r.persist();
        log.record(r, actor, EventKind.CREATED, null, null);
        return r;
    }

    @Transactional
    public PortRequest edit(Account actor, long id, long expectedVersion, RequestInput input) {
        PortRequest r = log.load(actor, id, expectedVersion);
        log.check(Action.EDIT, actor, r);
        RequestContent before = r.parsed();
        RequestContent after = RequestContent.parse(input);
        if (after.kind() != r.kind) {
            throw ProblemException.badInput(
                    "kind", "a request's kind cannot change; start a new one");
        }
        Map<String, List<String>> changes = after.changesSince(before);
        if (changes.isEmpty()) {
            return r;
        }
        r.content = after.toInput();
        log.record(r, actor, EventKind.EDITED, null, Map.of("changes", changes));
        return log.flush(r);
    }

    @Transactional
    public PortRequest submit(Account actor, long id, long expectedVersion) {
        PortRequest r = log.load(actor, id, expectedVersion);
        log.check(Action.SUBMIT, actor, r);
        Assessment a = assessments.assessNow(r);
        if (!a.submittable()) {
            throw ProblemException.badInput(a.errors());
        }
        boolean resubmit = r.state == RequestState.CHANGES_REQUESTED;
        r.track = a.track();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("track", a.track().slug());
        data.put("content", r.content);
        if (resubmit) {
            log.lastSubmitted(r)
                    .ifPresent(prev -> data.put("changes", r.parsed().changesSince(prev)));
        }
        r.submittedAt = log.now();
        if (r.kind == RequestKind.REVOKE) {
            r.callStartsAt = r.submittedAt;
            r.callEndsAt = r.submittedAt.plus(COMMUNITY_CALL);
            data.put("callEndsAt", r.callEndsAt.toString());
            log.transition(
                    r,
                    RequestState.COMMUNITY_CALL,
                    actor,
                    EventKind.CALL_STARTED,
                    "Four-week community call until "
                            + r.callEndsAt.atOffset(ZoneOffset.UTC).toLocalDate(),
                    data);
        } else {
            log.transition(
                    r,
                    Lifecycle.submittedTo(r.kind, a.track()),
                    actor,
                    resubmit ? EventKind.RESUBMITTED : EventKind.SUBMITTED,
                    null,
                    data);
        }
        return log.flush(r);
    }

    @Transactional
    public PortRequest withdraw(Account actor, long id, long expectedVersion, String comment) {
        RequestLog.checkComment(comment);
        PortRequest r = log.load(actor, id, expectedVersion);
        log.check(Action.WITHDRAW, actor, r);
        log.transition(r, RequestState.WITHDRAWN, actor, EventKind.WITHDRAWN, comment, null);
        return log.flush(r);
    }

    @Transactional
    public PortRequest review(
            Account actor, long id, long expectedVersion, ReviewDecision decision, String comment) {
        RequestLog.checkComment(comment);
        PortRequest r = log.load(actor, id, expectedVersion);
        Action action =
                switch (decision) {
                    case APPROVE -> Action.APPROVE;
                    case REQUEST_CHANGES -> Action.REQUEST_CHANGES;
                    case REJECT -> Action.REJECT;
                };
        log.check(action, actor, r);
        if (decision != ReviewDecision.APPROVE && RequestLog.blank(comment)) {
            throw ProblemException.badInput(
                    "comment",
                    decision == ReviewDecision.REJECT
                            ? "give the reason for the rejection"
                            : "say what should change");
        }
        switch (decision) {
            case APPROVE -> {
                assessments.stillAllowedByRegistry(r);
                log.transition(r, RequestState.APPROVED, actor, EventKind.APPROVED, comment, null);
            }
            case REQUEST_CHANGES ->
                    log.transition(
                            r,
                            RequestState.CHANGES_REQUESTED,
                            actor,
                            EventKind.CHANGES_REQUESTED,
                            comment,
                            null);
            case REJECT ->
                    log.transition(
                            r, RequestState.REJECTED, actor, EventKind.REJECTED, comment, null);
        }
        return log.flush(r);
    }

    /**
     * Records an IESG member's position: their own record, never in conflict with another member's
     * ({@code expectedVersion} is not compared; positions on one request are taken one at a time
     * under a row lock, so each sees the others'). Changing a position keeps the old one in the
     * log; changing a Discuss to a non-blocking position is its own event (discuss-cleared). When
     * the ballot then passes, the request is approved by the ballot (no member is credited) in the
     * same transaction, after checking the registry once more.
     */
    @Transactional
    public PortRequest ballot(
            Account actor, long id, long expectedVersion, BallotPosition position, String comment) {
        return ballots.position(actor, id, position, comment);
    }

    /**
     * A message on an open request by anyone who sees it (the requester, its track's reviewers, an
     * operator), answering the Discuss or change request {@code inReplyTo} names, or none. Like a
     * position it never conflicts with another person's action: no version check, a row lock.
     */
    @Transactional
    public PortRequest reply(Account actor, long id, Long inReplyTo, String comment) {
        return ballots.reply(actor, id, inReplyTo, comment);
    }

    /**
     * A designated expert takes a request in expert review: the queue shows them as its holder and
     * only they are reminded when it is overdue. Taking it from another expert is allowed (the log
     * says from whom); taking one's own again changes nothing.
     */
    @Transactional
    public PortRequest take(Account actor, long id, long expectedVersion) {
        PortRequest r = log.load(actor, id, expectedVersion);
        log.check(Action.TAKE, actor, r);
        if (r.heldBy != null && r.heldBy.id.equals(actor.id)) {
            return r;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (r.heldBy != null) {
            data.put("from", r.heldBy.name);
        }
        r.heldBy = actor;
        log.record(r, actor, EventKind.TAKEN, null, data.isEmpty() ? null : data);
        return log.flush(r);
    }

    /** Ends a revocation's community call once its four weeks are over; the IESG decides next. */
    @Transactional
    public PortRequest endCommunityCall(Account actor, long id, long expectedVersion) {
        PortRequest r = log.load(actor, id, expectedVersion);
        log.check(Action.END_CALL, actor, r);
        log.transition(r, RequestState.IESG_EVALUATION, actor, EventKind.CALL_ENDED, null, null);
        return log.flush(r);
    }

    /**
     * The operator's registry action, in one transaction with the request's final state. The
     * database refuses a second holder of a port: a lost race is a 409.
     */
    @Transactional
    public PortRequest complete(Account actor, long id, long expectedVersion) {
        return complete(actor, id, expectedVersion, null);
    }

    /**
     * The same, with the entry's assignment notes as the operator words them (null or blank for
     * none); too long or with control characters is a 400 on {@code notes} before anything is read.
     */
    @Transactional
    public PortRequest complete(
            Account actor, long id, long expectedVersion, String assignmentNotes) {
        String notes = RequestContent.trimToNull(assignmentNotes);
        List<FieldError> bad = new ArrayList<>(1);
        RequestInput.check(bad, "notes", notes, RequestInput.MEDIUM);
        if (!bad.isEmpty()) {
            throw ProblemException.badInput(bad);
        }
        PortRequest r = log.load(actor, id, expectedVersion);
        log.check(Action.COMPLETE, actor, r);
        assessments.stillAllowedByRegistry(r);
        RegistryAction.Result result = registryAction.apply(r, actor, notes);
        log.transition(
                r,
                RequestState.COMPLETED,
                actor,
                EventKind.COMPLETED,
                result.summary(),
                Map.of(
                        "registryChange",
                        result.changeId(),
                        "revision",
                        result.revision(),
                        "entries",
                        result.entries(),
                        "links",
                        result.links()));
        return log.flush(r);
    }
}
