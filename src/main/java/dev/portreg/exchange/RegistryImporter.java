package dev.portreg.exchange;

import dev.portreg.registry.ChangeItem;
import dev.portreg.registry.ChangePlan;
import dev.portreg.registry.Entry;
import dev.portreg.registry.Reconciliation;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryChanges;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.RegistryStore;
import dev.portreg.registry.UpstreamBase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * Imports a whole registry file (IANA XML, IANA CSV or /etc/services): parsed completely first,
 * then reconciled with the registry ({@link Reconciliation}: IANA's changes are taken where nobody
 * changed the entry here; local work is kept) and written as one change set of the log through
 * {@link RegistryChanges}, all or nothing. Importing the same file twice changes nothing and writes
 * no change set.
 */
@ApplicationScoped
public class RegistryImporter {

    private final RegistryChanges changes;
    private final RegistryStore store;
    private final Registry registry;
    private final RegistryTransactions transactions;
    private final SeedConfig config;
    private final AgroalDataSource dataSource;
    private final SourceFetcher fetcher;

    RegistryImporter(
            RegistryChanges changes,
            RegistryStore store,
            Registry registry,
            RegistryTransactions transactions,
            SeedConfig config,
            AgroalDataSource dataSource,
            SourceFetcher fetcher) {
        this.changes = changes;
        this.store = store;
        this.registry = registry;
        this.transactions = transactions;
        this.config = config;
        this.dataSource = dataSource;
        this.fetcher = fetcher;
    }

    /**
     * How to import.
     *
     * @param registryDate the file's registry date when it gives none (a CSV), or null to take the
     *     newest registration or modification date in it
     * @param force import a file older than the last upstream one
     * @param take keys of conflicting entries for which the file's version is taken
     * @param expectedRevision the revision a preview was made at: the import is refused when the
     *     registry has moved since; null to import whatever the file changes now
     */
    public record Options(
            LocalDate registryDate, boolean force, Set<String> take, Long expectedRevision) {
        public static final Options DEFAULT = new Options(null, false, Set.of(), null);

        public Options {
            take = take == null ? Set.of() : Set.copyOf(take);
        }
    }

    /**
     * What importing a file would do, as of a revision.
     *
     * @param older the last upstream file when this one is older and force was not given (the
     *     result is then what forcing it would do); null otherwise
     */
    public record Preview(
            Reconciliation.Result result, long revision, LocalDate registryDate, Older older) {}

    /** The last upstream file, newer than the one previewed. */
    public record Older(LocalDate registryDate, String sourceName) {}

    /**
     * Reads a file path or http(s) URL, detects its format and imports it.
     *
     * @throws ImportException when the source cannot be read or is not a valid registry
     */
    public ImportResult importFrom(String pathOrUrl, String actor) {
        byte[] content = fetch(pathOrUrl);
        RegistryDocument doc = RegistryReaders.read(content, pathOrUrl);
        return importDocument(doc, pathOrUrl, actor);
    }

    public ImportResult importDocument(RegistryDocument doc, String source, String actor) {
        return importDocument(doc, source, actor, Options.DEFAULT);
    }

    /**
     * Imports a parsed document as one change set.
     *
     * @param source the path or URL recorded as the registry's source and in its history
     * @param actor who imports it ("system" for the seeder)
     * @throws StalePreviewException when the registry moved since {@code expectedRevision}
     * @throws dev.portreg.common.ProblemException 409 when the file is older than the last upstream
     *     file and {@code force} is not set
     */
    public ImportResult importDocument(
            RegistryDocument doc, String source, String actor, Options options) {
        if (doc.entries().isEmpty()) {
            throw new ImportException(source + " holds no entries: nothing to import");
        }
        long start = System.nanoTime();
        Reconciliation.Upstream file = upstream(doc, source, options);
        Reconciliation.Result[] outcome = new Reconciliation.Result[1];
        RegistryChanges.Applied applied =
                transactions.inNewTransaction(
                        c ->
                                changes.apply(
                                        c,
                                        new RegistryChanges.Request(
                                                actor,
                                                null,
                                                source,
                                                null,
                                                ctx -> {
                                                    refuseStale(
                                                            options,
                                                            file.sourceName(),
                                                            ctx.registry().revision());
                                                    outcome[0] =
                                                            Reconciliation.plan(
                                                                    ctx.registry(),
                                                                    ctx.upstream().get(),
                                                                    file,
                                                                    options.take(),
                                                                    options.force());
                                                    return outcome[0].plan();
                                                })));
        Log.debugf(
                "%s: change set committed %d ms after the import began",
                source, (System.nanoTime() - start) / 1_000_000);
        ImportResult result = result(doc, source, applied, outcome[0], start);
        logImport(result, source, actor);
        return result;
    }

