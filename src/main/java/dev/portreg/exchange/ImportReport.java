package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.FieldDiffs;
import dev.portreg.registry.HistoryViews.FieldDiff;
import dev.portreg.registry.HistoryViews.ItemView;
import dev.portreg.registry.Reconciliation;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What an operator's import read, how it meets the registry and, once applied, what it did: the
 * answer of {@code POST /api/v1/registry/import} and the model of the import pages.
 *
 * @param source the URL, or "upload:" and the uploaded file's name
 * @param fileName the file's name, what pages show
 * @param format iana-xml, iana-csv or etc-services
 * @param bytes the size of the file read
 * @param records how many records (entries) the file holds
 * @param people how many people the file lists (IANA XML only)
 * @param updated the file's own "Last Updated" date, or null when it gives none (CSV)
 * @param registryDate the date the import is recorded with: {@code updated}, or for a CSV the date
 *     given, else the newest date inside
 * @param revision the registry's revision the file was compared with
 * @param older set when the file is older than the last upstream one imported: applying it then
 *     needs force
 * @param force true when the operator chose to import an older file
 * @param dryRun true when nothing was written
 * @param seed true when the registry is empty, so the import seeds it
 * @param added entries the file adds (or changes back) that nobody changed here
 * @param changed entries whose fields the file changes, each with the fields that do
 * @param removed entries the file drops that nobody changed here
 * @param moved entries that only change their place in file order
 * @param conflictCount entries changed here since the last upstream file and differently by this
 *     one: kept as they are unless taken
 * @param conflicts the first of them
 * @param keptLocal entries changed here that the file does not touch: kept
 * @param result what the import did; null for a dry run
 */
public record ImportReport(
        String source,
        String fileName,
        String format,
        String formatLabel,
        boolean partial,
        long bytes,
        int records,
        int people,
        LocalDate updated,
        LocalDate registryDate,
        long revision,
        Older older,
        boolean force,
        Timings timings,
        boolean dryRun,
        boolean seed,
        Section added,
        Section changed,
        Section removed,
        int moved,
        int conflictCount,
        List<ConflictView> conflicts,
        int keptLocal,
        Applied result) {

    /** How long each step took, in milliseconds. */
    public record Timings(long read, long parse, long compare) {
        public long total() {
            return read + parse + compare;
        }
    }

    /**
     * The file is older than the registry's upstream.
     *
     * @param fileDate this file's registry date
     * @param upstreamDate the last upstream file's
     * @param upstreamName that file's name
     */
    public record Older(LocalDate fileDate, LocalDate upstreamDate, String upstreamName) {}

    /**
     * One kind of change: how many, and the first of them.
     *
     * @param total how many entries
     * @param items the first {@code items.size()} of them, in file order (registry order for
     *     removed entries)
     * @param truncated true when {@code items} lists fewer than {@code total}
     */
    public record Section(int total, List<ItemView> items, boolean truncated) {
        public int more() {
            return total - items.size();
        }
    }

    /**
     * An entry changed both here and by the file.
     *
     * @param key its stable key, what {@code take} names
     * @param local the registry's version (null when removed here)
     * @param upstream the file's version (null when the file no longer has it)
     * @param fields how the file's version differs from the registry's
     * @param taken true when the file's version is taken
     */
    public record ConflictView(
            String key, ItemView local, ItemView upstream, List<FieldDiff> fields, boolean taken) {
        static ConflictView of(Reconciliation.Conflict c) {
            Entry local = c.local() == null ? null : c.local().entry();
            return new ConflictView(
                    c.key(),
                    local == null ? null : ItemView.of("local", c.key(), null, local),
                    c.upstream() == null
                            ? null
                            : ItemView.of("upstream", c.key(), null, c.upstream()),
                    local != null && c.upstream() != null
                            ? FieldDiffs.between(local, c.upstream())
                            : List.of(),
                    c.taken());
        }
    }

    /**
     * What an applied import did.
     *
     * @param changeId the change set it wrote, or null when it changed nothing
     * @param historyUrl that change set's page, or null
     * @param revision the registry's revision after it
     * @param millis how long writing took
     * @param entries how many entries the file holds
     * @param conflicts entries changed on both sides (kept unless taken)
     */
    public record Applied(
            Long changeId,
            String historyUrl,
            long revision,
            long millis,
            int entries,
            int added,
            int changed,
            int removed,
            int moved,
            int peopleWritten,
            int conflicts) {}

    /** This report with what the import did. */
    public ImportReport applied(ImportResult r) {
        return new ImportReport(
                source,
                fileName,
                format,
                formatLabel,
                partial,
                bytes,
                records,
                people,
                updated,
                registryDate,
                revision,
                older,
                force,
                timings,
                false,
                seed,
                added,
                changed,
                removed,
                moved,
                conflictCount,
                conflicts,
                keptLocal,
                new Applied(
                        r.changeId(),
                        r.changeId() == null ? null : "/changes/" + r.changeId(),
                        r.revision(),
                        r.millis(),
                        r.entries(),
                        r.added(),
                        r.changed(),
                        r.removed(),
                        r.moved(),
                        r.peopleWritten(),
                        r.conflicts()));
    }

    /** True when the file would change no entry. */
    public boolean unchanged() {
        return added.total() == 0 && changed.total() == 0 && removed.total() == 0;
    }

    /** "3,871,499 bytes (3.7 MB)", for pages. */
    public String size() {
        String n = String.format(Locale.ENGLISH, "%,d bytes", bytes);
        if (bytes < 10_000) {
            return n;
        }
        return bytes < 1_000_000
                ? n + String.format(Locale.ENGLISH, " (%.0f kB)", bytes / 1024.0)
                : n + String.format(Locale.ENGLISH, " (%.1f MB)", bytes / (1024.0 * 1024));
    }
}
