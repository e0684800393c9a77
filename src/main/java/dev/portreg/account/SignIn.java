package dev.portreg.account;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Map;

/**
 * Checks a username and password, for the sign-in form and HTTP Basic alike, under the limits of
 * {@code portreg.security.sign-in}: after {@code max-failures} failures within {@code window} for
 * an account, or from a client address, every further attempt (right or wrong) answers 429 until
 * the oldest failure leaves the window; a success resets both counts. Every failure and every
 * lock-out is an audit event. The password is never logged.
 */
@ApplicationScoped
public class SignIn {

    /** Compared against when the account does not exist, so both cases cost one BCrypt check. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash("no such account: dummy");

    private final EntityManager em;
    private final Throttle throttle;
    private final AuditLog audit;
    private final Throttle.Limit limit;

    SignIn(EntityManager em, Throttle throttle, AuditLog audit, SecurityConfig config) {
        this.em = em;
        this.throttle = throttle;
        this.audit = audit;
        this.limit = new Throttle.Limit(config.signIn().maxFailures(), config.signIn().window());
    }

    /**
     * The identity of the account, if the password is its own.
     *
     * @throws SignInThrottledException when the account or the address is over the limit
     * @throws AuthenticationFailedException for an unknown account or a wrong password
     */
    public SecurityIdentity verify(String username, String password, String address) {
        String u = AccountRules.normalizeUsername(username);
        String who = u.isEmpty() ? "(empty)" : u.length() > 64 ? u.substring(0, 64) : u;
        String[] subjects = {Throttle.account(who), Throttle.address(address)};
        var blocked = throttle.blockedFor(Throttle.Kind.SIGN_IN_FAILURE, limit, subjects);
        if (blocked.isPresent()) {
            throw new SignInThrottledException(blocked.get());
        }
        Account a = password == null || password.isEmpty() ? null : find(u);
        boolean ok =
                BcryptUtil.matches(
                        password == null ? "" : password, a == null ? DUMMY_HASH : a.passwordHash);
        if (a == null || !ok) {
            throttle.record(Throttle.Kind.SIGN_IN_FAILURE, limit, subjects);
            audit.record(
                    AuditLog.Kind.SIGN_IN_FAILED,
                    null,
                    who,
                    address,
                    Map.of("reason", a == null ? "unknown account" : "wrong password"));
            for (String s : subjects) {
                if (throttle.count(Throttle.Kind.SIGN_IN_FAILURE, limit, s) == limit.max()) {
                    audit.record(
                            AuditLog.Kind.LOCKED_OUT,
                            null,
                            who,
                            address,
                            Map.of(
                                    "by",
                                    s.substring(0, s.indexOf(':')),
                                    "failures",
                                    limit.max(),
                                    "window",
                                    limit.window().toString()));
                }
            }
            throw new AuthenticationFailedException("wrong username or password");
        }
        if (throttle.any(Throttle.Kind.SIGN_IN_FAILURE, limit, subjects)) {
            throttle.clear(Throttle.Kind.SIGN_IN_FAILURE, subjects);
        }
        return Identities.builder(
                        a.id, a.username, a.roles, a.mustChangePassword, Identities.Via.PASSWORD)
                .build();
    }

    private Account find(String username) {
        if (AccountRules.usernameProblem(username) != null) {
            return null;
        }
        return QuarkusTransaction.joiningExisting()
                .call(
                        () ->
                                em.createQuery(
                                                "select a from Account a left join fetch a.roles"
                                                        + " where a.username = :u",
                                                Account.class)
                                        .setParameter("u", username)
                                        .getResultStream()
                                        .findFirst()
                                        .map(
                                                acc -> {
                                                    em.detach(acc);
                                                    return acc;
                                                })
                                        .orElse(null));
    }
}
