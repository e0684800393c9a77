package dev.portreg.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.account.Account;
import dev.portreg.account.AccountService;
import dev.portreg.account.PersonLinks;
import dev.portreg.account.Roles;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.Registry;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.BallotRule;
import dev.portreg.review.ReviewDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place a request changes. Each action, named after its verb, checks role, ownership, state
 * and — again at decision time — the registry, then calls {@link #transition} (or {@link #record}),
 * which moves the state and appends the event in the same transaction. Nobody can change a request
 * without the log.
 */
@ApplicationScoped
public class RequestWorkflow {

    /** RFC 6335 §8.4: the community call before a revocation is decided. */
    public static final Duration COMMUNITY_CALL = Duration.ofDays(28);

    private final Registry registry;
    private final AccountService accounts;
    private final PersonLinks people;
    private final RegistryAction registryAction;
    private final EntityManager em;
    private final Clock clock;
    private final Event<RequestChanged> changed;
    private final ObjectMapper json;

    RequestWorkflow(
            Registry registry,
            AccountService accounts,
            PersonLinks people,
            RegistryAction registryAction,
            EntityManager em,
            Clock clock,
            Event<RequestChanged> changed,
            ObjectMapper json) {
        this.registry = registry;
        this.accounts = accounts;
        this.people = people;
        this.registryAction = registryAction;
        this.em = em;
        this.clock = clock;
        this.changed = changed;
        this.json = json;
    }

    // --- reading ---------------------------------------------------------------------------------

    /** The request, if {@code viewer} may see it; else 404 (drafts are private). */
    @Transactional
    public PortRequest find(Account viewer, long id) {
        PortRequest r = PortRequest.findById(id);
        if (r == null || !visible(viewer, r)) {
            throw ProblemException.notFound("There is no request #" + id + " you can see");
        }
        return r;
    }

    /** Who sees a request: {@link Lifecycle#visible}. */
    static boolean visible(Account viewer, PortRequest r) {
        return Lifecycle.visible(viewer, r);
    }

    /** What the rules say about the request, against the registry this instance holds. */
    public Assessment assess(PortRequest r) {
        return assess(r.parsed(), r.id == null ? 0 : r.id, r.requester);
    }

    public Assessment assess(RequestContent content, long requestId, Account requester) {
        return assess(content, requestId, requester, registry.snapshot());
    }

    /**
     * What the rules say about the request against the registry proven current (the database's
     * newest revision): for submission and every decision, never a stale copy.
     */
    private Assessment assessNow(PortRequest r) {
        return assess(r.parsed(), r.id == null ? 0 : r.id, r.requester, registry.current());
    }

    private Assessment assess(
            RequestContent content,
            long requestId,
            Account requester,
            dev.portreg.registry.RegistrySnapshot snapshot) {
        return RequestChecks.assess(
                content,
                new RequestChecks.Context(
                        snapshot,
                        requestId,
                        new RequestChecks.Requester(
                                requester.verifiedEmail(),
                                requester.id == null ? Set.of() : people.linked(requester.id),
                                requester.roles.contains(Roles.IESG)),
                        requester.roles.contains(Roles.IANA),
                        openRequests(),
                        today()));
    }

    /** Submitted requests that are not finished, for conflict warnings. */
    List<RequestChecks.OpenRequest> openRequests() {
        List<RequestChecks.OpenRequest> out = new ArrayList<>();
        List<PortRequest> open =
                PortRequest.list(
                        "state in ?1",
                        Arrays.stream(RequestState.values()).filter(RequestState::open).toList());
        for (PortRequest r : open) {
            RequestContent c = r.parsed();
            out.add(
                    new RequestChecks.OpenRequest(
                            r.id, c.serviceName(), c.ports(), c.transports()));
        }
        return out;
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
        return Ballot.count(events, (int) accounts.countWithRole(Roles.IESG));
    }

    /** The actions {@code actor} may take on {@code r} now. */
    public List<Action> allowedActions(Account actor, PortRequest r) {
        return Lifecycle.allowed(actor, r, now());
    }

    // --- actions
    // -----------------------------------------------------------------------------------

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
        r.createdAt = now();
        r.updatedAt = r.createdAt;
        r.persist();
        record(r, actor, EventKind.CREATED, null, null);
        return r;
    }

    @Transactional
    public PortRequest edit(Account actor, long id, long expectedVersion, RequestInput input) {
        PortRequest r = load(actor, id, expectedVersion);
        check(Action.EDIT, actor, r);
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
        record(r, actor, EventKind.EDITED, null, Map.of("changes", changes));
        return flush(r);
    }

    @Transactional
    public PortRequest submit(Account actor, long id, long expectedVersion) {
        PortRequest r = load(actor, id, expectedVersion);
        check(Action.SUBMIT, actor, r);
        Assessment a = assessNow(r);
        if (!a.submittable()) {
            throw ProblemException.badInput(a.errors());
        }
        boolean resubmit = r.state == RequestState.CHANGES_REQUESTED;
        r.track = a.track();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("track", a.track().slug());
        data.put("content", r.content);
        if (resubmit) {
            lastSubmitted(r).ifPresent(prev -> data.put("changes", r.parsed().changesSince(prev)));
        }
        r.submittedAt = now();
        if (r.kind == RequestKind.REVOKE) {
            r.callStartsAt = r.submittedAt;
            r.callEndsAt = r.submittedAt.plus(COMMUNITY_CALL);
            data.put("callEndsAt", r.callEndsAt.toString());
            transition(
                    r,
                    RequestState.COMMUNITY_CALL,
                    actor,
                    EventKind.CALL_STARTED,
                    "Four-week community call until "
                            + r.callEndsAt.atOffset(ZoneOffset.UTC).toLocalDate(),
                    data);
        } else {
            transition(
                    r,
                    Lifecycle.submittedTo(r.kind, a.track()),
                    actor,
                    resubmit ? EventKind.RESUBMITTED : EventKind.SUBMITTED,
                    null,
                    data);
        }
        return flush(r);
    }

    @Transactional
    public PortRequest withdraw(Account actor, long id, long expectedVersion, String comment) {
        checkComment(comment);
        PortRequest r = load(actor, id, expectedVersion);
        check(Action.WITHDRAW, actor, r);
        transition(r, RequestState.WITHDRAWN, actor, EventKind.WITHDRAWN, comment, null);
        return flush(r);
    }

    @Transactional
    public PortRequest review(
            Account actor, long id, long expectedVersion, ReviewDecision decision, String comment) {
        checkComment(comment);
        PortRequest r = load(actor, id, expectedVersion);
        Action action =
                switch (decision) {
                    case APPROVE -> Action.APPROVE;
                    case REQUEST_CHANGES -> Action.REQUEST_CHANGES;
                    case REJECT -> Action.REJECT;
                };
        check(action, actor, r);
        if (decision != ReviewDecision.APPROVE && blank(comment)) {
            throw ProblemException.badInput(
                    "comment",
                    decision == ReviewDecision.REJECT
                            ? "give the reason for the rejection"
                            : "say what should change");
        }
        switch (decision) {
            case APPROVE -> {
                stillAllowedByRegistry(r);
                transition(r, RequestState.APPROVED, actor, EventKind.APPROVED, comment, null);
            }
            case REQUEST_CHANGES ->
                    transition(
                            r,
                            RequestState.CHANGES_REQUESTED,
                            actor,
                            EventKind.CHANGES_REQUESTED,
                            comment,
                            null);
            case REJECT ->
                    transition(r, RequestState.REJECTED, actor, EventKind.REJECTED, comment, null);
        }
        return flush(r);
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
        checkComment(comment);
        PortRequest r = PortRequest.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !visible(actor, r)) {
            throw ProblemException.notFound("There is no request #" + id + " you can see");
        }
        check(Action.BALLOT, actor, r);
        if (position.blocking && blank(comment)) {
            throw ProblemException.badInput(
                    "comment",
                    "say what must be resolved: a Discuss needs its reason, which the requester"
                            + " answers");
        }
        List<RequestEvent> log = RequestEvent.of(r);
        boolean cleared = currentPosition(log, actor).map(p -> p.blocking).orElse(false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("position", position.slug);
        data.put("givenOn", log.stream().filter(e -> e.kind.submission()).count());
        record(
                r,
                actor,
                cleared && !position.blocking ? EventKind.DISCUSS_CLEARED : EventKind.BALLOT,
                comment,
                data);
        em.flush();
        BallotRule.Tally tally = ballot(r).tally();
        if (tally.passes()) {
            stillAllowedByRegistry(r);
            transition(
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
        return flush(r);
    }

    /**
     * A message on an open request by anyone who sees it (the requester, its track's reviewers, an
     * operator), answering the Discuss or change request {@code inReplyTo} names, or none. Like a
     * position it never conflicts with another person's action: no version check, a row lock.
     */
    @Transactional
    public PortRequest reply(Account actor, long id, Long inReplyTo, String comment) {
        checkComment(comment);
        if (blank(comment)) {
            throw ProblemException.badInput("comment", "write the reply");
        }
        PortRequest r = PortRequest.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !visible(actor, r)) {
            throw ProblemException.notFound("There is no request #" + id + " you can see");
        }
        check(Action.REPLY, actor, r);
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
        record(r, actor, EventKind.REPLY, comment, data.isEmpty() ? null : data);
        return flush(r);
    }

    /**
     * A designated expert takes a request in expert review: the queue shows them as its holder and
     * only they are reminded when it is overdue. Taking it from another expert is allowed (the log
     * says from whom); taking one's own again changes nothing.
     */
    @Transactional
    public PortRequest take(Account actor, long id, long expectedVersion) {
        PortRequest r = load(actor, id, expectedVersion);
        check(Action.TAKE, actor, r);
        if (r.heldBy != null && r.heldBy.id.equals(actor.id)) {
            return r;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (r.heldBy != null) {
            data.put("from", r.heldBy.name);
        }
        r.heldBy = actor;
        record(r, actor, EventKind.TAKEN, null, data.isEmpty() ? null : data);
        return flush(r);
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

    /** Ends a revocation's community call once its four weeks are over; the IESG decides next. */
    @Transactional
    public PortRequest endCommunityCall(Account actor, long id, long expectedVersion) {
        PortRequest r = load(actor, id, expectedVersion);
        check(Action.END_CALL, actor, r);
        transition(r, RequestState.IESG_EVALUATION, actor, EventKind.CALL_ENDED, null, null);
        return flush(r);
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
        PortRequest r = load(actor, id, expectedVersion);
        check(Action.COMPLETE, actor, r);
        stillAllowedByRegistry(r);
        RegistryAction.Result result = registryAction.apply(r, actor, notes);
        transition(
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
        return flush(r);
    }

    // --- guards
    // --------------------------------------------------------------------------------------

    private void check(Action a, Account actor, PortRequest r) {
        Optional<ProblemException> refused = Lifecycle.refusal(a, actor, r, now());
        if (refused.isPresent()) {
            throw refused.get();
        }
    }

    /** At decision time the registry must still allow the request: else 409. */
    private void stillAllowedByRegistry(PortRequest r) {
        Assessment a = assessNow(r);
        if (!a.submittable()) {
            StringBuilder why = new StringBuilder("The registry no longer allows this request: ");
            a.errors()
                    .forEach(
                            e ->
                                    why.append(e.field())
                                            .append(" ")
                                            .append(e.message())
                                            .append("; "));
            throw ProblemException.registryConflict(why.substring(0, why.length() - 2));
        }
    }

    // --- the only ways to change a request
    // --------------------------------------------------------

    private void transition(
            PortRequest r,
            RequestState to,
            Account actor,
            EventKind kind,
            String comment,
            Map<String, Object> data) {
        if (!r.state.canMoveTo(to)) {
            throw ProblemException.wrongState(
                    "a request that is "
                            + r.state.label.toLowerCase()
                            + " cannot become "
                            + to.label.toLowerCase());
        }
        RequestState from = r.state;
        r.state = to;
        append(r, actor, kind, from, to, comment, data);
    }

    private void record(
            PortRequest r,
            Account actor,
            EventKind kind,
            String comment,
            Map<String, Object> data) {
        append(r, actor, kind, null, null, comment, data);
    }

    private void append(
            PortRequest r,
            Account actor,
            EventKind kind,
            RequestState from,
            RequestState to,
            String comment,
            Map<String, Object> data) {
        RequestEvent e = new RequestEvent();
        e.request = r;
        e.at = now();
        e.actor = actor;
        e.kind = kind;
        e.fromState = from;
        e.toState = to;
        e.comment = blank(comment) ? null : comment.strip();
        e.data = data;
        e.persist();
        r.updatedAt = e.at;
        changed.fire(new RequestChanged(r.id, e.id, kind, to));
    }

    private Optional<RequestContent> lastSubmitted(PortRequest r) {
        List<RequestEvent> events = RequestEvent.of(r);
        for (int i = events.size() - 1; i >= 0; i--) {
            RequestEvent e = events.get(i);
            if (e.kind.submission() && e.data != null && e.data.get("content") != null) {
                return Optional.of(
                        RequestContent.stored(
                                json.convertValue(e.data.get("content"), RequestInput.class)));
            }
        }
        return Optional.empty();
    }

    private PortRequest load(Account actor, long id, long expectedVersion) {
        PortRequest r = find(actor, id);
        if (expectedVersion >= 0 && r.version != expectedVersion) {
            throw ProblemException.stale(
                    "request #"
                            + id
                            + " changed since you loaded it (version "
                            + expectedVersion
                            + ", now "
                            + r.version
                            + "); reload and try again");
        }
        return r;
    }

    /** Writes now, so that a concurrent change is a 409 here and not a failure at commit. */
    private PortRequest flush(PortRequest r) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw ProblemException.concurrent(
                    "someone else acted on request #"
                            + r.id
                            + " at the same time; reload and try again");
        }
        return r;
    }

    Instant now() {
        return clock.instant();
    }

    LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    /** A comment is free text with the same limits as the request's long fields. */
    private static void checkComment(String comment) {
        var problem = RequestInput.commentProblem(comment);
        if (problem != null) {
            throw ProblemException.badInput(List.of(problem));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
