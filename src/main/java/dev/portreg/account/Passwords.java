package dev.portreg.account;

import dev.portreg.common.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Changing a password: with the current one, or through a mailed reset link (limited per account
 * and per client address, silent either way). A new password ends the account's other sessions and
 * forgets its API tokens' cached checks. {@link AccountService} answers for the pages and the API.
 */
@ApplicationScoped
class Passwords {

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final MailLinks links;
    private final AccountMails mails;
    private final Throttle throttle;
    private final SecurityConfig config;
    private final AccountDirectory directory;

    Passwords(
            EntityManager em,
            Clock clock,
            AuditLog audit,
            Sessions sessions,
            ApiTokens tokens,
            MailLinks links,
            AccountMails mails,
            Throttle throttle,
            SecurityConfig config,
            AccountDirectory directory) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.sessions = sessions;
        this.tokens = tokens;
        this.links = links;
        this.mails = mails;
        this.throttle = throttle;
        this.config = config;
        this.directory = directory;
    }

    /** As {@link AccountService#changePassword}. */
    @Transactional
    void change(String username, String current, String next, Long keepSession, String address) {
        Account a = directory.require(username);
        if (current == null || !BcryptUtil.matches(current, a.passwordHash)) {
            throw ProblemException.badInput("currentPassword", "is not your current password");
        }
        if (current.equals(next)) {
            throw ProblemException.badInput("newPassword", "must differ from the current password");
        }
        set(a, next, "newPassword");
        int ended = sessions.endAll(a.id, keepSession);
        audit.record(
                AuditLog.Kind.PASSWORD_CHANGED,
                a.username,
                a.username,
                address,
                Map.of("sessionsEnded", ended));
    }

    private void set(Account a, String password, String field) {
        String problem =
                AccountRules.passwordProblem(
                        a.username, password, List.of(a.username, a.name, a.email));
        if (problem != null) {
            throw ProblemException.badInput(field, problem);
        }
        a.passwordHash = BcryptUtil.bcryptHash(password);
        a.mustChangePassword = false;
        a.passwordChangedAt = clock.instant();
        tokens.forget(a.id);
    }

    /** As {@link AccountService#requestPasswordReset}. */
    @Transactional
    void requestReset(String usernameOrEmail, String address) {
        String key = usernameOrEmail == null ? "" : usernameOrEmail.strip();
        if (key.isEmpty() || key.length() > AccountRules.EMAIL_MAX) {
            throw ProblemException.badInput("account", "give your username or your email address");
        }
        Throttle.Limit perAddress = LinkMail.limit(config, config.mail().maxPerAddress());
        Throttle.Limit perAccount = LinkMail.limit(config, config.mail().maxPerAccount());
        if (throttle.blockedFor(Throttle.Kind.RESET_MAIL, perAddress, Throttle.address(address))
                .isPresent()) {
            Log.infof("password reset from %s not sent: too many from that address", address);
            return;
        }
        throttle.record(Throttle.Kind.RESET_MAIL, perAddress, Throttle.address(address));
        Optional<Account> found =
                key.contains("@") ? directory.byEmail(key) : directory.entity(key);
        if (found.isEmpty()) {
            return;
        }
        Account a = found.get();
        String subject = Throttle.account(a.username);
        if (throttle.blockedFor(Throttle.Kind.RESET_MAIL, perAccount, subject).isPresent()) {
            Log.infof("password reset for %s not sent: too many lately", a.username);
            return;
        }
        throttle.record(Throttle.Kind.RESET_MAIL, perAccount, subject);
        Duration ttl = config.mail().resetLinkTtl();
        String token = links.create(MailLinks.Purpose.RESET_PASSWORD, a.id, a.email, ttl);
        audit.record(AuditLog.Kind.PASSWORD_RESET_REQUESTED, null, a.username, address, null);
        mails.reset(a.email, a.name, token, LinkMail.describe(ttl));
    }

    /** As {@link AccountService#resetLinkIsGood}. */
    boolean resetLinkIsGood(String token) {
        return links.peek(MailLinks.Purpose.RESET_PASSWORD, token).isPresent();
    }

    /** As {@link AccountService#resetPassword}. */
    @Transactional
    String reset(String token, String password, String address) {
        MailLinks.Link peeked =
                links.peek(MailLinks.Purpose.RESET_PASSWORD, token).orElseThrow(LinkMail::gone);
        Account a = em.find(Account.class, peeked.accountId());
        if (a == null) {
            throw LinkMail.gone();
        }
        String problem =
                AccountRules.passwordProblem(
                        a.username, password, List.of(a.username, a.name, a.email));
        if (problem != null) {
            throw ProblemException.badInput("password", problem);
        }
        links.use(MailLinks.Purpose.RESET_PASSWORD, token).orElseThrow(LinkMail::gone);
        set(a, password, "password");
        if (a.emailVerifiedAt == null && a.email.equalsIgnoreCase(peeked.email())) {
            a.emailVerifiedAt = clock.instant();
        }
        int ended = sessions.endAll(a.id, null);
        audit.record(
                AuditLog.Kind.PASSWORD_RESET,
                null,
                a.username,
                address,
                Map.of("sessionsEnded", ended));
        return a.username;
    }
}
