package dev.portreg.account;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;

/**
 * Says at start, in words an operator can act on, when no secret key is configured: CSRF tokens are
 * then signed with a random key made at each start, so a form loaded before a restart, or on
 * another instance, is refused. An availability problem, not a hole (tokens are still signed), so
 * the app starts; sessions are in PostgreSQL and survive either way. Also loads the password
 * dictionaries, so the first registration does not wait for them.
 */
@ApplicationScoped
class SessionKeyCheck {

    void onStart(@Observes StartupEvent event) {
        ConfigValue key = ConfigProvider.getConfig().getConfigValue(RandomSecretKey.KEY);
        if (RandomSecretKey.NAME.equals(key.getSourceName())) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                Log.warn(
                        "PORTREG_SECURITY_SECRET_KEY is not set: CSRF tokens are signed with a"
                                + " random key made at this start, so forms loaded before a"
                                + " restart or on another instance are refused. Set it to a"
                                + " secret of at least 32 characters, the same on every instance.");
            }
        } else if (key.getValue() != null && key.getValue().length() < 32) {
            Log.error(
                    "portreg.security.secret-key is shorter than 32 characters: use a longer"
                            + " secret");
        }
        Thread warm = new Thread(PasswordStrength::warmUp, "password-dictionaries");
        warm.setDaemon(true);
        warm.start();
    }
}
