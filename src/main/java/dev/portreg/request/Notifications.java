package dev.portreg.request;

import dev.portreg.account.AccountService;
import dev.portreg.account.AccountView;
import dev.portreg.account.Roles;
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

    Notifications(
            Mailer mailer,
            AccountService accounts,
            @ConfigProperty(name = "portreg.base-url") String baseUrl) {
        this.mailer = mailer;
        this.accounts = accounts;
        this.baseUrl = baseUrl;
    }

    /** The events someone is told about; drafts, edits and single ballot positions are not. */
    static final java.util.Set<String> MAILED =
            java.util.Set.of(
                    RequestEvent.SUBMITTED,
                    RequestEvent.RESUBMITTED,
                    RequestEvent.CALL_STARTED,
                    RequestEvent.CALL_ENDED,
                    RequestEvent.CHANGES_REQUESTED,
                    RequestEvent.APPROVED,
                    RequestEvent.REJECTED,
                    RequestEvent.COMPLETED);

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) RequestChanged change) {
        if (!MAILED.contains(change.kind())) {
            return;
        }
        try {
            List<Mail> mails = QuarkusTransaction.requiringNew().call(() -> compose(change));
            for (Mail m : mails) {
                mailer.send(m);
            }
        } catch (RuntimeException e) {
            Log.warnf(
                    e,
                    "could not send mail about request #%d (%s)",
                    change.requestId(),
                    change.kind());
        }
    }

    List<Mail> compose(RequestChanged change) {
        PortRequest r = PortRequest.findById(change.requestId());
        if (r == null) {
            return List.of();
        }
        RequestContent c = r.parsed();
        String what = describe(r, c);
        String link = baseUrl + "/requests/" + r.id;
        List<Mail> out = new ArrayList<>();
        String requester = r.requester.email;
        String latest = latestComment(r);
        switch (change.kind()) {
            case RequestEvent.SUBMITTED, RequestEvent.RESUBMITTED, RequestEvent.CALL_ENDED -> {
                if (!RequestEvent.CALL_ENDED.equals(change.kind())) {
                    out.add(
                            mail(
                                    requester,
                                    "Request #" + r.id + " submitted: " + what,
                                    "Your request "
                                            + what
                                            + " was submitted and now waits for "
                                            + r.state.label.toLowerCase()
                                            + " ("
                                            + r.track.label()
                                            + ").\n\n"
                                            + link));
                }
                String role =
                        switch (r.state) {
                            case EXPERT_REVIEW -> Roles.EXPERT;
                            case IESG_EVALUATION -> Roles.IESG;
                            default -> Roles.IANA;
                        };
                for (String to : emails(role)) {
                    out.add(
                            mail(
                                    to,
                                    "Request #" + r.id + " waits for you: " + what,
                                    "Request "
                                            + what
                                            + " by "
                                            + r.requester.name
                                            + " waits for "
                                            + r.state.label.toLowerCase()
                                            + ".\n\n"
                                            + link));
                }
            }
            case RequestEvent.CALL_STARTED -> {
                for (String to : emails(Roles.IESG)) {
                    out.add(
                            mail(
                                    to,
                                    "Community call started: " + what,
                                    "IANA proposes to revoke "
                                            + what
                                            + ". The four-week community call"
                                            + " ends "
                                            + r.callEndsAt
                                            + " (RFC 6335 §8.4).\n\n"
                                            + link));
                }
            }
            case RequestEvent.CHANGES_REQUESTED ->
                    out.add(
                            mail(
                                    requester,
                                    "Changes requested on request #" + r.id,
                                    "A reviewer asked for changes to "
                                            + what
                                            + ":\n\n"
                                            + latest
                                            + "\n\nEdit and resubmit: "
                                            + link));
            case RequestEvent.APPROVED -> {
                out.add(
                        mail(
                                requester,
                                "Request #" + r.id + " approved",
                                "Your request "
                                        + what
                                        + " was approved. IANA will now update the"
                                        + " registry.\n\n"
                                        + link));
                for (String to : emails(Roles.IANA)) {
                    out.add(
                            mail(
                                    to,
                                    "Request #" + r.id + " approved: registry action needed",
                                    "Request "
                                            + what
                                            + " was approved and waits for the registry"
                                            + " action.\n\n"
                                            + link));
                }
            }
            case RequestEvent.REJECTED ->
                    out.add(
                            mail(
                                    requester,
                                    "Request #" + r.id + " rejected",
                                    "Your request "
                                            + what
                                            + " was rejected:\n\n"
                                            + latest
                                            + "\n\n"
                                            + link));
            case RequestEvent.COMPLETED ->
                    out.add(
                            mail(
                                    requester,
                                    "Registry updated for request #" + r.id,
                                    "The registry now records "
                                            + what
                                            + ".\n\n"
                                            + latest
                                            + "\n\n"
                                            + link));
            default -> {}
        }
        return out;
    }

    private Set<String> emails(String role) {
        Set<String> out = new LinkedHashSet<>();
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

    private static Mail mail(String to, String subject, String text) {
        return Mail.withText(to, "[Port Registry] " + subject, text);
    }
}
