package dev.portreg.request;

import dev.portreg.account.AccountService;
import dev.portreg.account.AccountView;
import dev.portreg.request.EventKind.Recipient;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * After a request's transaction commits: mails the people concerned (submission, changes requested,
 * decision, registry update). Mail failures are logged and never undo what was decided.
 */
@ApplicationScoped
public class Notifications {

    private final Mailer mailer;
    private final AccountService accounts;
    private final String baseUrl;
    private final RequestMails sent;

    Notifications(
            Mailer mailer,
            AccountService accounts,
            RequestMails sent,
            @ConfigProperty(name = "portreg.base-url") String baseUrl) {
        this.mailer = mailer;
        this.accounts = accounts;
        this.sent = sent;
        this.baseUrl = baseUrl;
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequestChanged change) {
        if (change.kind().mailed().isEmpty()) {
            return;
        }
        try {
            List<Mail> mails = QuarkusTransaction.requiringNew().call(() -> compose(change));
            for (Mail m : mails) {
                mailer.send(m);
                // The timeline lists what was sent.
                sent.sent(change.requestId(), change.eventId(), m.getTo().get(0), m.getSubject());
            }
        } catch (RuntimeException e) {
            Log.warnf(
                    e,
                    "could not send mail about request #%d (%s)",
                    change.requestId(),
                    change.kind());
        }
    }

    /**
     * The mails about one event: to whom {@link EventKind#mailed()} says, the deciders and the
     * informed of the request's new state as {@link RequestState} names them.
     */
    List<Mail> compose(RequestChanged change) {
        PortRequest r = PortRequest.findById(change.requestId());
        if (r == null) {
            return List.of();
        }
        Subject about = new Subject(r, describe(r, r.parsed()), latestComment(r));
        List<RequestEvent> log = RequestEvent.of(r);
        RequestEvent last = log.get(log.size() - 1);
        Set<String> replied = new LinkedHashSet<>();
        if (last.actor != null) {
            replied.add(last.actor.email);
        }
        List<Mail> out = new ArrayList<>();
        for (Recipient to : change.kind().mailed()) {
            Letter letter = letter(change.kind(), to, about);
            Set<String> addresses =
                    switch (to) {
                        case REQUESTER -> Set.of(r.requester.email);
                        case DECIDERS -> emails(r.state.decider().role);
                        case INFORMED -> {
                            Set<String> all = new LinkedHashSet<>();
                            r.state.informed().forEach(role -> all.addAll(emails(role)));
                            yield all;
                        }
                        case ANSWERED -> answered(log, last);
                    };
            if (change.kind() == EventKind.REPLY) {
                // One letter each, and none to the one who wrote it.
                addresses = new LinkedHashSet<>(addresses);
                addresses.removeAll(replied);
                replied.addAll(addresses);
            }
            for (String address : addresses) {
                out.add(
                        Mail.withText(
                                address,
                                "[Port Registry] " + letter.subject(),
                                letter.text() + "\n\n" + baseUrl + "/requests/" + r.id));
            }
        }
        return out;
    }

    /** To the deciders: a request waits for them. */
    private static Letter waitsFor(Subject s) {
        PortRequest r = s.r();
        return new Letter(
                "Request #" + r.id + " waits for you: " + s.what(),
                "Request "
                        + s.what()
                        + " by "
                        + r.requester.name
                        + " waits for "
                        + r.state.label.toLowerCase()
                        + ".");
    }

    /** To the requester: their request was submitted. */
    private static Letter submitted(Subject s) {
        PortRequest r = s.r();
        return new Letter(
                "Request #" + r.id + " submitted: " + s.what(),
                "Your request "
                        + s.what()
                        + " was submitted and now waits for "
                        + r.state.label.toLowerCase()
                        + " ("
                        + r.track.label()
                        + ").");
    }

    /** What a mail is about: the request, in a few words, and the latest comment. */
    private record Subject(PortRequest r, String what, String latest) {}

