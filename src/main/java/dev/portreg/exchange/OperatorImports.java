package dev.portreg.exchange;

import dev.portreg.common.ProblemException;
import dev.portreg.exchange.RegistryImporter.Options;
import dev.portreg.exchange.RegistryImporter.Preview;
import dev.portreg.registry.ChangeItem;
import dev.portreg.registry.HistoryViews.ItemView;
import dev.portreg.registry.Reconciliation;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's import, in two steps both the API and the pages take: {@link #fromUrl} or {@link
 * #fromUpload} reads, parses and reconciles a file with the registry, writing nothing; {@link
 * #apply} then imports it as previewed, or refuses if the registry has moved since.
 *
 * <p>Bad input is a {@link ProblemException}: 400 naming the field ("url", "file") with the
 * reader's message (record or line, and why), 409 when the registry changed since the preview or
 * the file is older than the last upstream one and force is not given.
 */
@ApplicationScoped
public class OperatorImports {

    /** Entries listed per kind of change, unless the caller asks for another cap. */
    public static final int DEFAULT_LIMIT = 50;

    public static final int MAX_LIMIT = 1000;

    private final RegistryImporter importer;
    private final SourceFetcher fetcher;

    OperatorImports(RegistryImporter importer, SourceFetcher fetcher) {
        this.importer = importer;
        this.fetcher = fetcher;
    }

    /**
     * A file read and reconciled with the registry, nothing written yet.
     *
     * @param field the input it came from, "url" or "file", for error messages
     * @param content the file as read, kept so that any instance can apply the preview
     * @param options the registry date the operator gave and force
     */
    public record Prepared(
            String source,
            String field,
            byte[] content,
            RegistryDocument document,
            Preview preview,
            Options options,
            ImportReport.Timings timings) {}

