package dev.portreg.account;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The last resort for {@code portreg.security.secret-key}: a random key made at start, below every
 * other source, so CSRF tokens are always signed. {@link SessionKeyCheck} warns when it is in use:
 * forms then fail across instances and restarts, so production sets its own key.
 */
public class RandomSecretKey implements ConfigSource {

    static final String KEY = "portreg.security.secret-key";
    static final String NAME = "random secret key (set PORTREG_SECURITY_SECRET_KEY)";

    private static final String VALUE = "random-" + Secrets.newToken();

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, VALUE);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? VALUE : null;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getOrdinal() {
        return 1;
    }
}
