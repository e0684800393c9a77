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
    private final DatabaseStatus database;

    Site(RegistryQueries queries, DatabaseStatus database) {
        this.queries = queries;
        this.database = database;
    }

    /** Whether Swagger UI is served (dev and test only: its page needs inline script). */
    public boolean swaggerUi() {
        return io.quarkus.runtime.LaunchMode.current() != io.quarkus.runtime.LaunchMode.NORMAL;
    }

    /**
     * Where the registry came from and its Last Updated date; null before the first import or when
     * the registry cannot be read, so an error page still renders when the database is down. Before
     * the registry was ever loaded, while the database is known to be down, it does not try (each
     * try would wait for a connection).
     */
    public SourceView registry() {
        if (waiting()) {
            return null;
        }
        try {
            return queries.source();
        } catch (RuntimeException e) {
            Log.debugf("layout: registry unavailable: %s", e.getMessage());
            return null;
        }
    }

    /** True while start-up waits for the database: the registry is not loaded yet. */
    public boolean waiting() {
        return !database.ready();
    }
}
