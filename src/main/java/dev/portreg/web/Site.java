package dev.portreg.web;

import dev.portreg.registry.RegistryQueries;
import dev.portreg.registry.RegistryViews.SourceView;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * What the layout shows on every page, the error page included: templates reach it as {@code
 * inject:site}.
 */
@Named("site")
@ApplicationScoped
public class Site {

    private final RegistryQueries queries;

    Site(RegistryQueries queries) {
        this.queries = queries;
    }

    /** Whether Swagger UI is served (dev and test only: its page needs inline script). */
    public boolean swaggerUi() {
        return io.quarkus.runtime.LaunchMode.current() != io.quarkus.runtime.LaunchMode.NORMAL;
    }

    /**
     * Where the registry came from and its Last Updated date; null before the first import or when
     * the registry cannot be read, so an error page still renders when the database is down.
     */
    public SourceView registry() {
        try {
            return queries.source();
        } catch (RuntimeException e) {
            Log.debugf("layout: registry unavailable: %s", e.getMessage());
            return null;
        }
    }
}
