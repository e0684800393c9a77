package dev.portreg.account;

import dev.portreg.common.DatabaseReady;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Accounts that exist before anyone registers: in dev mode the well-known dev accounts, and
 * everywhere the first IANA operator from configuration, so a fresh installation can be managed
 * without touching the database. There are no default passwords outside dev mode.
 */
@ApplicationScoped
class AccountSeeds {

    /** What the operator bootstrap did, for the log and for tests. */
    enum Outcome {
        NOT_CONFIGURED,
        OPERATOR_EXISTS,
        CREATED,
        REFUSED
    }

    private final AccountService accounts;
    private final AdminConfig admin;
    private final DevAccountsConfig dev;

    AccountSeeds(AccountService accounts, AdminConfig admin, DevAccountsConfig dev) {
        this.accounts = accounts;
        this.admin = admin;
        this.dev = dev;
    }

    /** Once the database is there: at start-up, or when it comes after a start without it. */
    void onStart(@Observes DatabaseReady event) {
        if (DevAccounts.enabled(dev)) {
            seedDevAccounts();
        } else if (dev.show()) {
            Log.warnf(
                    "portreg.dev-accounts.show is set but the app runs in %s mode: dev accounts"
                            + " are neither created nor shown",
                    LaunchMode.current());
        }
        bootstrapOperator(admin.username(), admin.password());
    }

    private void seedDevAccounts() {
        for (DevAccounts.DevAccount d : DevAccounts.ALL) {
            if (accounts.find(d.username()).isEmpty()) {
                // Known passwords on purpose (dev mode only): verified, no strength estimate.
                accounts.create(
                        new Registration(d.username(), d.password(), d.name(), d.email()),
                        Set.of(d.role()),
                        new AccountService.Options(true, false, false));
            }
        }
        Log.infof(
                "dev accounts ready: %s",
                DevAccounts.ALL.stream()
                        .map(d -> d.username() + " (" + d.role() + ")")
                        .collect(Collectors.joining(", ")));
    }

    /**
     * Creates the configured operator with the "iana" role when no account holds it. An existing
     * account of that name is never promoted: whoever registered it chose its password.
     */
    Outcome bootstrapOperator(Optional<String> username, Optional<String> password) {
        return bootstrapOperator(username, password, accounts.countWithRole(Roles.IANA));
    }

    /** As above, given how many accounts hold "iana" now. */
    Outcome bootstrapOperator(
            Optional<String> username, Optional<String> password, long operators) {
        if (username.isEmpty() || password.isEmpty()) {
            if (operators == 0) {
                Log.warn(
                        "no account holds the iana role, so nobody can manage accounts: set"
                                + " PORTREG_ADMIN_USERNAME and PORTREG_ADMIN_PASSWORD to create"
                                + " the first operator at the next start");
            }
            return Outcome.NOT_CONFIGURED;
        }
        if (operators > 0) {
            return Outcome.OPERATOR_EXISTS;
        }
        String name = username.get();
        if (accounts.find(name).isPresent()) {
            Log.errorf(
                    "portreg.admin.username '%s' is an existing account without the iana role;"
                            + " it is not promoted (its password was not set by configuration)."
                            + " Choose another PORTREG_ADMIN_USERNAME. No operator was created.",
                    name);
            return Outcome.REFUSED;
        }
        try {
            // A configured password sits in an environment or a file: it must be changed at the
            // first sign-in. The address is the operator's configuration's, so it counts as
            // verified.
            accounts.create(
                    new Registration(name, password.get(), admin.name(), admin.email()),
                    Set.of(Roles.IANA),
                    new AccountService.Options(true, true, true));
        } catch (ProblemException e) {
            Log.errorf(
                    "the first operator from portreg.admin.* was not created: %s. Fix"
                            + " PORTREG_ADMIN_USERNAME / PORTREG_ADMIN_PASSWORD and restart.",
                    describe(e.errors()));
            return Outcome.REFUSED;
        }
        Log.infof("created the first operator '%s' (role iana) from portreg.admin.*", name);
        return Outcome.CREATED;
    }

    private static String describe(List<FieldError> errors) {
        return errors.stream()
                .map(e -> "admin " + e.field() + " " + e.message())
                .collect(Collectors.joining("; "));
    }
}
