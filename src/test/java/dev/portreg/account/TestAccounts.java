package dev.portreg.account;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Builds accounts for tests: unique names, one known password, any roles; no mail is sent (the
 * address counts as verified unless asked otherwise). Other features' fixtures use it too.
 */
@ApplicationScoped
public class TestAccounts {

    public static final String PASSWORD = "Seven tidy walruses 42";

    private final AccountService accounts;

    TestAccounts(AccountService accounts) {
        this.accounts = accounts;
    }

    /** A fresh username no other test or run uses: "t-" and 12 hex digits. */
    public static String uniqueName() {
        return "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /**
     * The roles an account holds now, read in a transaction of its own: a @QuarkusTest method runs
     * in one request context, whose persistence context would answer from its cache.
     */
    List<String> rolesNow(String username) {
        return QuarkusTransaction.requiringNew()
                .call(() -> accounts.find(username).map(AccountView::roles).orElse(null));
    }

    /** Whether an account of that name exists now (see {@link #rolesNow}). */
    boolean existsNow(String username) {
        return rolesNow(username) != null;
    }

    /**
     * Creates an account holding requester and the given roles, its address verified; returns its
     * username.
     */
    public String create(String... roles) {
        String username = uniqueName();
        accounts.create(
                new Registration(username, PASSWORD, "Test " + username, username + "@example.org"),
                Set.of(roles),
                new AccountService.Options(true, false, true));
        return username;
    }

    /** Creates an account whose password an operator configured: it must change it first. */
    public String createMustChangePassword(String... roles) {
        String username = uniqueName();
        accounts.create(
                new Registration(username, PASSWORD, "Test " + username, username + "@example.org"),
                Set.of(roles),
                new AccountService.Options(true, true, true));
        return username;
    }

    /** Creates an account with this address, verified or not; returns its username. */
    public String createWithEmail(String email, boolean verified, String... roles) {
        String username = uniqueName();
        accounts.create(
                new Registration(username, PASSWORD, "Test " + username, email),
                Set.of(roles),
                new AccountService.Options(verified, false, true));
        return username;
    }

    /** Creates an account whose address is not verified yet. */
    public String createUnverified(String... roles) {
        String username = uniqueName();
        accounts.create(
                new Registration(username, PASSWORD, "Test " + username, username + "@example.org"),
                Set.of(roles));
        return username;
    }
}
