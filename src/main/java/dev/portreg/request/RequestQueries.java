package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestViews.AccountRef;
import dev.portreg.request.RequestViews.BallotView;
import dev.portreg.request.RequestViews.EventView;
import dev.portreg.request.RequestViews.PositionView;
import dev.portreg.request.RequestViews.RequestSummary;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.review.BallotPosition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Requests as people see them: one request with its timeline, lists and review queues. */
@ApplicationScoped
public class RequestQueries {

    /** RFC 8126 §5.3: an expert usually answers within a week. */
    static final Duration EXPERT_TIMEFRAME = Duration.ofDays(7);

    /** RFC 7605 §7.7: applications take up to a month for complex cases. */
    static final Duration ANY_TIMEFRAME = Duration.ofDays(30);

    private final RequestWorkflow workflow;
    private final Clock clock;

    private final RequestMails mails;

    RequestQueries(RequestWorkflow workflow, Clock clock, RequestMails mails) {
        this.workflow = workflow;
        this.mails = mails;
        this.clock = clock;
    }

    /** One request as {@code viewer} sees it, with what they may do next. */
    @Transactional
    public RequestView view(Account viewer, long id) {
        return view(viewer, workflow.find(viewer, id));
    }

    @Transactional
    public RequestView view(Account viewer, PortRequest r) {
        List<EventView> events = new ArrayList<>();
        List<RequestEvent> log = RequestEvent.of(r);
        Map<Long, List<RequestMails.Sent>> sent = mails.byEvent(r.id);
        for (RequestEvent e : log) {
            events.add(
                    new EventView(
                            e.id,
                            e.at,
                            ref(e.actor),
                            e.kind,
                            e.fromState,
                            e.toState,
                            e.comment,
                            e.data,
                            sent.getOrDefault(e.id, List.of())));
        }
        BallotView ballot = null;
        if (r.track != null && r.track.ballot()) {
            Ballot b = workflow.ballot(r, log);
            List<PositionView> positions = new ArrayList<>();
            for (RequestEvent e : b.positions()) {
                positions.add(positionView(b, e));
            }
            ballot = new BallotView(b.tally(), positions);
        }
        Assessment assessment =
                r.state.editable() || r.state.underReview() || r.state == RequestState.APPROVED
                        ? workflow.assess(r)
                        : null;
        return new RequestView(
                r.id,
                r.version,
                r.kind,
                r.state,
                r.state.label,
                r.track,
                r.track == null ? null : r.track.label(),
                ref(r.requester),
                // As the kind reads it: what it does not use is not shown.
                r.parsed().toInput(),
                r.createdAt,
                r.updatedAt,
                r.submittedAt,
                r.callEndsAt,
                age(r).toDays(),
                overdue(r),
                assessment,
                ballot,
                workflow.allowedActions(viewer, r),
                events,
                RequestClock.holds(log, r.state, clock.instant()),
                r.state == RequestState.EXPERT_REVIEW ? ref(r.heldBy) : null,
                entryLinks(events));
    }

    /** The entries the completion wrote, from its log entry (old completions: none). */
    static List<RequestViews.EntryLink> entryLinks(List<EventView> events) {
        List<RequestViews.EntryLink> out = new ArrayList<>();
        for (EventView e : events) {
            if (e.kind() == EventKind.COMPLETED
                    && e.data() != null
                    && e.data().get("links") instanceof List<?> links) {
                for (Object o : links) {
                    if (o instanceof Map<?, ?> m && m.get("href") instanceof String href) {
                        out.add(new RequestViews.EntryLink(String.valueOf(m.get("entry")), href));
                    }
                }
            }
        }
        return out;
    }

    /** The requests {@code owner} made, newest first. */
    @Transactional
    public List<RequestSummary> mine(Account owner) {
        return summaries(
                PortRequest.list(
                        "from PortRequest r join fetch r.requester where r.requester.id = ?1"
                                + " order by r.id desc",
                        owner.id),
                null);
    }

    /**
     * What waits for a role: the states it decides or follows ({@link Lifecycle#queue}): experts
     * see Expert Review; the IESG evaluations and community calls; the operator FCFS checks,
     * approved requests and calls to close. Oldest first.
     */
    @Transactional
    public List<RequestSummary> queue(Account viewer, String role) {
        List<RequestState> states = Lifecycle.queue(role);
        if (!Roles.GRANTABLE.contains(role)) {
            throw ProblemException.notFound(
                    "There is no queue for \"" + role + "\"; use expert, iesg or iana");
        }
        if (!viewer.roles.contains(role)) {
            throw Lifecycle.forbidden(
                    "the " + role + " queue is for holders of the " + role + " role");
        }
        return summaries(
                PortRequest.list(
                        "from PortRequest r join fetch r.requester where r.state in ?1"
                                + " order by r.submittedAt, r.id",
                        states),
                Roles.IESG.equals(role) ? viewer : null);
    }

