package dev.portreg.account;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Accounts and their roles: registration, role changes, and the look-ups the request workflow needs
 * (who holds a role, how many hold it). The API and the pages call the same methods.
 */
@ApplicationScoped
public class AccountService {

    /** Serializes role changes, so two operators cannot each remove the other's last "iana". */
    private static final long ROLE_CHANGE_LOCK = 0x706f72747265674cL;

    private final EntityManager em;

    AccountService(EntityManager em) {
        this.em = em;
    }

    /**
     * Every problem with a self-registration, in form order: empty when it may be created. Names
     * that look official ("iana", "admin", ...) are reserved for accounts an operator creates.
     */
    public List<FieldError> validate(Registration r) {
        List<FieldError> errors = rules(r);
        String username = AccountRules.normalizeUsername(r.username());
        if (AccountRules.isReserved(username)
                && errors.stream().noneMatch(e -> e.field().equals("username"))) {
            errors.add(0, new FieldError("username", "is reserved; choose another"));
        }
        return errors;
    }

    /**
     * Creates an account holding the "requester" role.
     *
     * @throws ProblemException 400 naming each bad field, 409 when the username is taken (ignoring
     *     case)
     */
    @Transactional
    public AccountView register(Registration r) {
        List<FieldError> errors = validate(r);
        if (!errors.isEmpty()) {
            throw ProblemException.badInput(errors);
        }
        return create(r, Set.of());
    }

    /** Creates an account with extra roles; the same rules as {@link #register} apply. */
    @Transactional
    AccountView create(Registration r, Set<String> extraRoles) {
        List<FieldError> errors = rules(r);
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
        a.createdAt = Instant.now();
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

    private static List<FieldError> rules(Registration r) {
        return new ArrayList<>(
                AccountRules.check(
                        AccountRules.normalizeUsername(r.username()),
                        AccountRules.normalizeText(r.name()),
                        AccountRules.normalizeText(r.email()),
                        r.password()));
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

    /**
     * Replaces the roles an account holds besides "requester", which every account keeps: {@code
     * ["iesg"]} makes the account requester + iesg, {@code []} leaves requester only. "requester"
     * may be listed and changes nothing.
     *
     * @throws ProblemException 400 for a missing list or an unknown role, 404 for an unknown
     *     account, 409 when the change would leave no account holding "iana"
     */
    @Transactional
    public AccountView setRoles(String username, Collection<String> roles) {
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
            Log.infof(
                    "account %s roles changed from %s to %s",
                    a.username, AccountView.ordered(before), AccountView.ordered(a.roles));
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

    private Optional<Account> entity(String username) {
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

    private static void requireKnown(String role) {
        if (!Roles.isKnown(role)) {
            throw new IllegalArgumentException("unknown role " + role);
        }
    }
}
