package dev.portreg.account;

import dev.portreg.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Verifying an account's address: the mailed link (limited per account and window), what a link
 * would verify, and following it. {@link AccountService} mails the first link at registration and
 * answers the rest for the pages and the API.
 */
@ApplicationScoped
class EmailVerification {

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final MailLinks links;
    private final AccountMails mails;
    private final Throttle throttle;
    private final SecurityConfig config;
    private final AccountDirectory directory;

    EmailVerification(
            EntityManager em,
            Clock clock,
            AuditLog audit,
            MailLinks links,
            AccountMails mails,
            Throttle throttle,
            SecurityConfig config,
            AccountDirectory directory) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.links = links;
        this.mails = mails;
        this.throttle = throttle;
        this.config = config;
        this.directory = directory;
    }

    /** As {@link AccountService#resendVerification}. */
    @Transactional
    void resend(String username, String address) {
        Account a = directory.require(username);
        if (a.emailVerifiedAt != null) {
            throw ProblemException.conflict("Your address " + a.email + " is verified already");
        }
        send(a, address, true);
    }

    /**
     * Mails {@code a} a link that verifies its address.
     *
     * @param limited whether the per-account limit applies (a resend), or only counts (the first)
     */
    void send(Account a, String address, boolean limited) {
        Throttle.Limit perAccount = LinkMail.limit(config, config.mail().maxPerAccount());
        String subject = Throttle.account(a.username);
        if (limited) {
            throttle.blockedFor(Throttle.Kind.VERIFICATION_MAIL, perAccount, subject)
                    .ifPresent(
                            wait -> {
                                throw AccountService.tooMany(
                                        "We mailed you several links lately: try again in "
                                                + SignInThrottledException.describe(wait),
                                        wait);
                            });
        }
        throttle.record(Throttle.Kind.VERIFICATION_MAIL, perAccount, subject);
        Duration ttl = config.mail().verifyLinkTtl();
        String token = links.create(MailLinks.Purpose.VERIFY_EMAIL, a.id, a.email, ttl);
        mails.verification(a.email, a.name, token, LinkMail.describe(ttl));
    }

    /** As {@link AccountService#verificationFor}. */
    Optional<String> verificationFor(String token) {
        return links.peek(MailLinks.Purpose.VERIFY_EMAIL, token).map(MailLinks.Link::email);
    }

    /** As {@link AccountService#verifyEmail}. */
    @Transactional
    String verify(String token, String address) {
        MailLinks.Link link =
                links.use(MailLinks.Purpose.VERIFY_EMAIL, token).orElseThrow(LinkMail::gone);
        Account a = em.find(Account.class, link.accountId());
        if (a == null || !a.email.equalsIgnoreCase(link.email())) {
            throw LinkMail.gone();
        }
        if (a.emailVerifiedAt == null) {
            a.emailVerifiedAt = clock.instant();
            audit.record(
                    AuditLog.Kind.EMAIL_VERIFIED,
                    a.username,
                    a.username,
                    address,
                    Map.of("email", a.email));
        }
        return a.username;
    }
}
