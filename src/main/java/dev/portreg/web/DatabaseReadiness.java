package dev.portreg.web;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness (/q/health/ready) is DOWN until the schema is migrated and start-up work on the
 * database is done. Whether the database answers now is Quarkus' own datasource check beside this
 * one ("Database connections health check"), bounded by the pool's acquisition timeout. Liveness
 * does not depend on the database: an instance waiting for it is alive and must not be restarted.
 */
@Readiness
@ApplicationScoped
class DatabaseReadiness implements HealthCheck {

    static final String NAME = "Registry database migrated and loaded";

    private final DatabaseStatus status;

    DatabaseReadiness(DatabaseStatus status) {
        this.status = status;
    }

    @Override
    public HealthCheckResponse call() {
        return status.ready()
                ? HealthCheckResponse.up(NAME)
                : HealthCheckResponse.named(NAME)
                        .down()
                        .withData("waiting", "for PostgreSQL: start-up work has not run yet")
                        .build();
    }
}
