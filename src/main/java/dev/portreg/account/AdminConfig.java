package dev.portreg.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The first IANA operator (env PORTREG_ADMIN_USERNAME, PORTREG_ADMIN_PASSWORD), created at start
 * while no account holds the "iana" role. Nothing is created when either is unset.
 */
@ConfigMapping(prefix = "portreg.admin")
public interface AdminConfig {

    Optional<String> username();

    Optional<String> password();

    @WithDefault("IANA operator")
    String name();

    /** Where mail for the first operator goes. */
    @WithDefault("iana@localhost.invalid")
    String email();
}
