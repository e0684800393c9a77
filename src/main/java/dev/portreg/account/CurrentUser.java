package dev.portreg.account;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Optional;

/**
 * Who is making this request, for services and templates ({@code {inject:currentUser.name}}, {@code
 * {#if inject:currentUser.has('iana')}}). Username and roles come from the security identity, which
 * costs nothing more; name and email are read from the database once, and only when a caller asks
 * for them.
 */
@RequestScoped
@Named("currentUser")
public class CurrentUser {

    private final SecurityIdentity identity;
    private final AccountService accounts;
    private Optional<AccountView> account;
    private Account entity;

    CurrentUser(SecurityIdentity identity, AccountService accounts) {
        this.identity = identity;
        this.accounts = accounts;
    }

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** The username, or null when anonymous. */
    public String username() {
        return isAuthenticated() ? identity.getPrincipal().getName() : null;
    }

    /** The display name, or null when anonymous. */
    public String name() {
        return account().map(AccountView::name).orElse(null);
    }

    public String email() {
        return account().map(AccountView::email).orElse(null);
    }

    /** Whether the account's address is verified (false when anonymous). */
    public boolean emailVerified() {
        return account().map(AccountView::emailVerified).orElse(false);
    }

    /** Whether this request signed in with a personal API token. */
    public boolean viaToken() {
        return isAuthenticated() && Identities.via(identity) == Identities.Via.TOKEN;
    }

    /** The roles held, in {@link Roles#ALL} order; empty when anonymous. */
    public List<String> roles() {
        return isAuthenticated() ? AccountView.ordered(identity.getRoles()) : List.of();
    }

    public boolean has(String role) {
        return isAuthenticated() && identity.hasRole(role);
    }

    /**
     * The signed-in account itself, for the services that act on its behalf (read once per
     * request); 401 when nobody is signed in. The one way features find who is acting.
     */
    public Account signedIn() {
        if (entity == null) {
            if (!isAuthenticated()) {
                throw new UnauthorizedException();
            }
            entity = Account.find("username", username()).firstResult();
            if (entity == null) {
                throw new UnauthorizedException();
            }
        }
        return entity;
    }

    /** The whole account, read once per request. */
    public Optional<AccountView> account() {
        if (account == null) {
            account = isAuthenticated() ? accounts.find(username()) : Optional.empty();
        }
        return account;
    }
}
