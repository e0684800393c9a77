package dev.portreg.account;

import dev.portreg.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/**
 * The look-ups of accounts: by username, all of them, the holders of a role. {@link AccountService}
 * answers them for other features; the account feature's own services use them.
 */
@ApplicationScoped
class AccountDirectory {

    private final EntityManager em;

    AccountDirectory(EntityManager em) {
        this.em = em;
    }

    /** The account with this username (ignoring case), if there is one. */
    Optional<AccountView> find(String username) {
        return entity(username).map(AccountView::of);
    }

    /** Every account, by username. */
    List<AccountView> list() {
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

    /** The accounts holding a role, by username. */
    List<AccountView> listWithRole(String role) {
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

    /** How many accounts hold a role. */
    long countWithRole(String role) {
        requireKnown(role);
        return em.createQuery(
                        "select count(a) from Account a where :role member of a.roles", Long.class)
                .setParameter("role", role)
                .getSingleResult();
    }

    /** The account entity, or 404. */
    Account require(String username) {
        return entity(username)
                .orElseThrow(
                        () ->
                                ProblemException.notFound(
                                        "There is no account named '" + username + "'"));
    }

    /** The account entity with this username (normalized), if there is one. */
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

    /** The account entity with this address (ignoring case; the oldest), if there is one. */
    Optional<Account> byEmail(String email) {
        return em.createQuery(
                        "select a from Account a where lower(a.email) = :e order by a.id",
                        Account.class)
                .setParameter("e", email.toLowerCase(java.util.Locale.ROOT))
                .setMaxResults(1)
                .getResultStream()
                .findFirst();
    }

    /** Whether a username (normalized) is taken, ignoring case. */
    boolean exists(String username) {
        return em.createQuery(
                                "select count(a) from Account a where lower(a.username) = :u",
                                Long.class)
                        .setParameter("u", username)
                        .getSingleResult()
                > 0;
    }

    private static void requireKnown(String role) {
        if (!Roles.isKnown(role)) {
            throw new IllegalArgumentException("unknown role " + role);
        }
    }
}
