package dev.portreg.account;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * An account as the API, the pages and other features see it: never the password hash.
 *
 * @param roles in {@link Roles#ALL} order, always including "requester"
 * @param emailVerified whether the owner followed the link mailed to {@code email}
 */
public record AccountView(
        String username,
        String name,
        String email,
        boolean emailVerified,
        List<String> roles,
        Instant createdAt) {

    static AccountView of(Account a) {
        return new AccountView(
                a.username,
                a.name,
                a.email,
                a.emailVerifiedAt != null,
                ordered(a.roles),
                a.createdAt);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    static List<String> ordered(Collection<String> roles) {
        return Roles.ALL.stream().filter(roles::contains).toList();
    }
}