    /** A mail's subject and text, before the link. */
    private record Letter(String subject, String text) {}

    private static Letter letter(EventKind kind, Recipient to, Subject s) {
        PortRequest r = s.r();
        String id = "#" + r.id;
        Letter waitsForYou = waitsFor(s);
        return switch (kind) {
            case SUBMITTED, RESUBMITTED -> to == Recipient.REQUESTER ? submitted(s) : waitsForYou;
            case CALL_ENDED -> waitsForYou;
            case CALL_STARTED ->
                    new Letter(
                            "Community call started: " + s.what(),
                            "IANA proposes to revoke "
                                    + s.what()
                                    + ". The four-week community call ends "
                                    + r.callEndsAt
                                    + " (RFC 6335 §8.4).");
            case CHANGES_REQUESTED ->
                    new Letter(
                            "Changes requested on request " + id,
                            "A reviewer asked for changes to "
                                    + s.what()
                                    + ":\n\n"
                                    + s.latest()
                                    + "\n\nEdit and resubmit:");
            case APPROVED ->
                    to == Recipient.REQUESTER
                            ? new Letter(
                                    "Request " + id + " approved",
                                    "Your request "
                                            + s.what()
                                            + " was approved. IANA will now update the registry.")
                            : new Letter(
                                    "Request " + id + " approved: registry action needed",
                                    "Request "
                                            + s.what()
                                            + " was approved and waits for the registry action.");
            case REJECTED ->
                    new Letter(
                            "Request " + id + " rejected",
                            "Your request " + s.what() + " was rejected:\n\n" + s.latest());
            case COMPLETED ->
                    new Letter(
                            "Registry updated for request " + id,
                            "The registry now records " + s.what() + ".\n\n" + s.latest());
            // Never mailed (EventKind.mailed() is empty), but named so that a new kind must be.
            case REPLY ->
                    new Letter(
                            "Reply on request " + id,
                            "A reply on "
                                    + s.what()
                                    + ":\n\n"
                                    + s.latest()
                                    + "\n\nRead the conversation and answer:");
            case CREATED, EDITED, WITHDRAWN, BALLOT, DISCUSS_CLEARED, TAKEN ->
                    throw new IllegalStateException(kind + " is not mailed");
        };
    }

    /** The address of whoever wrote the event a reply answers. */
    private static Set<String> answered(List<RequestEvent> log, RequestEvent reply) {
        Object to = reply.data == null ? null : reply.data.get("inReplyTo");
        for (RequestEvent e : log) {
            if (to != null && e.actor != null && String.valueOf(e.id).equals(String.valueOf(to))) {
                return Set.of(e.actor.email);
            }
        }
        return Set.of();
    }

    private Set<String> emails(String role) {
        Set<String> out = new LinkedHashSet<>();
        if (role == null) {
            return out;
        }
        for (AccountView a : accounts.listWithRole(role)) {
            out.add(a.email());
        }
        return out;
    }

    private static String latestComment(PortRequest r) {
        List<RequestEvent> events = RequestEvent.of(r);
        RequestEvent last = events.get(events.size() - 1);
        return last.comment == null ? "" : last.comment;
    }

    static String describe(PortRequest r, RequestContent c) {
        String name = c.serviceName() != null ? c.serviceName() : c.targetService();
        StringBuilder b = new StringBuilder().append(r.kind.label.toLowerCase()).append(' ');
        b.append(name == null ? "(no name)" : name);
        if (c.ports() != null) {
            b.append(" on ").append(c.ports());
        } else if (c.anyPortIn() != null) {
            b.append(" on any free ").append(c.anyPortIn().label).append(" port");
        }
        if (!c.transports().isEmpty()) {
            b.append('/')
                    .append(
                            String.join(
                                    ",", c.transports().stream().map(Object::toString).toList()));
        }
        return b.toString();
    }
}
