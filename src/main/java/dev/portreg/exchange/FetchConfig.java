package dev.portreg.exchange;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How far an import by URL may go ({@code portreg.import.*}); the defaults are documented in the
 * README and docs/security.md.
 */
@ConfigMapping(prefix = "portreg.import")
public interface FetchConfig {

    /** The whole fetch, redirects and body included, ends after this. */
    @WithDefault("60S")
    Duration deadline();

    /** Each connection attempt. */
    @WithDefault("10S")
    Duration connectTimeout();

    /** The most bytes a body may have (the upload limit too). */
    @WithDefault("33554432")
    long maxBytes();

    /** Redirects followed at most, each checked like the first address. */
    @WithDefault("5")
    int maxRedirects();

    /**
     * Host names an operator may fetch from although they resolve to a loopback, private,
     * link-local or otherwise internal address (an in-house mirror). Compared ignoring case, to the
     * host exactly as written in the URL.
     */
    Optional<List<String>> allowedHosts();
}
