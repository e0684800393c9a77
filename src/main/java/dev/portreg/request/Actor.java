package dev.portreg.request;

import dev.portreg.account.Account;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The signed-in account acting on requests in this HTTP request, read once. */
@RequestScoped
public class Actor {

    private final SecurityIdentity identity;
    private Account account;

    Actor(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The account, or 401 when nobody is signed in. */
    public Account account() {
        if (account == null) {
            if (identity.isAnonymous()) {
                throw new UnauthorizedException();
            }
            account = Account.find("username", identity.getPrincipal().getName()).firstResult();
            if (account == null) {
                throw new UnauthorizedException();
            }
        }
        return account;
    }
}
