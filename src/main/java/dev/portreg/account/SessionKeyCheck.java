package dev.portreg.account;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Says at start, in words an operator can act on, that sessions will not survive a restart nor work
 * across instances when no session key is configured. Quarkus then makes a random key, so this is
 * an availability problem, not a hole: the app still starts (the benchmarks and a bare "java -jar"
 * need it to).
 */
@ApplicationScoped
class SessionKeyCheck {

    private final Optional<String> key;

    SessionKeyCheck(
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key")
                    Optional<String> key) {
        this.key = key;
    }

    void onStart(@Observes StartupEvent event) {
        if (key.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            Log.warn(
                    "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY is not set: everyone is signed out"
                            + " at each restart and sessions do not work across instances. Set it"
                            + " to a secret of at least 16 characters, the same on every instance.");
        } else if (key.isPresent() && key.get().length() < 16) {
            Log.error(
                    "quarkus.http.auth.session.encryption-key is shorter than 16 characters: use a"
                            + " longer secret");
        }
    }
}
