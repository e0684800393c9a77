package dev.portreg.request;

import dev.portreg.account.AccountService;
import dev.portreg.account.AccountView;
import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The daily reminder (on the application's clock): whoever holds a request past the RFC timeframe
 * of their part ({@link RequestClock}) is mailed once a day per request, on every instance at most
 * once: the day is claimed in the database before the mail goes ({@link
 * RequestMails#claimReminder}). A request waiting on its requester is not chased.
 */
@ApplicationScoped
public class RequestReminders {

    /** The reminder's body (templates/mail/overdue.txt). */
    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native TemplateInstance overdue(
                long id, String what, String state, long days, String link);
    }

    /** A reminder to send: to whom, about which request, how long it has waited. */
    record Due(long requestId, String to, String subject, String text) {}

    private final Clock clock;
    private final AccountService accounts;
    private final RequestMails mails;
    private final Mailer mailer;
    private final String baseUrl;

    RequestReminders(
            Clock clock,
            AccountService accounts,
            RequestMails mails,
            Mailer mailer,
            @ConfigProperty(name = "portreg.base-url") String baseUrl) {
        this.clock = clock;
        this.accounts = accounts;
        this.mails = mails;
        this.mailer = mailer;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    @Scheduled(
            cron = "{portreg.reminders.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        try {
            int sent = remind();
            if (sent > 0) {
                Log.infof("reminded the holders of overdue requests: %d mails", sent);
            }
        } catch (RuntimeException e) {
            Log.warnf("the overdue reminder failed, next try tomorrow: %s", e.toString());
        }
    }

    /** Mails today's reminders not sent yet; how many went. */
    public int remind() {
        LocalDate today = LocalDate.now(clock);
        int sent = 0;
        for (Due d : QuarkusTransaction.requiringNew().call(this::due)) {
            if (mails.claimReminder(d.requestId(), today, d.to(), d.subject())) {
                mailer.send(Mail.withText(d.to(), d.subject(), d.text()));
                sent++;
            }
        }
        return sent;
    }

    /** The reminders the open requests call for today, one per holder's address. */
    List<Due> due() {
        List<Due> out = new ArrayList<>();
        List<PortRequest> open =
                PortRequest.list(
                        "state in ?1",
                        java.util.Arrays.stream(RequestState.values())
                                .filter(RequestState::underReview)
                                .toList());
        for (PortRequest r : open) {
            for (RequestClock.Hold h :
                    RequestClock.holds(RequestEvent.of(r), r.state, clock.instant())) {
                if (!h.overdue() || h.holder().role == null) {
                    continue;
                }
                String subject =
                        "[Port Registry] Overdue: request #"
                                + r.id
                                + " has waited "
                                + RequestClock.currentHold(RequestEvent.of(r), clock.instant())
                                        .toDays()
                                + " days";
                String text =
                        Notifications.text(
                                Templates.overdue(
                                        r.id,
                                        Notifications.describe(r, r.parsed()),
                                        r.state.label.toLowerCase(),
                                        h.timeframe().toDays(),
                                        baseUrl + "/requests/" + r.id));
                if (r.state == RequestState.EXPERT_REVIEW && r.heldBy != null) {
                    // The expert who took it, alone.
                    out.add(new Due(r.id, r.heldBy.email, subject, text));
                    continue;
                }
                for (AccountView a : accounts.listWithRole(h.holder().role)) {
                    out.add(new Due(r.id, a.email(), subject, text));
                }
            }
        }
        return out;
    }
}
