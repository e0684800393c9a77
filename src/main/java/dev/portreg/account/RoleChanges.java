package dev.portreg.account;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Changing the roles an account holds: one change at a time (an advisory lock), never leaving no
 * account holding "iana", audited with the operator who made it; a change ends the account's
 * sessions and forgets its API tokens' cached checks. {@link AccountService#setRoles} answers for
 * the pages and the API.
 */
@ApplicationScoped
class RoleChanges {

    /** Serializes role changes, so two operators cannot each remove the other's last "iana". */
    private static final long ROLE_CHANGE_LOCK = 0x706f72747265674cL;

    private final EntityManager em;
    private final AuditLog audit;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final AccountDirectory directory;

    RoleChanges(
            EntityManager em,
            AuditLog audit,
            Sessions sessions,
            ApiTokens tokens,
            AccountDirectory directory) {
        this.em = em;
        this.audit = audit;
        this.sessions = sessions;
        this.tokens = tokens;
        this.directory = directory;
    }

    /** As {@link AccountService#setRoles(String, Long, String, Collection, String)}. */
    @Transactional
    AccountView set(
            String actor,
            Long actorSession,
            String username,
            Collection<String> roles,
            String address) {
        Set<String> wanted = grantable(roles);
        em.createNativeQuery("SELECT pg_advisory_xact_lock(?1)")
                .setParameter(1, ROLE_CHANGE_LOCK)
                .getSingleResult();
        Account a = directory.require(username);
        if (a.roles.contains(Roles.IANA)
                && !wanted.contains(Roles.IANA)
                && directory.countWithRole(Roles.IANA) <= 1) {
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

    /** The roles to hold besides "requester"; 400 naming each unknown one. */
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
}
