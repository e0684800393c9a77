package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link RegistrySnapshot}: the registry as of one revision of the change log.
 * Readers take {@link #snapshot()} once per request and see one consistent registry. The snapshot
 * follows the log: {@link #catchUp()} (after every commit on this instance, on every notification
 * from another, and on a slow poll) applies the change sets after its revision, one by one where
 * that is cheaper than a reload. Decisions take {@link #current()}, proven current against the
 * database.
 */
@ApplicationScoped
public class Registry {

    /** Above this many items to apply, or for an import, the registry is reloaded instead. */
    static final int MAX_DELTA_ITEMS = 2_000;

    /** Earlier registries kept for time travel, at most. */
    static final int PAST_KEPT = 4;

    private final RegistryStore store;
    private final AtomicReference<RegistrySnapshot> current = new AtomicReference<>();
    private final Map<Long, RegistrySnapshot> past =
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, RegistrySnapshot> eldest) {
                    return size() > PAST_KEPT;
                }
            };

    Registry(RegistryStore store) {
        this.store = store;
    }

    /** The registry as this instance knows it, loaded on first use. */
    public RegistrySnapshot snapshot() {
        RegistrySnapshot s = current.get();
        if (s == null) {
            synchronized (this) {
                s = current.get();
                if (s == null) {
                    s = reload();
                }
            }
        }
        return s;
    }

    /** True once a registry is in memory (reads can be answered without the database). */
    public boolean loaded() {
        return current.get() != null;
    }

    /** Re-reads the whole registry from the database and publishes it. */
    public synchronized RegistrySnapshot reload() {
        long start = System.nanoTime();
        RegistrySnapshot s = store.loadSnapshot();
        current.set(s);
        Log.debugf(
                "registry loaded at revision %d: %d entries in %d ms",
                s.revision(), s.entries().size(), (System.nanoTime() - start) / 1_000_000);
        return s;
    }

    /**
     * Brings the snapshot up to the database's newest revision and returns it: the registry proven
     * current, for decisions. One index probe when nothing changed.
     */
    public RegistrySnapshot current() {
        RegistrySnapshot s = snapshot();
        if (store.headRevision() == s.revision()) {
            return s;
        }
        return catchUp();
    }

    /**
     * Publishes the registry a change set committed on this instance made, unless this instance
     * already shows that revision or a later one.
     */
    synchronized void offer(RegistrySnapshot committed) {
        RegistrySnapshot s = current.get();
        if (s == null || s.revision() < committed.revision()) {
            current.set(committed);
            Log.debugf(
                    "registry at revision %d: its own change set", (Object) committed.revision());
        }
    }

    /** Applies the change sets this instance has not seen yet; returns the snapshot after. */
    public synchronized RegistrySnapshot catchUp() {
        RegistrySnapshot s = current.get();
        if (s == null) {
            return snapshot();
        }
        return publish(s, store.loadSince(s.revision(), MAX_DELTA_ITEMS), null);
    }

    /**
     * The registry at {@code head}, read on a writer's connection under the registry lock: the
     * snapshot when it is at that revision, else brought up to it on that connection.
     */
    synchronized RegistrySnapshot proven(Connection c, long head) throws SQLException {
        RegistrySnapshot s = snapshot();
        if (s.revision() == head) {
            return s;
        }
        return publish(s, store.loadSince(c, s.revision(), MAX_DELTA_ITEMS), c);
    }

    private RegistrySnapshot publish(RegistrySnapshot s, RegistryStore.Delta d, Connection c) {
        if (d.head().revision() <= s.revision()) {
            return s;
        }
        long start = System.nanoTime();
        RegistrySnapshot next;
        String how;
        if (d.upstream()) {
            try {
                next = c == null ? store.loadSnapshot() : store.loadSnapshot(c);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
            }
            how = "reloaded";
        } else {
            next =
                    s.with(
                            d.items(),
                            d.people(),
                            d.info(),
                            d.head().revision(),
                            d.head().changedAt());
            how = "applied " + d.items().size() + " items of " + d.changeSets() + " change sets";
        }
        current.set(next);
        Log.debugf(
                "registry at revision %d: %s in %d ms",
                (Object) next.revision(), how, (System.nanoTime() - start) / 1_000_000);
        return next;
    }

    /** The registry as it stood at {@code revision}, or empty when the log cannot tell. */
    public Optional<RegistrySnapshot> at(long revision) {
        RegistrySnapshot s = snapshot();
        if (revision == s.revision()) {
            return Optional.of(s);
        }
        synchronized (past) {
            RegistrySnapshot kept = past.get(revision);
            if (kept != null) {
                return Optional.of(kept);
            }
        }
        Optional<RegistrySnapshot> loaded = store.loadAt(revision);
        loaded.ifPresent(
                r -> {
                    synchronized (past) {
                        past.put(revision, r);
                    }
                });
        return loaded;
    }

    /**
     * The registry as it stood at the end of {@code day}: the last change set on or before it.
     *
     * @throws ProblemException 400 (field "at") when the day is before the first change set the log
     *     can answer for
     */
    public RegistrySnapshot asOf(LocalDate day) {
        OptionalLong revision = store.revisionOn(day);
        Optional<RegistrySnapshot> s =
                revision.isPresent() ? at(revision.getAsLong()) : Optional.empty();
        if (s.isEmpty()) {
            Optional<LocalDate> first = store.firstDay();
            throw ProblemException.badInput(
                    "at",
                    first.isPresent()
                            ? day + " is before the registry's history begins, on " + first.get()
                            : "the registry has no history yet");
        }
        return s.get();
    }
}
