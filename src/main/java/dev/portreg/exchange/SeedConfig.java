package dev.portreg.exchange;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;
import java.util.List;

/** Where an empty registry seeds itself from ({@code portreg.registry.*}). */
@ConfigMapping(prefix = "portreg.registry")
public interface SeedConfig {

    /** File paths or http(s) URLs, tried in order; "none" disables seeding. */
    List<String> seed();

    /** Connect and request timeout for a URL. */
    Duration seedTimeout();
}
