package dev.portreg.registry;

import dev.portreg.common.Sources;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** What {@link RegistryHistory} answers with: the JSON of the API and the models of the pages. */
public final class HistoryViews {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private HistoryViews() {}

    /**
     * One change set of the registry's log: a seed, an import, a request's registry action, an
     * operator's fix.
     *
     * @param revision its number in the log: 1, 2, 3, ... without gaps
     * @param effectiveDate the day the registry stood so (an upstream file's own registry date)
     * @param kind seed, import, registry-action, operator-fix or baseline
     * @param sourceName the file's name, or "request #N", as anyone may see it ({@link
     *     Sources#display}: a file's name, a URL without credentials or query)
     * @param sourceDate the file's own registry date, or null
     * @param reason why, for an operator's fix; else null
     * @param requestId the request whose registry action this was; null otherwise
     * @param requestUrl the request's page, or null
     * @param itemCount how many items this change recorded that match the query (all of them for
     *     the recent list, the port's or the name's for a port or service history)
     * @param items those items, at most the query's cap, in the order they were recorded
     * @param url this change's own page
     */
    public record ChangeView(
            long id,
            long revision,
            Instant changedAt,
            LocalDate effectiveDate,
            String actor,
            String kind,
            String sourceName,
            LocalDate sourceDate,
            String reason,
            String summary,
            Long requestId,
            String requestUrl,
            int added,
            int changed,
            int removed,
            long itemCount,
            List<ItemView> items,
            String url) {

        public ChangeView {
            // Change sets from before the log (V8) name their source as recorded ("/srv/x.xml").
            String shown = Sources.display(sourceName);
            if (summary != null && sourceName != null && !sourceName.equals(shown)) {
                summary = summary.replace(sourceName.strip(), shown);
            }
            sourceName = shown;
        }

        /** "2026-08-17 10:42 UTC", for pages. */
        public String when() {
            return UTC.format(changedAt);
        }

        /** "2026-08-17T10:42:07Z", for datetime attributes. */
        public String iso() {
            return changedAt.toString();
        }

        /** "Seed", "Import", "Registry action", "Operator fix", "Baseline". */
        public String kindLabel() {
            return ChangeKind.ofSlug(kind).label;
        }

        /** How many of {@link #itemCount} are not in {@link #items}. */
        public long more() {
            return Math.max(0, itemCount - items.size());
        }
    }

    /**
     * One entry added, changed or removed by a change.
     *
     * @param action added, changed or removed
     * @param key the entry's stable key ("rndc/953/tcp")
     * @param ports "953" or "916-952"; null for a name-only entry
     * @param transport tcp, udp, sctp, dccp; null when the entry covers every transport
     * @param status the entry's status after the change (before it, when removed)
     * @param description the entry's description after the change (before it, when removed)
     * @param fields for a changed entry, the fields that differ; empty otherwise
     * @param portUrl the page of the entry's first port, or null
     * @param serviceUrl the page of the entry's service name, or null
     */
    public record ItemView(
            String action,
            String key,
            String serviceName,
            String ports,
            Integer portFrom,
            Integer portTo,
            String transport,
            String status,
            String description,
            List<FieldDiff> fields,
            String portUrl,
            String serviceUrl) {

        /**
         * An item from the two versions of an entry, as an import preview shows what it would do:
         * {@code before} is null when added, {@code after} when removed.
         */
        public static ItemView of(String action, String key, Entry before, Entry after) {
            Entry e = after != null ? after : before;
            Ports p = e.ports();
            return new ItemView(
                    action,
                    key,
                    e.serviceName(),
                    p == null ? null : p.toString(),
                    p == null ? null : p.from(),
                    p == null ? null : p.to(),
                    e.transport() == null ? null : e.transport().slug(),
                    e.status().slug(),
                    e.description(),
                    before != null && after != null ? FieldDiffs.between(before, after) : List.of(),
                    p == null ? null : "/ports/" + p.from(),
                    e.serviceName() == null ? null : RegistryHistory.serviceUrl(e.serviceName()));
        }

        /** "tcp", "all transports", or "" for a name-only entry. */
        public String transportText() {
            if (transport != null) {
                return transport;
            }
            return ports == null ? "" : "all transports";
        }
    }

    /**
     * One field that differs between two versions of an entry.
     *
     * @param field the field's JSON name ("description")
     * @param label what pages call it ("Description")
     * @param before the old value as text, null when it was empty
     * @param after the new value as text, null when it is now empty
     */
    public record FieldDiff(String field, String label, String before, String after) {}

    /**
     * A short history of one port or one service name, for a box on its page.
     *
     * @param subject "port 938" or "service http"
     * @param total how many changes touched it
     * @param changes the newest of them, with the items that touched it
     * @param moreUrl the page listing all of them
     */
    public record HistoryList(
            String subject, long total, List<ChangeView> changes, String moreUrl) {

        public boolean hasMore() {
            return total > changes.size();
        }
    }
}
