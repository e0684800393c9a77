package dev.portreg.web;

import dev.portreg.common.DatabaseReady;
import dev.portreg.common.DatabaseUnavailable;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Start-up work that needs PostgreSQL, done when PostgreSQL is there: migrate the schema (Flyway,
 * with a clean first in the test profile), then fire {@link DatabaseReady} once for what else needs
 * the database to start (seeding and loading the registry, the first accounts).
 *
 * <p>When the database is there at start, all of it runs before the application serves, as Quarkus'
 * own migrate-at-start did. When it cannot be reached, the application starts anyway: readiness is
 * DOWN, what needs the database answers 503, and this retries every {@code
 * portreg.db.startup-retry-interval} in the background until it works. Any other failure (a broken
 * migration, a wrong password) stops the start, as before.
 */
@ApplicationScoped
class DatabaseStartup {

    private final Flyway flyway;
    private final Event<DatabaseReady> ready;
    private final DatabaseStatus status;
    private final Clock clock;
    private final boolean cleanAtStart;
    private final Duration retryInterval;
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(
                    r -> {
                        Thread t = new Thread(r, "portreg-database-startup");
                        t.setDaemon(true);
                        return t;
                    });
    private int attempts;

    DatabaseStartup(
            Flyway flyway,
            Event<DatabaseReady> ready,
            DatabaseStatus status,
            Clock clock,
            @ConfigProperty(name = "portreg.db.clean-at-start") boolean cleanAtStart,
            @ConfigProperty(name = "portreg.db.startup-retry-interval") Duration retryInterval) {
        this.flyway = flyway;
        this.ready = ready;
        this.status = status;
        this.clock = clock;
        this.cleanAtStart = cleanAtStart;
        this.retryInterval = retryInterval;
    }

    /** Before every other start-up observer, so they find the schema migrated. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!attempt(false)) {
            schedule();
        }
    }

    @PreDestroy
    void stop() {
        retries.shutdownNow();
    }

    private void schedule() {
        retries.schedule(this::retry, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void retry() {
        try {
            if (!attempt(true)) {
                schedule();
            }
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "start-up work on the database failed after %d attempts; the instance stays"
                            + " not ready: fix the cause and restart it",
                    attempts);
        }
    }

    /**
     * Migrates and fires {@link DatabaseReady}.
     *
     * @return true when done; false when the database could not be reached (try again later)
     * @throws RuntimeException any other failure
     */
    private synchronized boolean attempt(boolean waited) {
        attempts++;
        try {
            if (cleanAtStart) {
                flyway.clean();
            }
            flyway.migrate();
        } catch (RuntimeException e) {
            return unreachable(e);
        }
        ManagedContext request = Arc.container().requestContext();
        boolean activated = !request.isActive();
        if (activated) {
            request.activate();
        }
        try {
            ready.fire(new DatabaseReady(clock.instant(), waited));
        } catch (RuntimeException e) {
            // The database went away again while the observers worked: they run again once it
            // is back (each of them checks what is already there).
            return unreachable(e);
        } finally {
            if (activated) {
                request.terminate();
            }
        }
        status.markReady();
        if (waited) {
            Log.infof(
                    "PostgreSQL is reachable after %d attempts: schema migrated, start-up done,"
                            + " ready",
                    attempts);
        }
        return true;
    }

    private boolean unreachable(RuntimeException e) {
        if (!DatabaseUnavailable.is(e)) {
            throw e;
        }
        if (attempts == 1) {
            Log.warnf(
                    "PostgreSQL cannot be reached at start (%s): serving without it (readiness"
                            + " DOWN, 503 for what needs it) and trying again every %s",
                    DatabaseUnavailable.reason(e), retryInterval);
        } else {
            Log.debugf(
                    "PostgreSQL still unreachable (attempt %d): %s",
                    attempts, DatabaseUnavailable.reason(e));
        }
        return false;
    }
}
