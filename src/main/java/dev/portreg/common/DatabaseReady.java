package dev.portreg.common;

import java.time.Instant;

/**
 * CDI event, fired once per run of the application when PostgreSQL is reachable and its schema is
 * migrated: at start-up when the database is there, else as soon as it comes. What needs the
 * database to start (seeding the registry, loading its snapshot, the first accounts, a listener on
 * the database) observes this instead of {@code StartupEvent}:
 *
 * <pre>{@code void onReady(@Observes DatabaseReady ready) { ... }}</pre>
 *
 * Observers run one after the other on the thread that fires it: the start-up thread when the
 * database is there at start (start-up waits for them, as it waited for {@code StartupEvent}), a
 * background thread otherwise. Readiness stays DOWN until they have all returned.
 *
 * @param at when the database became ready
 * @param afterWaiting whether start-up had to wait for the database (it was down at start)
 */
public record DatabaseReady(Instant at, boolean afterWaiting) {}
