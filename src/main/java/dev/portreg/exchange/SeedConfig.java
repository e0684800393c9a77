package dev.portreg.exchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where an empty registry seeds itself from ({@code portreg.registry.*}): the configured sources,
 * else IANA's URL, else the copy of IANA's XML bundled in the app (see {@link RegistrySeeder}).
 */
@ConfigMapping(prefix = "portreg.registry")
public interface SeedConfig {

    /** IANA's own XML, where the registry is published. */
    String IANA_URL =
            "https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xml";

    /**
     * File paths or http(s) URLs tried first, in order (/etc/services only when listed here);
     * "none" disables seeding altogether.
     */
    Optional<List<String>> seed();

    /** IANA's URL, tried after the configured sources; "none" skips it. */
    @WithDefault(IANA_URL)
    String seedUrl();

    /** Connect and request timeout for a URL: short, so an offline start is not held up. */
    Duration seedTimeout();
}
