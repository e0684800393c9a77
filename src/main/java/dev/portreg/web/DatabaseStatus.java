package dev.portreg.web;

import dev.portreg.common.DatabaseUnavailable;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What this instance knows of its database: whether start-up work is done ({@link #ready()}: the
 * schema is migrated and the {@code DatabaseReady} observers have run) and whether something found
 * it unreachable a moment ago ({@link #recentlyUnavailable()}), so that parts of a page that can do
 * without it (the history box) do not each wait for a connection that will not come.
 *
 * <p>It also keeps the log readable during an outage: the first failure logs one warning, then at
 * most one line a minute says how many answers were 503 meanwhile; no stack traces.
 */
@ApplicationScoped
public class DatabaseStatus {

    /** How long after a failure parts that can do without the database do not try it. */
    static final Duration RECENT = Duration.ofSeconds(3);

    /** At most one warning per this interval while the database stays unreachable. */
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final Duration retryAfter;
    private volatile boolean ready;
    private volatile long lastFailure = Long.MIN_VALUE;
    private long lastWarning;
    private final AtomicLong quiet = new AtomicLong();

    DatabaseStatus(@ConfigProperty(name = "portreg.db.retry-after") Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /** Whether the schema is migrated and start-up work that needs the database is done. */
    public boolean ready() {
        return ready;
    }

    void markReady() {
        ready = true;
    }

    /** What a 503 tells clients in {@code Retry-After}, in whole seconds (at least 1). */
    public long retryAfterSeconds() {
        return Math.max(1, retryAfter.toSeconds());
    }

    /** Whether a failure to reach the database was noted in the last few seconds. */
    public boolean recentlyUnavailable() {
        long last = lastFailure;
        return last != Long.MIN_VALUE && System.nanoTime() - last < RECENT.toNanos();
    }

    /**
     * Notes that {@code where} could not reach the database because of {@code failure}: one warning
     * for the first of an outage, then a line a minute at most.
     */
    public void unavailable(Throwable failure, String where) {
        String reason = DatabaseUnavailable.reason(failure);
        if (reason == null) {
            reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        }
        long now = System.nanoTime();
        boolean warn;
        boolean fresh;
        long suppressed;
        synchronized (this) {
            long previous = lastFailure;
            lastFailure = now;
            // An outage is new when nothing failed for a while; its first failure always warns.
            fresh = previous == Long.MIN_VALUE || now - previous >= LOG_INTERVAL.toNanos();
            warn = fresh || now - lastWarning >= LOG_INTERVAL.toNanos();
            if (warn) {
                lastWarning = now;
                suppressed = quiet.getAndSet(0);
            } else {
                suppressed = quiet.incrementAndGet();
            }
        }
        if (!warn) {
            Log.debugf("database unavailable on %s: %s", where, reason);
        } else if (fresh) {
            Log.warnf(
                    "the database is unavailable (%s, on %s): answering 503 to what needs it"
                            + " until it is back",
                    reason, where);
        } else {
            Log.warnf(
                    "the database is still unavailable (%s, on %s): %d more answers needed it"
                            + " in the last minute",
                    reason, where, suppressed);
        }
    }
}