    /**
     * @param member an IESG member whose own position each line shows, or null
     */
    private List<RequestSummary> summaries(List<PortRequest> requests, Account member) {
        List<RequestSummary> out = new ArrayList<>(requests.size());
        for (PortRequest r : requests) {
            RequestInput c = r.content;
            out.add(
                    new RequestSummary(
                            r.id,
                            r.kind,
                            r.state,
                            r.state.label,
                            // A draft has no track yet, but the one its requester chose.
                            r.track != null
                                    ? r.track
                                    : c.track() == null
                                            ? null
                                            : Track.parse(c.track()).orElse(null),
                            c.serviceName() != null ? c.serviceName() : c.targetService(),
                            c.port() != null
                                    ? c.port()
                                    : c.anyPortIn() == null ? null : "any " + c.anyPortIn(),
                            c.transports(),
                            ref(r.requester),
                            r.submittedAt,
                            r.updatedAt,
                            age(r).toDays(),
                            overdue(r),
                            holder(r),
                            member == null ? null : positionOf(r, member)));
        }
        return out;
    }

    private Duration age(PortRequest r) {
        Instant since = r.submittedAt != null ? r.submittedAt : r.createdAt;
        return Duration.between(since, clock.instant());
    }

    /** Why a request is late against the RFC timeframes, or null. */
    String overdue(PortRequest r) {
        if (r.submittedAt == null || !r.state.open() || r.state == RequestState.CHANGES_REQUESTED) {
            return null;
        }
        Duration age = age(r);
        if (age.compareTo(ANY_TIMEFRAME) > 0) {
            return "open for more than a month (RFC 7605 §7.7)";
        }
        if (r.state == RequestState.EXPERT_REVIEW && age.compareTo(EXPERT_TIMEFRAME) > 0) {
            return "expert review over a week (RFC 8126 §5.3)";
        }
        return null;
    }

    /** {@code member}'s current ballot position on {@code r}: "No Record" before they voted. */
    private static String positionOf(PortRequest r, Account member) {
        if (r.track == null || !r.track.ballot()) {
            return null;
        }
        String out = BallotPosition.NO_RECORD.label;
        for (RequestEvent e : RequestEvent.of(r)) {
            if (e.kind.position() && e.actor != null && e.actor.id.equals(member.id)) {
                out =
                        BallotPosition.parseEntered((String) e.data.get("position"))
                                .map(p -> p.label)
                                .orElse(out);
            }
        }
        return out;
    }

    /** Who holds an open request and since how long, against their timeframe: for the queues. */
    private String holder(PortRequest r) {
        if (r.submittedAt == null || r.state.terminal()) {
            return null;
        }
        for (RequestClock.Hold h :
                RequestClock.holds(RequestEvent.of(r), r.state, clock.instant())) {
            if (h.current()) {
                long days = RequestClock.currentHold(RequestEvent.of(r), clock.instant()).toDays();
                String who =
                        r.state == RequestState.EXPERT_REVIEW && r.heldBy != null
                                ? "With " + r.heldBy.name + " (expert)"
                                : h.label();
                return who
                        + " for "
                        + days
                        + (days == 1 ? " day" : " days")
                        + (h.timeframe() == null
                                ? ""
                                : " of "
                                        + h.timeframe().toDays()
                                        + (h.overdue() ? ": overdue" : ""));
            }
        }
        return null;
    }

    static AccountRef ref(Account a) {
        return a == null ? null : new AccountRef(a.username, a.name);
    }

    /** A member's current position with its history. */
    private static PositionView positionView(Ballot b, RequestEvent e) {
        BallotPosition p =
                BallotPosition.parseEntered((String) e.data.get("position")).orElseThrow();
        List<RequestViews.EarlierPosition> earlier = new ArrayList<>();
        for (RequestEvent old : b.before(e)) {
            BallotPosition q =
                    BallotPosition.parseEntered((String) old.data.get("position")).orElseThrow();
            earlier.add(new RequestViews.EarlierPosition(q.slug, q.label, old.comment, old.at));
        }
        Object given = e.data.get("givenOn");
        return new PositionView(
                ref(e.actor),
                p.slug,
                p.label,
                e.comment,
                e.at,
                b.note(e),
                given instanceof Number n ? n.intValue() : null,
                List.copyOf(earlier));
    }
}
