package dev.portreg.exchange;

import dev.portreg.common.DatabaseReady;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Seeds an empty registry at start-up ({@link DatabaseReady}) from the first source of {@code
 * portreg.registry.seed} that can be imported (actor "system"), logging each source that fails and
 * why. The value "none" disables seeding. A registry that already holds entries is left alone.
 */
@ApplicationScoped
public class RegistrySeeder {

    public static final String ACTOR = "system";

    private final RegistryImporter importer;
    private final Registry registry;
    private final RegistryStore store;
    private final SeedConfig config;
    private final ManagedExecutor executor;

    RegistrySeeder(
            RegistryImporter importer,
            Registry registry,
            RegistryStore store,
            SeedConfig config,
            ManagedExecutor executor) {
        this.importer = importer;
        this.registry = registry;
        this.store = store;
        this.config = config;
        this.executor = executor;
    }

    /**
     * Seeds an empty registry once the database is there (before the app serves when it is there at
     * start); a registry that is already there is loaded into memory in the background, so start-up
     * does not wait for it.
     */
    void onStart(@Observes DatabaseReady event) {
        if (seedIfEmpty(config.seed()).isEmpty()) {
            executor.runAsync(registry::snapshot);
        }
    }

    /**
     * Imports the first of {@code sources} that works when the registry is empty.
     *
     * @return what was imported, or empty when seeding is disabled, not needed or failed
     */
    public Optional<ImportResult> seedIfEmpty(List<String> sources) {
        List<String> list = sources.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty() || list.stream().anyMatch(s -> s.equalsIgnoreCase("none"))) {
            Log.debug("registry seeding is disabled (portreg.registry.seed=none)");
            return Optional.empty();
        }
        if (!store.isEmpty()) {
            Log.debug("the registry holds entries: not seeding");
            return Optional.empty();
        }
        for (String source : list) {
            try {
                long start = System.nanoTime();
                ImportResult r = importer.importFrom(source, ACTOR);
                // Reading, parsing, writing and the reload: what bench/run.sh reports.
                Log.infof(
                        "registry seeded from %s (%s): %d entries in %d ms",
                        source,
                        r.format().label,
                        r.entries(),
                        (System.nanoTime() - start) / 1_000_000);
                return Optional.of(r);
            } catch (ImportException e) {
                Log.warnf("cannot seed the registry from %s: %s", source, e.getMessage());
            } catch (RuntimeException e) {
                Log.warnf(e, "cannot seed the registry from %s: %s", source, e.getMessage());
            }
        }
        Log.errorf(
                "the registry is empty and none of its seed sources could be imported: %s",
                String.join(", ", list));
        return Optional.empty();
    }
}
