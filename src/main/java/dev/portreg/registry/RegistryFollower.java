package dev.portreg.registry;

import dev.portreg.common.DatabaseReady;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Keeps this instance's registry within a second of every other's: a connection of its own LISTENs
 * on the registry's channel, which {@link RegistryChanges} NOTIFYs with each new revision when it
 * commits; on every notification, on every reconnect (what was missed meanwhile) and on a slow poll
 * (a safety net), {@link Registry#catchUp()} applies what this instance has not seen.
 *
 * <p>The connection is not a pooled one (it waits for minutes on end); when it breaks — the
 * database went away — the follower reconnects with a growing pause, up to {@link #MAX_BACKOFF}.
 */
@ApplicationScoped
public class RegistryFollower {

    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Registry registry;
    private final String url;
    private final String user;
    private final Optional<String> password;
    private final String channel;
    private final Duration poll;
    private final boolean enabled;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile boolean listening;

    RegistryFollower(
            Registry registry,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "portreg.db.schema") String schema,
            @ConfigProperty(name = "portreg.follow.poll", defaultValue = "30S") Duration poll,
            @ConfigProperty(name = "portreg.follow.enabled", defaultValue = "true")
                    boolean enabled) {
        this.registry = registry;
        this.url = url;
        this.user = user;
        this.password = password;
        this.channel = RegistryChanges.channel(schema);
        this.poll = poll;
        this.enabled = enabled;
    }

    /** Starts following once the database is migrated (again after an outage at start: once). */
    synchronized void onStart(@Observes DatabaseReady event) {
        if (!enabled || running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "registry-follower");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** True while the LISTEN connection is up. */
    public boolean listening() {
        return listening;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, user, password.orElse(null))) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN \"" + channel + "\"");
                }
                listening = true;
                backoff = 100;
                catchUp();
                follow(c);
            } catch (SQLException e) {
                if (running) {
                    Log.debugf(
                            "registry follower: %s; reconnecting in %d ms",
                            e.getMessage(), backoff);
                }
            } finally {
                listening = false;
            }
            if (!pause(backoff)) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
        }
    }

    /** Waits for notifications, catching up on each and at least once per poll interval. */
    private void follow(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long nextPoll = System.nanoTime() + poll.toNanos();
        while (running) {
            int wait =
                    (int) Math.max(1, Math.min(1_000, (nextPoll - System.nanoTime()) / 1_000_000));
            PGNotification[] notes = pg.getNotifications(wait);
            if (notes != null && notes.length > 0) {
                catchUp();
            } else if (System.nanoTime() - nextPoll >= 0) {
                // A connection cut without a word would wait forever: prove it is alive.
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                catchUp();
                nextPoll = System.nanoTime() + poll.toNanos();
            }
        }
    }

    private void catchUp() {
        try {
            registry.catchUp();
        } catch (RuntimeException e) {
            Log.debugf("registry follower could not catch up: %s", e.getMessage());
        }
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
