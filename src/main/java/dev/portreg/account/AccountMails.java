package dev.portreg.account;

import io.quarkus.logging.Log;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
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
                        "Hello "
                                + name
                                + ",\n\nTo confirm that this address is yours, open\n\n  "
                                + baseUrl
                                + "/account/verify/"
                                + token
                                + "\n\nand press Confirm. The link works once, for "
                                + ttl
                                + ". Until then you can draft requests but not submit them.\n\n"
                                + "If you did not register at the Port Registry, ignore this"
                                + " mail.\n"));
    }

    void reset(String to, String name, String token, String ttl) {
        outgoing.fire(
                new Outgoing(
                        to,
                        "Port Registry: reset your password",
                        "Hello "
                                + name
                                + ",\n\nSomeone (we hope you) asked to reset the password of your"
                                + " Port Registry account. To choose a new one, open\n\n  "
                                + baseUrl
                                + "/password-reset/"
                                + token
                                + "\n\nThe link works once, for "
                                + ttl
                                + ". If you did not ask for it, ignore this mail: your password"
                                + " stays as it is.\n"));
    }

    void send(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outgoing m) {
        mailer.send(Mail.withText(m.to(), m.subject(), m.text()))
                .subscribe()
                .with(
                        ok -> Log.debugf("mail '%s' sent", m.subject()),
                        e -> Log.warnf("could not send mail '%s': %s", m.subject(), e.toString()));
    }
}
