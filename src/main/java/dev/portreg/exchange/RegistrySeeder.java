package dev.portreg.exchange;

import dev.portreg.common.DatabaseReady;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryStore;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Seeds an empty registry once the database is there ({@link DatabaseReady}; actor "system"),
 * trying in order: the sources of {@code portreg.registry.seed}, then IANA's URL ({@code
 * portreg.registry.seed-url}, with the short {@code seed-timeout}), then the copy of IANA's XML
 * bundled in the app, so a machine without network and without IANA's files still starts with the
 * whole registry. Each source that fails is logged with why. {@code /etc/services} (a partial
 * registry) is read only when it is configured. The value "none" disables seeding. A registry that
 * already holds entries is left alone.
 */
@ApplicationScoped
public class RegistrySeeder {

    public static final String ACTOR = "system";

    /** IANA's newest XML (2026-08-17), gzip-compressed; see registry/SOURCE.md beside it. */
    static final String BUNDLED = "registry/service-names-port-numbers.xml.gz";

    private final RegistryImporter importer;
    private final SeriesImport series;
    private final Registry registry;
    private final RegistryStore store;
    private final SeedConfig config;
    private final ManagedExecutor executor;

    RegistrySeeder(
            RegistryImporter importer,
            SeriesImport series,
            Registry registry,
            RegistryStore store,
            SeedConfig config,
            ManagedExecutor executor) {
        this.importer = importer;
        this.series = series;
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
        if (seedIfEmpty(config.seed().orElse(List.of())).isEmpty()) {
            executor.runAsync(registry::snapshot);
        }
    }

    /**
     * Seeds an empty registry from the first source that works: {@code configured}, then IANA's
     * URL, then the bundled copy.
     *
     * @param configured paths or URLs to try first; "none" among them disables seeding
     * @return what was imported, or empty when seeding is disabled, not needed or failed
     */
    public Optional<ImportResult> seedIfEmpty(List<String> configured) {
        return seedIfEmpty(configured, config.seedUrl());
    }

    /** As {@link #seedIfEmpty(List)}, with IANA's URL given ("none" or blank to skip it). */
    Optional<ImportResult> seedIfEmpty(List<String> configured, String ianaUrl) {
        List<String> sources = new ArrayList<>();
        for (String s : configured) {
            if (!s.isBlank()) {
                sources.add(s.strip());
            }
        }
        if (sources.stream().anyMatch(s -> s.equalsIgnoreCase("none"))) {
            Log.debug("registry seeding is disabled (portreg.registry.seed=none)");
            return Optional.empty();
        }
        if (!store.isEmpty()) {
            Log.debug("the registry holds entries: not seeding");
            return Optional.empty();
        }
        String url = ianaUrl == null ? "" : ianaUrl.strip();
        if (!url.isEmpty() && !url.equalsIgnoreCase("none") && !sources.contains(url)) {
            sources.add(url);
        }
        for (String source : sources) {
            long start = System.nanoTime();
            try {
                java.nio.file.Path dir = directory(source);
                if (dir != null) {
                    // IANA's versions, in date order: the registry's history since the first
                    List<SeriesImport.FileResult> files =
                            series.importDirectory(dir, ACTOR).imported();
                    return Optional.of(seeded(files.get(files.size() - 1).result(), start));
                }
                return Optional.of(seeded(importer.importFrom(source, ACTOR), start));
            } catch (ImportException e) {
                Log.warnf("cannot seed the registry from %s: %s", source, e.getMessage());
            } catch (RuntimeException e) {
                Log.warnf(e, "cannot seed the registry from %s: %s", source, e.getMessage());
            }
        }
        long start = System.nanoTime();
        try {
            RegistryDocument doc = bundled();
            String label = bundledLabel(doc.info().updated());
            return Optional.of(seeded(importer.importDocument(doc, label, ACTOR), start));
        } catch (RuntimeException e) {
            Log.errorf(
                    e,
                    "the registry is empty and none of its seed sources could be imported: %s,"
                            + " the bundled copy",
                    String.join(", ", sources));
            return Optional.empty();
        }
    }

    /** The directory a source names, or null when it is a file or a URL. */
    private static java.nio.file.Path directory(String source) {
        if (source.contains("://")) {
            return null;
        }
        java.nio.file.Path p = java.nio.file.Path.of(source);
        return java.nio.file.Files.isDirectory(p) ? p : null;
    }

    private static ImportResult seeded(ImportResult r, long start) {
        // Reading, parsing, writing and the reload: what bench/run.sh reports.
        Log.infof(
                "registry seeded from %s (%s): %d entries in %d ms",
                r.source(), r.format().label, r.entries(), (System.nanoTime() - start) / 1_000_000);
        return r;
    }

    /**
     * The copy of IANA's XML bundled in the app: IANA's whole registry, not a partial one. It is
     * recorded under {@link #bundledLabel}, not under its resource path.
     */
    static RegistryDocument bundled() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = RegistrySeeder.class.getClassLoader();
        }
        try (InputStream raw = loader.getResourceAsStream(BUNDLED)) {
            if (raw == null) {
                throw new IllegalStateException("the bundled registry " + BUNDLED + " is missing");
            }
            byte[] xml;
            try (InputStream in = new GZIPInputStream(raw, 64 * 1024)) {
                xml = in.readAllBytes();
            }
            return RegistryReaders.read(xml, BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled registry " + BUNDLED, e);
        }
    }

    /**
     * The source label of the bundled copy, dated by its {@code <updated>}: "IANA XML of
     * 2026-08-17, bundled".
     */
    static String bundledLabel(LocalDate updated) {
        return "IANA XML" + (updated == null ? "" : " of " + updated) + ", bundled";
    }
}
