package dev.portreg.exchange;

import dev.portreg.registry.HistoryViews.ItemView;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What an operator's import read, what it would change and, once applied, what it did: the answer
 * of {@code POST /api/v1/registry/import} and the model of the import pages.
 *
 * @param source the URL, or "upload:" and the uploaded file's name
 * @param format iana-xml, iana-csv or etc-services
 * @param bytes the size of the file read
 * @param records how many records (entries) the file holds
 * @param people how many people the file lists (IANA XML only)
 * @param updated the file's "Last Updated" date, or null when it gives none
 * @param dryRun true when nothing was written
 * @param seed true when the registry is empty, so the import seeds it
 * @param added entries the file has and the registry does not
 * @param changed entries whose fields differ, each with the fields that do
 * @param removed entries the registry has and the file does not
 * @param moved entries that only change their place in file order
 * @param result what the import did; null for a dry run
 */
public record ImportReport(
        String source,
        String format,
        String formatLabel,
        boolean partial,
        long bytes,
        int records,
        int people,
        LocalDate updated,
        Timings timings,
        boolean dryRun,
        boolean seed,
        Section added,
        Section changed,
        Section removed,
        int moved,
        Applied result) {

    /** How long each step took, in milliseconds. */
    public record Timings(long read, long parse, long compare) {
        public long total() {
            return read + parse + compare;
        }
    }

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
     * What an applied import did.
     *
     * @param changeId the history row it wrote, or null when it changed nothing
     * @param historyUrl that row's page, or null
     * @param millis how long writing took
     * @param entries how many entries the registry holds now
     */
    public record Applied(
            Long changeId,
            String historyUrl,
            long millis,
            int entries,
            int added,
            int changed,
            int removed,
            int moved,
            int peopleWritten) {}

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
