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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accounts and their roles: registration (with a mailed link that verifies the address), role
 * changes (audited with the operator who made them; they end the account's sessions), and the
 * look-ups the request workflow needs (who holds a role, how many hold it). The API and the pages
 * call the same methods.
 *
 * <p>This class registers and creates accounts; it answers the rest from the account feature's
 * services, one per concern: {@link AccountDirectory} (look-ups), {@link EmailVerification}, {@link
 * Passwords} and {@link RoleChanges}.
 */
@ApplicationScoped
public class AccountService {

    /** How an account is created besides its fields. */
    record Options(boolean verified, boolean mustChangePassword, boolean checkStrength) {
        /** Self-registration: unverified, strength checked. */
        static final Options SELF = new Options(false, false, true);
    }

    private final EntityManager em;
    private final Clock clock;
    private final AuditLog audit;
    private final Throttle throttle;
    private final SecurityConfig config;
    private final AccountDirectory directory;
    private final EmailVerification verification;
    private final Passwords passwords;
    private final RoleChanges roleChanges;

    AccountService(
            EntityManager em,
            Clock clock,
            AuditLog audit,
            Throttle throttle,
            SecurityConfig config,
            AccountDirectory directory,
            EmailVerification verification,
            Passwords passwords,
            RoleChanges roleChanges) {
        this.em = em;
        this.clock = clock;
        this.audit = audit;
        this.throttle = throttle;
        this.config = config;
        this.directory = directory;
        this.verification = verification;
        this.passwords = passwords;
        this.roleChanges = roleChanges;
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
        Throttle.Limit perAddress = LinkMail.limit(config, config.mail().maxPerAddress());
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
        Account a = directory.entity(created.username()).orElseThrow();
        if (!ClientAddress.UNKNOWN.equals(address)) {
            throttle.record(Throttle.Kind.REGISTRATION, perAddress, Throttle.address(address));
        }
        audit.record(AuditLog.Kind.REGISTERED, a.username, a.username, address, null);
        verification.send(a, address, false);
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
        if (directory.exists(username)) {
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

    // --- email verification (EmailVerification) ---

    /**
     * Mails a new verification link to a signed-in account's address (the older link stops
     * working). At most {@code max-per-account} mails per window.
     *
     * @throws ProblemException 409 when the address is verified already, 429 when too many mails
     *     were sent lately
     */
    @Transactional
    public void resendVerification(String username, String address) {
        verification.resend(username, address);
    }

    /** The address a verification link would verify, if the link is still good. */
    public Optional<String> verificationFor(String token) {
        return verification.verificationFor(token);
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
        return verification.verify(token, address);
    }

    // --- passwords (Passwords) ---

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
        passwords.change(username, current, next, keepSession, address);
    }

    /**
     * Mails a reset link to the account named by username or address, if there is one; says nothing
     * either way. Limited per account and per client address; over a limit nothing is sent, and the
     * answer is the same.
     */
    @Transactional
    public void requestPasswordReset(String usernameOrEmail, String address) {
        passwords.requestReset(usernameOrEmail, address);
    }

    /** Whether a reset link is still good (the page shows the form, or says it is not). */
    public boolean resetLinkIsGood(String token) {
        return passwords.resetLinkIsGood(token);
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
        return passwords.reset(token, password, address);
    }

    // --- look-ups (AccountDirectory) ---

    /** The account with this username (ignoring case), if there is one. */
    public Optional<AccountView> find(String username) {
        return directory.find(username);
    }

    /** Every account, by username. */
    public List<AccountView> list() {
        return directory.list();
    }

    /** The accounts holding a role, by username (for example to notify every expert). */
    public List<AccountView> listWithRole(String role) {
        return directory.listWithRole(role);
    }

    /** How many accounts hold a role (the IESG ballot counts the holders of "iesg"). */
    public long countWithRole(String role) {
        return directory.countWithRole(role);
    }

    /** The account entity, or 404. */
    Account require(String username) {
        return directory.require(username);
    }

    Optional<Account> entity(String username) {
        return directory.entity(username);
    }

    // --- roles (RoleChanges) ---

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
        return roleChanges.set(actor, actorSession, username, roles, address);
    }

    // --- answers --------------------------------------------------------------------------------

    private static ProblemException taken(String username) {
        return new ProblemException(
                409,
                "Conflict",
                "The username '" + username + "' is taken",
                List.of(new FieldError("username", "is taken")));
    }

    static ProblemException tooMany(String detail, Duration wait) {
        return new TooManyRequests(detail, wait);
    }
}
