package dev.portreg.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.account.Account;
import dev.portreg.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only ways to change a request, for {@link RequestWorkflow} and {@link RequestConversation}:
 * {@link #transition} moves the state <em>and</em> appends the event, {@link #record} appends an
 * event that moves nothing, both in the caller's transaction; nobody changes a request without the
 * log. And what every change does first (load the request as its actor sees it, at the version they
 * saw, and check the action against {@link Lifecycle}) and last (flush, so a concurrent change is a
 * 409 here).
 */
@ApplicationScoped
class RequestLog {

    private final EntityManager em;
    private final Clock clock;
    private final Event<RequestChanged> changed;
    private final ObjectMapper json;

    RequestLog(EntityManager em, Clock clock, Event<RequestChanged> changed, ObjectMapper json) {
        this.em = em;
        this.clock = clock;
        this.changed = changed;
        this.json = json;
    }

    // --- before a change -------------------------------------------------------------------------

    /** The request, if {@code viewer} may see it; else 404 (drafts are private). */
    PortRequest find(Account viewer, long id) {
        PortRequest r = PortRequest.findById(id);
        if (r == null || !Lifecycle.visible(viewer, r)) {
            throw notFound(id);
        }
        return r;
    }

    /**
     * The request under a row lock, if {@code actor} may see it: for the changes that never
     * conflict with another person's (positions, replies), taken one at a time.
     */
    PortRequest lock(Account actor, long id) {
        PortRequest r = PortRequest.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (r == null || !Lifecycle.visible(actor, r)) {
            throw notFound(id);
        }
        return r;
    }

    /**
     * The request as {@code actor} sees it, at {@code expectedVersion} (negative: any); else 409.
     */
    PortRequest load(Account actor, long id, long expectedVersion) {
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

    /** Refuses an action {@link Lifecycle} does not allow {@code actor} on {@code r} now. */
    void check(Action a, Account actor, PortRequest r) {
        Optional<ProblemException> refused = Lifecycle.refusal(a, actor, r, now());
        if (refused.isPresent()) {
            throw refused.get();
        }
    }

    private static ProblemException notFound(long id) {
        return ProblemException.notFound("There is no request #" + id + " you can see");
    }

    // --- the change ------------------------------------------------------------------------------

    /** Moves {@code r} to {@code to} and appends the event that says so; 409 for a wrong move. */
    void transition(
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

    /** Appends an event that moves no state. */
    void record(
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

    // --- after a change --------------------------------------------------------------------------

    /** Writes now, so that a concurrent change is a 409 here and not a failure at commit. */
    PortRequest flush(PortRequest r) {
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

    // --- reading the log -------------------------------------------------------------------------

    /** The content of the request's last submission, if it was submitted. */
    Optional<RequestContent> lastSubmitted(PortRequest r) {
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

    Instant now() {
        return clock.instant();
    }

    /** A comment is free text with the same limits as the request's long fields. */
    static void checkComment(String comment) {
        var problem = RequestInput.commentProblem(comment);
        if (problem != null) {
            throw ProblemException.badInput(List.of(problem));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
