package dev.portreg.exchange;

import dev.portreg.common.ProblemException;
import dev.portreg.registry.HistoryViews.ItemView;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's import, in two steps both the API and the pages take: {@link #fromUrl} or {@link
 * #fromUpload} reads, parses and compares a file with the registry, writing nothing; {@link #apply}
 * then imports exactly that comparison, or refuses if the registry has changed since.
 *
 * <p>Bad input is a {@link ProblemException}: 400 naming the field ("url", "file") with the
 * reader's message (record or line, and why), 409 when the registry changed since the preview.
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
     * A file read and compared with the registry, nothing written yet.
     *
     * @param field the input it came from, "url" or "file", for error messages
     */
    public record Prepared(
            String source,
            String field,
            long bytes,
            RegistryDocument document,
            RegistryDiff diff,
            ImportReport.Timings timings) {}

    /**
     * Fetches an http(s) URL ({@link SourceFetcher}: public addresses only, a deadline and a size
     * cap) and compares it with the registry. File paths are refused: an operator's form must not
     * read the server's files. The source is recorded without credentials or query string, and no
     * error repeats what the server sent.
     */
    public Prepared fromUrl(String url) {
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
        return prepare(SourceFetcher.recordable(u), "url", content, System.nanoTime() - start);
    }

    /** The longest URL an operator may give. */
    static final int MAX_URL = 2000;

    /**
     * A reader's error for a fetched file, without the text it quotes: where the problem is, not
     * what the server sent there.
     */
    static String withoutContent(String readerMessage) {
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
     * Compares uploaded bytes with the registry.
     *
     * @param fileName the name the browser or client gave, kept in the source as "upload:NAME"
     */
    public Prepared fromUpload(String fileName, byte[] content, long readNanos) {
        if (content == null || content.length == 0) {
            throw ProblemException.badInput("file", "is empty: choose a registry file to upload");
        }
        return prepare("upload:" + cleanName(fileName), "file", content, readNanos);
    }

    private Prepared prepare(String source, String field, byte[] content, long readNanos) {
        long start = System.nanoTime();
        RegistryDocument doc;
        try {
            doc = RegistryReaders.read(content, source);
        } catch (ImportException e) {
            throw ProblemException.badInput(
                    field, "url".equals(field) ? withoutContent(e.getMessage()) : e.getMessage());
        }
        if (doc.entries().isEmpty()) {
            throw ProblemException.badInput(field, "holds no entries: nothing to import");
        }
        long parsed = System.nanoTime();
        RegistryDiff diff = importer.preview(doc);
        long compared = System.nanoTime();
        return new Prepared(
                source,
                field,
                content.length,
                doc,
                diff,
                new ImportReport.Timings(
                        millis(readNanos), millis(parsed - start), millis(compared - parsed)));
    }

    /**
     * Imports what was prepared, as {@code actor}, if the registry still is as it was compared; all
     * or nothing, one history row.
     *
     * @throws ProblemException 409 when the registry changed since, 400 when the database refuses
     *     the file
     */
    public ImportResult apply(Prepared p, String actor) {
        try {
            return importer.importDocument(p.document(), p.source(), actor, p.diff());
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
        RegistryDiff d = p.diff();
        return new ImportReport(
                p.source(),
                format.slug,
                format.label,
                doc.info().partial(),
                p.bytes(),
                doc.entries().size(),
                doc.people().size(),
                doc.info().updated(),
                p.timings(),
                result == null,
                d.seed(),
                section("added", d.added(), limit),
                section("changed", d.changed(), limit),
                section("removed", d.removed(), limit),
                d.moved(),
                result == null
                        ? null
                        : new ImportReport.Applied(
                                result.changeId(),
                                result.changeId() == null ? null : "/changes/" + result.changeId(),
                                result.millis(),
                                result.entries(),
                                result.added(),
                                result.changed(),
                                result.removed(),
                                result.moved(),
                                result.peopleWritten()));
    }

    private static ImportReport.Section section(
            String action, List<RegistryDiff.Item> items, int limit) {
        List<ItemView> shown = new ArrayList<>(Math.min(limit, items.size()));
        for (RegistryDiff.Item i : items.subList(0, Math.min(limit, items.size()))) {
            shown.add(ItemView.of(action, i.key(), i.before(), i.after()));
        }
        return new ImportReport.Section(items.size(), shown, shown.size() < items.size());
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
