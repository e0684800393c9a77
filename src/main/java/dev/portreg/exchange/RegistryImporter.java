package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.EntryKeys;
import dev.portreg.registry.Person;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import dev.portreg.registry.RegistryStore;
import dev.portreg.registry.RegistryWriter;
import dev.portreg.registry.RegistryWriter.Change;
import dev.portreg.registry.RegistryWriter.ChangeItem;
import dev.portreg.registry.StoredEntry;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Imports a whole registry (IANA XML, IANA CSV or /etc/services) all or nothing: the file is parsed
 * completely first, then applied in one transaction that holds the registry writers' lock.
 *
 * <p>Entries are matched across imports by their stable key (see {@link EntryKeys}): added entries
 * are inserted, changed ones updated, missing ones deleted, moved ones get their new position.
 * Importing the same file twice changes nothing and writes no history.
 */
@ApplicationScoped
public class RegistryImporter {

    private final AgroalDataSource dataSource;
    private final RegistryStore store;
    private final RegistryWriter writer;
    private final Registry registry;
    private final RegistryTransactions transactions;
    private final SeedConfig config;
    private final SourceFetcher fetcher;

    RegistryImporter(
            AgroalDataSource dataSource,
            RegistryStore store,
            RegistryWriter writer,
            Registry registry,
            RegistryTransactions transactions,
            SeedConfig config,
            SourceFetcher fetcher) {
        this.dataSource = dataSource;
        this.store = store;
        this.writer = writer;
        this.registry = registry;
        this.transactions = transactions;
        this.config = config;
        this.fetcher = fetcher;
    }

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

    /**
     * Imports a parsed document in one transaction, then reloads the in-memory registry.
     *
     * @param source the path or URL recorded as the registry's source and in its history
     * @param actor who imports it ("system" for the seeder)
     */
    public ImportResult importDocument(RegistryDocument doc, String source, String actor) {
        return importDocument(doc, source, actor, null);
    }