    /**
     * Fetches an http(s) URL ({@link SourceFetcher}: public addresses only, a deadline and a size
     * cap) and reconciles it with the registry. File paths are refused: an operator's form must not
     * read the server's files. The source is recorded without credentials or query string, and no
     * error repeats what the server sent.
     */
    public Prepared fromUrl(String url, Options options) {
        String u = url == null ? "" : url.strip();
        if (u.isEmpty()) {
            throw ProblemException.badInput(
                    "url", "is required: the http(s) URL of a registry file");
        }
        if (u.length() > MAX_URL) {
            throw ProblemException.badInput("url", "is longer than " + MAX_URL + " characters");
        }
        String lower = u.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            throw ProblemException.badInput(
                    "url", "must be an http or https URL, not \"" + shorten(u) + "\"");
        }
        long start = System.nanoTime();
        byte[] content;
        try {
            content = fetcher.fetch(u);
        } catch (ImportException e) {
            throw ProblemException.badInput("url", e.getMessage());
        }
        return prepare(
                SourceFetcher.recordable(u), "url", content, System.nanoTime() - start, options);
    }

    /** The longest URL an operator may give. */
    static final int MAX_URL = 2000;

    /**
     * A reader's error for a fetched file, without the text it quotes: where the problem is, not
     * what the server sent there.
     */
    static String withoutContent(ImportException e) {
        if (e instanceof RegistryReaders.NotARegistryException n) {
            return n.safeMessage() + " (What the server sent is not shown.)";
        }
        String readerMessage = e.getMessage();
        Matcher m = WHERE.matcher(readerMessage == null ? "" : readerMessage);
        String where = m.find() ? m.group(1) + ": " : "";
        return where
                + "is not a registry file this app reads (IANA XML, IANA CSV or /etc/services);"
                + " what the server sent is not shown";
    }

    private static final Pattern WHERE =
            Pattern.compile(
                    "^((?:CSV )?(?:line|record) \\d+(?: \\(line \\d+(?:, error at line"
                            + " \\d+)?\\))?|XML(?: line \\d+)?)");

    /**
     * Reconciles uploaded bytes with the registry.
     *
     * @param fileName the name the browser or client gave, kept in the source as "upload:NAME"
     */
    public Prepared fromUpload(String fileName, byte[] content, long readNanos, Options options) {
        if (content == null || content.length == 0) {
            throw ProblemException.badInput("file", "is empty: choose a registry file to upload");
        }
        return prepare("upload:" + cleanName(fileName), "file", content, readNanos, options);
    }

    /**
     * Applies a kept preview (on whichever instance): reads its file again and imports it if the
     * registry is still at the revision it was compared with.
     *
     * @throws ProblemException 409 when the registry moved since the preview
     */
    public ImportResult applyKept(PendingImports.Pending p, String actor, Set<String> take) {
        RegistryDocument doc;
        try {
            doc = RegistryReaders.read(p.content(), p.source());
        } catch (ImportException e) {
            throw ProblemException.badInput(p.field(), e.getMessage());
        }
        try {
            return importer.importDocument(
                    doc,
                    p.source(),
                    actor,
                    new Options(p.registryDate(), p.force(), take, p.baseRevision()));
        } catch (StalePreviewException e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (ImportException e) {
            throw ProblemException.badInput(p.field(), e.getMessage());
        }
    }

    public Prepared fromUpload(String fileName, byte[] content, long readNanos) {
        return fromUpload(fileName, content, readNanos, Options.DEFAULT);
    }

    public ImportResult apply(Prepared p, String actor) {
        return apply(p, actor, Set.of());
    }

    private Prepared prepare(
            String source, String field, byte[] content, long readNanos, Options options) {
        long start = System.nanoTime();
        RegistryDocument doc;
        try {
            doc = RegistryReaders.read(content, source);
        } catch (ImportException e) {
            throw ProblemException.badInput(
                    field, "url".equals(field) ? withoutContent(e) : e.getMessage());
        }
        if (doc.entries().isEmpty()) {
            throw ProblemException.badInput(field, "holds no entries: nothing to import");
        }
        long parsed = System.nanoTime();
        Preview preview = importer.reconcile(doc, source, options);
        long compared = System.nanoTime();
        return new Prepared(
                source,
                field,
                content,
                doc,
                preview,
                options,
                new ImportReport.Timings(
                        millis(readNanos), millis(parsed - start), millis(compared - parsed)));
    }

    /**
     * Imports what was prepared, as {@code actor}, if the registry is still at the revision it was
     * compared with; all or nothing, one change set.
     *
     * @param take keys of conflicting entries for which the file's version is taken
     * @throws ProblemException 409 when the registry changed since or the file is older than the
     *     last upstream one without force, 400 when the database refuses the file
     */
    public ImportResult apply(Prepared p, String actor, Set<String> take) {
        try {
            return importer.importDocument(
                    p.document(),
                    p.source(),
                    actor,
                    new Options(
                            p.options().registryDate(),
                            p.options().force(),
                            take,
                            p.preview().revision()));
        } catch (StalePreviewException e) {
            throw ProblemException.conflict(e.getMessage());
        } catch (ImportException e) {
            throw ProblemException.badInput(p.field(), e.getMessage());
        }
    }

    /** The report of a prepared import, each list cut at {@code limit} entries. */
    public static ImportReport report(Prepared p, ImportResult result, int limit) {
        RegistryDocument doc = p.document();
        SourceFormat format = doc.info().format();
        Reconciliation.Result r = p.preview().result();
        List<ItemView> added = new ArrayList<>();
        List<ItemView> changed = new ArrayList<>();
        List<ItemView> removed = new ArrayList<>();
        int[] totals = new int[3];
        for (ChangeItem i : r.plan().items()) {
            int k = i.action().ordinal();
            totals[k]++;
            List<ItemView> list = k == 0 ? added : k == 1 ? changed : removed;
            if (list.size() < limit) {
                list.add(ItemView.of(i.action().slug, i.key(), i.before(), i.after()));
            }
        }
        List<ImportReport.ConflictView> conflicts = new ArrayList<>();
        for (Reconciliation.Conflict c : r.conflicts()) {
            if (conflicts.size() < limit) {
                conflicts.add(ImportReport.ConflictView.of(c));
            }
        }
        Preview pv = p.preview();
        ImportReport preview =
                new ImportReport(
                        p.source(),
                        RegistryImporter.fileName(p.source()),
                        format.slug,
                        format.label,
                        doc.info().partial(),
                        p.content().length,
                        doc.entries().size(),
                        doc.people().size(),
                        doc.info().updated(),
                        pv.registryDate(),
                        pv.revision(),
                        pv.older() == null
                                ? null
                                : new ImportReport.Older(
                                        pv.registryDate(),
                                        pv.older().registryDate(),
                                        pv.older().sourceName()),
                        p.options().force(),
                        p.timings(),
                        result == null,
                        r.seed(),
                        new ImportReport.Section(totals[0], added, added.size() < totals[0]),
                        new ImportReport.Section(totals[1], changed, changed.size() < totals[1]),
                        new ImportReport.Section(totals[2], removed, removed.size() < totals[2]),
                        r.plan().moves().size(),
                        r.conflicts().size(),
                        conflicts,
                        r.kept(),
                        null);
        return result == null ? preview : preview.applied(result);
    }

    /** The last path segment of an uploaded file's name, printable, at most 100 characters. */
    static String cleanName(String fileName) {
        String n = fileName == null ? "" : fileName;
        n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
        n = n.replaceAll("\\p{Cntrl}", "").strip();
        if (n.isEmpty()) {
            return "file";
        }
        return n.length() > 100 ? n.substring(0, 100) : n;
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }
}