    /**
     * Refuses an import confirmed from a preview of an older revision.
     *
     * @throws StalePreviewException when the registry is no longer at the previewed revision
     */
    private static void refuseStale(Options options, String sourceName, long revision) {
        if (options.expectedRevision() != null && options.expectedRevision() != revision) {
            throw new StalePreviewException(
                    "the registry changed since the preview of "
                            + sourceName
                            + " (revision "
                            + options.expectedRevision()
                            + ", now "
                            + revision
                            + "): preview it again to see what it would change now");
        }
    }

    private static ImportResult result(
            RegistryDocument doc,
            String source,
            RegistryChanges.Applied applied,
            Reconciliation.Result r,
            long start) {
        ChangePlan plan = applied.plan();
        return new ImportResult(
                r.seed() ? "seed" : "import",
                source,
                doc.info().format(),
                doc.entries().size(),
                plan.count(ChangeItem.Action.ADDED),
                plan.count(ChangeItem.Action.CHANGED),
                plan.count(ChangeItem.Action.REMOVED),
                plan.moves().size(),
                plan.people().size(),
                applied.changeId(),
                applied.revision(),
                r.conflicts().size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static void logImport(ImportResult result, String source, String actor) {
        Log.infof(
                "%s of %s by %s: %d added, %d changed, %d removed, %d moved, %d conflicts;"
                        + " revision %d, %d entries in %d ms",
                result.kind(),
                source,
                actor,
                result.added(),
                result.changed(),
                result.removed(),
                result.moved(),
                result.conflicts(),
                result.revision(),
                result.entries(),
                result.millis());
    }

    /** What importing {@code doc} would change now, without writing anything. */
    public Preview reconcile(RegistryDocument doc, String source, Options options) {
        Reconciliation.Upstream file = upstream(doc, source, options);
        RegistrySnapshot now = registry.current();
        UpstreamBase base;
        try (Connection c = dataSource.getConnection()) {
            base = store.loadUpstream(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
        boolean older =
                !now.isEmpty()
                        && !options.force()
                        && base.registryDate() != null
                        && file.registryDate() != null
                        && file.registryDate().isBefore(base.registryDate());
        return new Preview(
                Reconciliation.plan(now, base, file, options.take(), options.force() || older),
                now.revision(),
                file.registryDate(),
                older ? new Older(base.registryDate(), base.sourceName()) : null);
    }

    /** The entries importing {@code doc} now would add, change and remove. */
    public RegistryDiff preview(RegistryDocument doc) {
        return RegistryDiff.of(reconcile(doc, doc.info().source(), Options.DEFAULT).result());
    }

    private static Reconciliation.Upstream upstream(
            RegistryDocument doc, String source, Options options) {
        return new Reconciliation.Upstream(
                fileName(source),
                registryDate(doc, options.registryDate()),
                doc.info(),
                doc.entries(),
                doc.people());
    }

    /**
     * The registry date of a file: its own (XML {@code <updated>}), else the one the operator gave,
     * else the newest registration or modification date it holds (a CSV has no date of its own).
     */
    static LocalDate registryDate(RegistryDocument doc, LocalDate given) {
        if (doc.info().updated() != null) {
            return doc.info().updated();
        }
        if (given != null) {
            return given;
        }
        LocalDate newest = null;
        for (Entry e : doc.entries()) {
            for (String d : new String[] {e.registered(), e.modified()}) {
                LocalDate day = day(d);
                if (day != null && (newest == null || day.isAfter(newest))) {
                    newest = day;
                }
            }
        }
        return newest;
    }

    private static LocalDate day(String d) {
        if (d == null) {
            return null;
        }
        try {
            return d.length() == 7 ? LocalDate.parse(d + "-01") : LocalDate.parse(d);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The last path segment of a path or URL, without a query: what history shows. */
    static String fileName(String source) {
        if (source == null) {
            return null;
        }
        String s = source;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        if (s.startsWith("upload:")) {
            s = s.substring("upload:".length());
        }
        int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
        String name = slash >= 0 && slash < s.length() - 1 ? s.substring(slash + 1) : s;
        return name.isBlank() ? source : name;
    }

    /** The bytes of a file path or http(s) URL. */
    byte[] fetch(String pathOrUrl) {
        String s = pathOrUrl.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return download(s);
        }
        Path path = lower.startsWith("file:") ? Path.of(URI.create(s)) : Path.of(s);
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ImportException("file " + path + " does not exist");
        } catch (IOException e) {
            throw new ImportException("cannot read file " + path + ": " + e.getMessage(), e);
        }
    }

    private byte[] download(String url) {
        // A seed URL comes from the configuration: trusted, but bounded (deadline, size).
        try {
            return fetcher.fetchTrusted(url, config.seedTimeout());
        } catch (SourceFetcher.FetchException e) {
            throw new ImportException(
                    switch (e.kind()) {
                        case STATUS -> "GET " + url + " " + e.getMessage();
                        case TIMEOUT ->
                                "GET "
                                        + url
                                        + " got no answer within "
                                        + config.seedTimeout().toMillis()
                                        + " ms";
                        case URL -> "\"" + url + "\" " + e.getMessage();
                        default -> "cannot fetch " + url + ": " + e.getMessage();
                    });
        }
    }
}
