package dev.portreg.account;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The well-known dev accounts ({@link DevAccounts}): seeded and listed on the login page only when
 * this is on (true in %dev only) and the app runs in dev mode, so they never exist elsewhere.
 */
@ConfigMapping(prefix = "portreg.dev-accounts")
public interface DevAccountsConfig {

    @WithDefault("false")
    boolean show();
}
