package dev.portreg.account;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accounts and their roles: registration (with a mailed link that verifies the address), role
 * changes (audited with the operator who made them; they end the account's sessions), and the
 * look-ups the request workflow needs (who holds a role, how many hold it). The API and the pages
 * call the same methods.
 */
@ApplicationScoped
public class AccountService {

    /** Serializes role changes, so two operators cannot each remove the other's last "iana". */
    private static final long ROLE_CHANGE_LOCK = 0x706f72747265674cL;

    /** How an account is created besides its fields. */
    record Options(boolean verified, boolean mustChangePassword, boolean checkStrength) {
        /** Self-registration: unverified, strength checked. */
        static final Options SELF = new Options(false, false, true);
    }

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final MailLinks links;
    private final AccountMails mails;
    private final Throttle throttle;
    private final SecurityConfig config;

    AccountService(
            EntityManager em,
            Clock clock,
            AuditLog audit,
            Sessions sessions,
            ApiTokens tokens,
            MailLinks links,
            AccountMails mails,
            Throttle throttle,
            SecurityConfig config) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.sessions = sessions;
        this.tokens = tokens;
        this.links = links;
        this.mails = mails;
        this.throttle = throttle;
        this.config = config;
    }

    /**
     * Every problem with a self-registration, in form order: empty when it may be created. Names
     * that look official ("iana", "admin", ...) are reserved for accounts an operator creates.
     */
    public List<FieldError> validate(Registration r) {
        List<FieldError> errors = rules(r, true);
        String username = AccountRules.normalizeUsername(r.username());
        if (AccountRules.isReserved(username)
                && errors.stream().noneMatch(e -> e.field().equals("username"))) {
            errors.add(0, new FieldError("username", "is reserved; choose another"));
        }
        return errors;
    }

    /** Registers without a known client address (tests, tools). */
    @Transactional
    public AccountView register(Registration r) {
        return register(r, ClientAddress.UNKNOWN);
    }

    /**
     * Creates an account holding the "requester" role, with an unverified address, and mails it the
     * link that verifies it. At most {@code portreg.security.mail.max-per-address} registrations
     * per client address and window.
     *
     * @throws ProblemException 400 naming each bad field, 409 when the username is taken (ignoring
     *     case), 429 when this address registered too many accounts lately
     */
    @Transactional
    public AccountView register(Registration r, String address) {
        List<FieldError> errors = validate(r);
        if (!errors.isEmpty()) {
            throw ProblemException.badInput(errors);
        }
        Throttle.Limit perAddress = mailLimit(config.mail().maxPerAddress());
        if (!ClientAddress.UNKNOWN.equals(address)) {
            throttle.blockedFor(Throttle.Kind.REGISTRATION, perAddress, Throttle.address(address))
                    .ifPresent(
                            wait -> {
                                throw tooMany(
                                        "Too many accounts were registered from your address"
                                                + " lately: try again in "
                                                + SignInThrottledException.describe(wait),
                                        wait);
                            });
        }
        AccountView created = create(r, Set.of(), Options.SELF);
        Account a = entity(created.username()).orElseThrow();
        if (!ClientAddress.UNKNOWN.equals(address)) {
            throttle.record(Throttle.Kind.REGISTRATION, perAddress, Throttle.address(address));
        }
        audit.record(AuditLog.Kind.REGISTERED, a.username, a.username, address, null);
        sendVerification(a, address, false);
        return created;
    }

    /** Creates an account with extra roles; the same rules as {@link #register} apply. */
    @Transactional
    AccountView create(Registration r, Set<String> extraRoles) {
        return create(r, extraRoles, Options.SELF);
    }

    @Transactional
    AccountView create(Registration r, Set<String> extraRoles, Options options) {
        List<FieldError> errors = rules(r, options.checkStrength());
        if (!errors.isEmpty()) {
            throw ProblemException.badInput(errors);
        }
        String username = AccountRules.normalizeUsername(r.username());
        if (exists(username)) {
            throw taken(username);
        }
        Account a = new Account();
        a.username = username;
        a.passwordHash = BcryptUtil.bcryptHash(r.password());
        a.name = AccountRules.normalizeText(r.name());
        a.email = AccountRules.normalizeText(r.email());
        a.createdAt = clock.instant();
        a.emailVerifiedAt = options.verified() ? a.createdAt : null;
        a.mustChangePassword = options.mustChangePassword();
        a.roles.add(Roles.REQUESTER);
        a.roles.addAll(extraRoles);
        try {
            em.persist(a);
            em.flush();
        } catch (ConstraintViolationException e) {
            // Lost a race with another registration of the same name.
            throw taken(username);
        }
        Log.infof("account %s created with roles %s", username, AccountView.ordered(a.roles));
        return AccountView.of(a);
    }

    private static List<FieldError> rules(Registration r, boolean strength) {
        return new ArrayList<>(
                AccountRules.check(
                        AccountRules.normalizeUsername(r.username()),
                        AccountRules.normalizeText(r.name()),
                        AccountRules.normalizeText(r.email()),
                        r.password(),
                        strength));
    }

    // --- email verification ----------------------------------------------------------------

    /**
     * Mails a new verification link to a signed-in account's address (the older link stops
     * working). At most {@code max-per-account} mails per window.
     *
     * @throws ProblemException 409 when the address is verified already, 429 when too many mails
     *     were sent lately
     */
    @Transactional
    public void resendVerification(String username, String address) {
        Account a = require(username);
        if (a.emailVerifiedAt != null) {
            throw ProblemException.conflict("Your address " + a.email + " is verified already");
        }
        sendVerification(a, address, true);
    }

    private void sendVerification(Account a, String address, boolean limited) {
        Throttle.Limit perAccount = mailLimit(config.mail().maxPerAccount());
        String subject = Throttle.account(a.username);
        if (limited) {
            throttle.blockedFor(Throttle.Kind.VERIFICATION_MAIL, perAccount, subject)
                    .ifPresent(
                            wait -> {
                                throw tooMany(
                                        "We mailed you several links lately: try again in "
                                                + SignInThrottledException.describe(wait),
                                        wait);
                            });
        }
        throttle.record(Throttle.Kind.VERIFICATION_MAIL, perAccount, subject);
        Duration ttl = config.mail().verifyLinkTtl();
        String token = links.create(MailLinks.Purpose.VERIFY_EMAIL, a.id, a.email, ttl);
        mails.verification(a.email, a.name, token, describe(ttl));
    }

    /** The address a verification link would verify, if the link is still good. */
    public Optional<String> verificationFor(String token) {
        return links.peek(MailLinks.Purpose.VERIFY_EMAIL, token).map(MailLinks.Link::email);
    }

    /**
     * Verifies the address the link was mailed to; the link is used up.
     *
     * @return the account's username
     * @throws ProblemException 410 when the link is unknown, used, expired, or was mailed to an
     *     address the account no longer has
     */
    @Transactional
    public String verifyEmail(String token, String address) {
        MailLinks.Link link =
                links.use(MailLinks.Purpose.VERIFY_EMAIL, token).orElseThrow(AccountService::gone);
        Account a = em.find(Account.class, link.accountId());
        if (a == null || !a.email.equalsIgnoreCase(link.email())) {
            throw gone();
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

    // --- passwords --------------------------------------------------------------------------

    /**
     * Changes a signed-in account's password after checking the current one; every other session of
     * the account ends (the current one, if any, stays).
     *
     * @param keepSession the session making the change, or null (API)
     * @throws ProblemException 400 for a wrong current password or a weak new one
     */
    @Transactional
    public void changePassword(
            String username, String current, String next, Long keepSession, String address) {
        Account a = require(username);
        if (current == null || !BcryptUtil.matches(current, a.passwordHash)) {
            throw ProblemException.badInput("currentPassword", "is not your current password");
        }
        if (current.equals(next)) {
            throw ProblemException.badInput("newPassword", "must differ from the current password");
        }
        setPassword(a, next, "newPassword");
        int ended = sessions.endAll(a.id, keepSession);
        audit.record(
                AuditLog.Kind.PASSWORD_CHANGED,
                a.username,
                a.username,
                address,
                Map.of("sessionsEnded", ended));
    }

    private void setPassword(Account a, String password, String field) {
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

    /**
     * Mails a reset link to the account named by username or address, if there is one; says nothing
     * either way. Limited per account and per client address; over a limit nothing is sent, and the
     * answer is the same.
     */
    @Transactional
    public void requestPasswordReset(String usernameOrEmail, String address) {
        String key = usernameOrEmail == null ? "" : usernameOrEmail.strip();
        if (key.isEmpty() || key.length() > AccountRules.EMAIL_MAX) {
            throw ProblemException.badInput("account", "give your username or your email address");
        }
        Throttle.Limit perAddress = mailLimit(config.mail().maxPerAddress());
        Throttle.Limit perAccount = mailLimit(config.mail().maxPerAccount());
        if (throttle.blockedFor(Throttle.Kind.RESET_MAIL, perAddress, Throttle.address(address))
                .isPresent()) {
            Log.infof("password reset from %s not sent: too many from that address", address);
            return;
        }
        throttle.record(Throttle.Kind.RESET_MAIL, perAddress, Throttle.address(address));
        Optional<Account> found =
                key.contains("@")
                        ? em.createQuery(
                                        "select a from Account a where lower(a.email) = :e"
                                                + " order by a.id",
                                        Account.class)
                                .setParameter("e", key.toLowerCase(java.util.Locale.ROOT))
                                .setMaxResults(1)
                                .getResultStream()
                                .findFirst()
                        : entity(key);
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
        mails.reset(a.email, a.name, token, describe(ttl));
    }

    /** Whether a reset link is still good (the page shows the form, or says it is not). */
    public boolean resetLinkIsGood(String token) {
        return links.peek(MailLinks.Purpose.RESET_PASSWORD, token).isPresent();
    }

    /**
     * Sets a new password through a reset link, which is used up; every session of the account
     * ends. Following the link proves the address, so it is verified too.
     *
     * @return the account's username
     * @throws ProblemException 400 for a weak password (the link stays good), 410 for a link that
     *     is unknown, used or expired
     */
    @Transactional
    public String resetPassword(String token, String password, String address) {
        MailLinks.Link peeked =
                links.peek(MailLinks.Purpose.RESET_PASSWORD, token)
                        .orElseThrow(AccountService::gone);
        Account a = em.find(Account.class, peeked.accountId());
        if (a == null) {
            throw gone();
        }
        String problem =
                AccountRules.passwordProblem(
                        a.username, password, List.of(a.username, a.name, a.email));
        if (problem != null) {
            throw ProblemException.badInput("password", problem);
        }
        links.use(MailLinks.Purpose.RESET_PASSWORD, token).orElseThrow(AccountService::gone);
        setPassword(a, password, "password");
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

    /** The account with this username (ignoring case), if there is one. */
    public Optional<AccountView> find(String username) {
        return entity(username).map(AccountView::of);
    }

    /** Every account, by username. */
    public List<AccountView> list() {
        return em
                .createQuery(
                        "select distinct a from Account a left join fetch a.roles"
                                + " order by a.username",
                        Account.class)
                .getResultList()
                .stream()
                .map(AccountView::of)
                .toList();
    }

    /** The accounts holding a role, by username (for example to notify every expert). */
    public List<AccountView> listWithRole(String role) {
        requireKnown(role);
        return em
                .createQuery(
                        "select distinct a from Account a left join fetch a.roles"
                                + " where :role member of a.roles order by a.username",
                        Account.class)
                .setParameter("role", role)
                .getResultList()
                .stream()
                .map(AccountView::of)
                .toList();
    }

    /** How many accounts hold a role (the IESG ballot counts the holders of "iesg"). */
    public long countWithRole(String role) {
        requireKnown(role);
        return em.createQuery(
                        "select count(a) from Account a where :role member of a.roles", Long.class)
                .setParameter("role", role)
                .getSingleResult();
    }

    /** As {@link #setRoles(String, String, Collection, String)}, made by the system. */
    @Transactional
    public AccountView setRoles(String username, Collection<String> roles) {
        return setRoles(null, username, roles, null);
    }

    /**
     * Replaces the roles an account holds besides "requester", which every account keeps: {@code
     * ["iesg"]} makes the account requester + iesg, {@code []} leaves requester only. "requester"
     * may be listed and changes nothing. A change is an audit event naming {@code actor}, and ends
     * the account's sessions (its own current one, when an operator changes their own roles,
     * stays).
     *
     * @param actor the operator making the change (null: the system)
     * @throws ProblemException 400 for a missing list or an unknown role, 404 for an unknown
     *     account, 409 when the change would leave no account holding "iana"
     */
    @Transactional
    public AccountView setRoles(
            String actor, String username, Collection<String> roles, String address) {
        return setRoles(actor, null, username, roles, address);
    }

    /** As above; {@code actorSession} is kept when the actor changes their own roles. */
    @Transactional
    public AccountView setRoles(
            String actor,
            Long actorSession,
            String username,
            Collection<String> roles,
            String address) {
        Set<String> wanted = grantable(roles);
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, ROLE_CHANGE_LOCK)
                .getSingleResult();
        Account a =
                entity(username)
                        .orElseThrow(
                                () ->
                                        ProblemException.notFound(
                                                "There is no account named '" + username + "'"));
        if (a.roles.contains(Roles.IANA)
                && !wanted.contains(Roles.IANA)
                && countWithRole(Roles.IANA) <= 1) {
            throw ProblemException.conflict(
                    a.username
                            + " is the only account holding the iana role; grant it to someone"
                            + " else first, or nobody could manage accounts");
        }
        Set<String> before = new LinkedHashSet<>(a.roles);
        a.roles.clear();
        a.roles.add(Roles.REQUESTER);
        a.roles.addAll(wanted);
        if (!before.equals(a.roles)) {
            int ended = sessions.endAll(a.id, a.username.equals(actor) ? actorSession : null);
            tokens.forget(a.id);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("before", AccountView.ordered(before));
            detail.put("after", AccountView.ordered(a.roles));
            detail.put("sessionsEnded", ended);
            audit.record(
                    AuditLog.Kind.ROLES_CHANGED,
                    actor == null ? "system" : actor,
                    a.username,
                    address,
                    detail);
        }
        return AccountView.of(a);
    }

    private static Set<String> grantable(Collection<String> roles) {
        if (roles == null) {
            throw ProblemException.badInput(
                    "roles", "is required: a JSON list of roles such as [\"iesg\"]");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> wanted = new LinkedHashSet<>();
        int i = 0;
        for (String role : roles) {
            if (!Roles.isKnown(role)) {
                errors.add(
                        new FieldError(
                                "roles[" + i + "]",
                                "unknown role '"
                                        + role
                                        + "'; known roles are "
                                        + String.join(", ", Roles.GRANTABLE)
                                        + " (requester is always kept)"));
            } else if (!Roles.REQUESTER.equals(role)) {
                wanted.add(role);
            }
            i++;
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badInput(errors);
        }
        return wanted;
    }

    /** The account entity, or 404. */
    Account require(String username) {
        return entity(username)
                .orElseThrow(
                        () ->
                                ProblemException.notFound(
                                        "There is no account named '" + username + "'"));
    }

    Optional<Account> entity(String username) {
        String u = AccountRules.normalizeUsername(username);
        if (u.isEmpty()) {
            return Optional.empty();
        }
        return em.createQuery("select a from Account a where a.username = :u", Account.class)
                .setParameter("u", u)
                .getResultStream()
                .findFirst();
    }

    private boolean exists(String username) {
        return em.createQuery(
                                "select count(a) from Account a where lower(a.username) = :u",
                                Long.class)
                        .setParameter("u", username)
                        .getSingleResult()
                > 0;
    }

    private static ProblemException taken(String username) {
        return new ProblemException(
                409,
                "Conflict",
                "The username '" + username + "' is taken",
                List.of(new FieldError("username", "is taken")));
    }

    private Throttle.Limit mailLimit(int max) {
        return new Throttle.Limit(max, config.mail().window());
    }

    static ProblemException tooMany(String detail, Duration wait) {
        return new TooManyRequests(detail, wait);
    }

    private static ProblemException gone() {
        return new ProblemException(
                410,
                "Gone",
                "This link is not good any more: it was used already, it expired, or a newer one"
                        + " was mailed. Ask for a new one.",
                List.of());
    }

    private static String describe(Duration d) {
        long h = d.toHours();
        return h >= 1 ? h + (h == 1 ? " hour" : " hours") : d.toMinutes() + " minutes";
    }

    private static void requireKnown(String role) {
        if (!Roles.isKnown(role)) {
            throw new IllegalArgumentException("unknown role " + role);
        }
    }
}