    /**
     * Imports a parsed document only if it makes exactly the changes a preview showed: the check
     * runs inside the import's transaction, under the registry writers' lock, so no other writer
     * can slip in between.
     *
     * @param expected what {@link #preview(RegistryDocument)} answered, or null to import whatever
     *     the document changes now
     * @throws StalePreviewException when the registry changed since the preview; nothing is written
     */
    public ImportResult importDocument(
            RegistryDocument doc, String source, String actor, RegistryDiff expected) {
        if (doc.entries().isEmpty()) {
            throw new ImportException(source + " holds no entries: nothing to import");
        }
        long start = System.nanoTime();
        ImportResult result =
                transactions.inNewTransaction(c -> apply(c, doc, source, actor, expected, start));
        // Always: even an import that changes no entry may have updated people or the header.
        registry.reload();
        Log.infof(
                "%s of %s by %s: %d added, %d changed, %d removed, %d moved; %d entries in %d ms",
                result.kind(),
                source,
                actor,
                result.added(),
                result.changed(),
                result.removed(),
                result.moved(),
                result.entries(),
                (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    /** What importing {@code doc} would change, without writing anything. */
    public RegistryDiff preview(RegistryDocument doc) {
        try (Connection c = dataSource.getConnection()) {
            return Plan.of(store.loadEntries(c), doc.entries()).diff();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    private ImportResult apply(
            Connection c,
            RegistryDocument doc,
            String source,
            String actor,
            RegistryDiff expected,
            long start)
            throws SQLException {
        writer.lock(c);
        List<StoredEntry> current = store.loadEntries(c);
        boolean seed = current.isEmpty();
        Plan plan = Plan.of(current, doc.entries());
        if (expected != null && !plan.diff().equals(expected)) {
            throw new StalePreviewException(
                    "the registry changed since the preview of "
                            + source
                            + ": preview it again to see what it would change now");
        }
        SourceFormat format = doc.info().format();

        int people = 0;
        if (format == SourceFormat.IANA_XML) {
            people += writer.upsertPeople(c, doc.people());
        }
        Set<String> ids = new HashSet<>();
        for (Person p : doc.people()) {
            ids.add(p.id());
        }
        for (Entry e : doc.entries()) {
            ids.addAll(RegistryWriter.personIds(e));
        }
        people += writer.addMissingPeople(c, ids);

        writer.deleteEntries(c, plan.removedIds());
        writer.updateEntries(c, plan.updates);
        writer.updatePositions(c, plan.moves);
        List<StoredEntry> inserted = writer.insertEntries(c, plan.inserts);
        boolean changed = !plan.diff().isEmpty();
        if (changed) {
            writer.rebuildHoldings(c, plan.result(inserted));
        }

        Instant now = Instant.now();
        Long changeId = null;
        RegistryDiff diff = plan.diff();
        if (changed) {
            String kind = seed ? "seed" : "import";
            List<ChangeItem> items = new ArrayList<>();
            if (!seed) {
                diff.added()
                        .forEach(i -> items.add(new ChangeItem("added", i.key(), null, i.after())));
                diff.changed()
                        .forEach(
                                i ->
                                        items.add(
                                                new ChangeItem(
                                                        "changed",
                                                        i.key(),
                                                        i.before(),
                                                        i.after())));
                diff.removed()
                        .forEach(
                                i ->
                                        items.add(
                                                new ChangeItem(
                                                        "removed", i.key(), i.before(), null)));
            }
            String summary =
                    seed
                            ? String.format(
                                    Locale.ROOT,
                                    "Seeded from %s (%s): %d entries",
                                    source,
                                    format.label,
                                    doc.entries().size())
                            : String.format(
                                    Locale.ROOT,
                                    "Imported %s (%s): %d added, %d changed, %d removed",
                                    source,
                                    format.label,
                                    diff.added().size(),
                                    diff.changed().size(),
                                    diff.removed().size());
            changeId =
                    writer.recordChange(
                            c,
                            new Change(
                                    now,
                                    actor,
                                    kind,
                                    source,
                                    summary,
                                    diff.added().size(),
                                    diff.changed().size(),
                                    diff.removed().size(),
                                    items,
                                    null));
        }

        RegistryInfo d = doc.info();
        RegistryInfo info =
                new RegistryInfo(
                        source,
                        d.format(),
                        d.partial(),
                        d.title(),
                        d.category(),
                        d.updated(),
                        d.expert(),
                        d.notes(),
                        d.footnotes(),
                        now);
        Optional<RegistryInfo> before = store.loadInfo(c);
        if (changed || before.isEmpty() || !sameHeader(before.get(), info)) {
            store.saveInfo(c, info);
        }
        return new ImportResult(
                seed ? "seed" : "import",
                source,
                format,
                doc.entries().size(),
                diff.added().size(),
                diff.changed().size(),
                diff.removed().size(),
                plan.moves.size(),
                people,
                changeId,
                (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean sameHeader(RegistryInfo a, RegistryInfo b) {
        return new RegistryInfo(
                        a.source(),
                        a.format(),
                        a.partial(),
                        a.title(),
                        a.category(),
                        a.updated(),
                        a.expert(),
                        a.notes(),
                        a.footnotes(),
                        b.importedAt())
                .equals(b);
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

    /** How the current entries become the document's. */
    static final class Plan {
        final List<Entry> entries;
        final List<String> keys;
        final long[] ids;
        final List<StoredEntry> inserts = new ArrayList<>();
        final List<StoredEntry> updates = new ArrayList<>();
        final Map<Long, Integer> moves = new LinkedHashMap<>();
        final List<StoredEntry> removed = new ArrayList<>();
        private final RegistryDiff diff;

        private Plan(List<StoredEntry> current, List<Entry> entries, boolean seed) {
            this.entries = entries;
            this.keys = EntryKeys.of(entries);
            this.ids = new long[entries.size()];
            Map<String, StoredEntry> byKey = new HashMap<>(current.size() * 2);
            for (StoredEntry se : current) {
                byKey.put(se.key(), se);
            }
            List<RegistryDiff.Item> added = new ArrayList<>();
            List<RegistryDiff.Item> changed = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                String key = keys.get(i);
                StoredEntry old = byKey.remove(key);
                if (old == null) {
                    inserts.add(new StoredEntry(0, key, i, e));
                    added.add(new RegistryDiff.Item(key, null, e));
                } else {
                    ids[i] = old.id();
                    if (!old.entry().equals(e)) {
                        updates.add(new StoredEntry(old.id(), key, i, e));
                        changed.add(new RegistryDiff.Item(key, old.entry(), e));
                    } else if (old.position() != i) {
                        moves.put(old.id(), i);
                    }
                }
            }
            List<RegistryDiff.Item> gone = new ArrayList<>();
            for (StoredEntry se : current) {
                if (byKey.containsKey(se.key())) {
                    removed.add(se);
                    gone.add(new RegistryDiff.Item(se.key(), se.entry(), null));
                }
            }
            this.diff = new RegistryDiff(seed, entries.size(), added, changed, gone, moves.size());
        }

        static Plan of(List<StoredEntry> current, List<Entry> entries) {
            return new Plan(current, entries, current.isEmpty());
        }

        RegistryDiff diff() {
            return diff;
        }

        List<Long> removedIds() {
            List<Long> out = new ArrayList<>(removed.size());
            for (StoredEntry se : removed) {
                out.add(se.id());
            }
            return out;
        }

        /** Every entry of the registry after the import, with ids, in file order. */
        List<StoredEntry> result(List<StoredEntry> inserted) {
            List<StoredEntry> out = new ArrayList<>(entries.size());
            int next = 0;
            for (int i = 0; i < entries.size(); i++) {
                long id = ids[i];
                if (id == 0) {
                    id = inserted.get(next++).id();
                }
                out.add(new StoredEntry(id, keys.get(i), i, entries.get(i)));
            }
            return out;
        }
    }
}
