package dev.portreg.account;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.util.Collection;

/**
 * The security identity of a signed-in account, however it signed in. Attributes say how (so a
 * token cannot make another token) and whether the password must be changed first.
 */
final class Identities {

    static final String ACCOUNT_ID = "portreg.account-id";
    static final String MUST_CHANGE_PASSWORD = "portreg.must-change-password";
    static final String VIA = "portreg.via";
    static final String SESSION_ID = "portreg.session-id";
    static final String TOKEN_ID = "portreg.token-id";

    /** How an identity signed in. */
    enum Via {
        PASSWORD,
        SESSION,
        TOKEN
    }

    private Identities() {}

    static QuarkusSecurityIdentity.Builder builder(
            long accountId,
            String username,
            Collection<String> roles,
            boolean mustChangePassword,
            Via via) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(username))
                .addRoles(java.util.Set.copyOf(roles))
                .addAttribute(ACCOUNT_ID, accountId)
                .addAttribute(MUST_CHANGE_PASSWORD, mustChangePassword)
                .addAttribute(VIA, via);
    }

    static Via via(SecurityIdentity identity) {
        Object v = identity.getAttribute(VIA);
        return v instanceof Via via ? via : null;
    }

    static boolean mustChangePassword(SecurityIdentity identity) {
        return Boolean.TRUE.equals(identity.getAttribute(MUST_CHANGE_PASSWORD));
    }

    static Long sessionId(SecurityIdentity identity) {
        Object v = identity.getAttribute(SESSION_ID);
        return v instanceof Long l ? l : null;
    }
}
