package dev.portreg.registry;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current {@link RegistrySnapshot}. Readers take {@link #snapshot()} once per request and
 * see one consistent registry; writers call {@link #reload()} after their transaction commits.
 */
@ApplicationScoped
public class Registry {

    private final RegistryStore store;
    private final AtomicReference<RegistrySnapshot> current = new AtomicReference<>();

    Registry(RegistryStore store) {
        this.store = store;
    }

    /** The current registry, loaded on first use. */
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

    /** Re-reads the registry from the database and publishes it. */
    public synchronized RegistrySnapshot reload() {
        long start = System.nanoTime();
        RegistrySnapshot s = store.loadSnapshot();
        current.set(s);
        Log.debugf(
                "registry loaded: %d entries in %d ms",
                s.entries().size(), (System.nanoTime() - start) / 1_000_000);
        return s;
    }
}
