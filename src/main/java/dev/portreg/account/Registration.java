package dev.portreg.account;

/**
 * A request for a new account, from {@code POST /api/v1/accounts} or the {@code /register} page.
 * The password is clear text here and only here: the service hashes it and forgets it.
 */
public record Registration(String username, String password, String name, String email) {

    @Override
    public String toString() {
        return "Registration[username=" + username + ", name=" + name + ", email=" + email + "]";
    }
}
