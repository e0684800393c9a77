package dev.portreg.request;

import dev.portreg.account.AccountService;
import dev.portreg.account.AccountView;
import dev.portreg.request.EventKind.Recipient;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
 * decision, registry update). Mail failures are logged and never undo what was decided. The bodies
 * are Qute templates (templates/mail/); who gets which one is {@link EventKind#mailed()}.
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
        Subject about =
                new Subject(
                        r,
                        describe(r, r.parsed()),
                        latestComment(r),
                        baseUrl + "/requests/" + r.id);
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
                                address, "[Port Registry] " + letter.subject(), letter.text()));
            }
        }
        return out;
    }

    /**
     * The mail bodies (templates/mail/*.txt, plain text). Each ends with the request's link; the
     * subjects are in {@link #letter}.
     */
    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native TemplateInstance waitsFor(
                String what, String requester, String state, String link);

        static native TemplateInstance submitted(
                String what, String state, String track, String link);

        static native TemplateInstance callStarted(String what, String callEnds, String link);

        static native TemplateInstance changesRequested(String what, String comment, String link);

        static native TemplateInstance approved(String what, String link);

        static native TemplateInstance approvedForRegistry(String what, String link);

        static native TemplateInstance rejected(String what, String comment, String link);

        static native TemplateInstance completed(String what, String comment, String link);

        static native TemplateInstance reply(String what, String comment, String link);
    }

    /** What a mail is about: the request, in a few words, its latest comment and its link. */
    private record Subject(PortRequest r, String what, String latest, String link) {

        /** The state the request waits in, as the mails name it. */
        String waitsFor() {
            return r.state.label.toLowerCase();
        }
    }

    /** A mail's subject (after "[Port Registry] ") and text. */
    record Letter(String subject, String text) {
        Letter(String subject, TemplateInstance body) {
            this(subject, Notifications.text(body));
        }
    }

    private static Letter letter(EventKind kind, Recipient to, Subject s) {
        PortRequest r = s.r();
        String id = "#" + r.id;
        return switch (kind) {
            case SUBMITTED, RESUBMITTED ->
                    to == Recipient.REQUESTER
                            ? new Letter(
                                    "Request " + id + " submitted: " + s.what(),
                                    Templates.submitted(
                                            s.what(), s.waitsFor(), r.track.label(), s.link()))
                            : waitsFor(s);
            case CALL_ENDED -> waitsFor(s);
            case CALL_STARTED ->
                    new Letter(
                            "Community call started: " + s.what(),
                            Templates.callStarted(
                                    s.what(), String.valueOf(r.callEndsAt), s.link()));
            case CHANGES_REQUESTED ->
                    new Letter(
                            "Changes requested on request " + id,
                            Templates.changesRequested(s.what(), s.latest(), s.link()));
            case APPROVED ->
                    to == Recipient.REQUESTER
                            ? new Letter(
                                    "Request " + id + " approved",
                                    Templates.approved(s.what(), s.link()))
                            : new Letter(
                                    "Request " + id + " approved: registry action needed",
                                    Templates.approvedForRegistry(s.what(), s.link()));
            case REJECTED ->
                    new Letter(
                            "Request " + id + " rejected",
                            Templates.rejected(s.what(), s.latest(), s.link()));
            case COMPLETED ->
                    new Letter(
                            "Registry updated for request " + id,
                            Templates.completed(s.what(), s.latest(), s.link()));
            case REPLY ->
                    new Letter(
                            "Reply on request " + id,
                            Templates.reply(s.what(), s.latest(), s.link()));
            case CREATED, EDITED, WITHDRAWN, BALLOT, DISCUSS_CLEARED, TAKEN ->
                    throw new IllegalStateException(kind + " is not mailed");
        };
    }

    /** To the deciders: a request waits for them. */
    private static Letter waitsFor(Subject s) {
        PortRequest r = s.r();
        return new Letter(
                "Request #" + r.id + " waits for you: " + s.what(),
                Templates.waitsFor(s.what(), r.requester.name, s.waitsFor(), s.link()));
    }

    /** A rendered plain-text body, without the newline that ends its template file. */
    static String text(TemplateInstance body) {
        String text = body.render();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
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
