package dev.portreg.account;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The mails accounts get: the link that verifies an address, the link that resets a password. A
 * mail goes out only after the transaction that made its link commits, and without waiting for the
 * mail server, so the answer takes as long whether or not a mail was sent (a reset does not tell
 * whether an account exists by its timing).
 */
@ApplicationScoped
class AccountMails {

    /** The bodies (templates/mail/*.txt, plain text). */
    @CheckedTemplate(basePath = "mail")
    static class Templates {
        static native TemplateInstance verifyAddress(String name, String link, String ttl);

        static native TemplateInstance resetPassword(String name, String link, String ttl);
    }

    /** A mail to send once the current transaction commits. */
    record Outgoing(String to, String subject, String text) {}

    private final ReactiveMailer mailer;
    private final Event<Outgoing> outgoing;
    private final String baseUrl;

    AccountMails(
            ReactiveMailer mailer,
            Event<Outgoing> outgoing,
            @ConfigProperty(name = "portreg.base-url") String baseUrl) {
        this.mailer = mailer;
        this.outgoing = outgoing;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    void verification(String to, String name, String token, String ttl) {
        outgoing.fire(
                new Outgoing(
                        to,
                        "Port Registry: confirm your email address",
                        Templates.verifyAddress(name, baseUrl + "/account/verify/" + token, ttl)
                                .render()));
    }

    void reset(String to, String name, String token, String ttl) {
        outgoing.fire(
                new Outgoing(
                        to,
                        "Port Registry: reset your password",
                        Templates.resetPassword(name, baseUrl + "/password-reset/" + token, ttl)
                                .render()));
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outgoing m) {
        mailer.send(Mail.withText(m.to(), m.subject(), m.text()))
                .subscribe()
                .with(
                        ok -> Log.debugf("mail '%s' sent", m.subject()),
                        e -> Log.warnf("could not send mail '%s': %s", m.subject(), e.toString()));
    }
}
