package dev.portreg.registry;

import dev.portreg.common.Sources;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the registry's queries answer with: the JSON of the API and the models of the pages. */
public final class RegistryViews {

    private RegistryViews() {}

    /**
     * Where the registry came from and how fresh it is.
     *
     * @param source as anyone may see it ({@link Sources#display}): a file's name, never a path on
     *     the server; a URL without credentials or query
     * @param updated the registry's Last Updated: the day of its newest change set
     * @param importedAt when the last upstream file was imported
     * @param revision the change set the answer shows
     * @param changedAt when that change set was committed
     */
    public record SourceView(
            String source,
            String format,
            String formatLabel,
            boolean partial,
            LocalDate updated,
            Instant importedAt,
            long revision,
            Instant changedAt) {

        public SourceView {
            source = Sources.display(source);
        }
    }

    public record PersonView(String id, String name, String org, String email, String uri) {}

    public record ReferenceView(
            String type, String data, String section, String text, String label, String url) {}

    /** One registry entry as IANA lists it. */
    /**
     * @param key the entry's stable key ("rndc/953/tcp"): what an import's conflicts and an
     *     operator's fix name it by
     */
    public record EntryView(
            String key,
            String serviceName,
            String port,
            Integer portFrom,
            Integer portTo,
            String transport,
            List<Transport> transports,
            PortStatus status,
            String description,
            PersonView assignee,
            PersonView contact,
            String registered,
            String modified,
            List<ReferenceView> references,
            Long serviceCode,
            String unauthorized,
            String notes,
            boolean legacyName,
            EarlyAllocation earlyAllocation) {}

    /** A port on one transport. */
    public record TransportStatus(Transport transport, PortStatus status, List<String> services) {}

    /** A run of free ports. */
    public record GapView(int from, int to, int size) {
        public static GapView of(Ports p) {
            return new GapView(p.from(), p.to(), p.size());
        }
    }

    /** The gap a port sits in, and the transports it was computed over. */
    public record GapAround(int from, int to, int size, List<Transport> transports) {}

    /** Everything about one port. */
    public record PortView(
            int port,
            PortRange range,
            String rangeLabel,
            boolean free,
            List<TransportStatus> transports,
            RequestPolicy policy,
            GapAround gap,
            List<Integer> nearestFree,
            List<EntryView> entries,
            SourceView registry) {}

    /** Everything registered under one service name. */
    public record ServiceView(
            String name, boolean legacyName, List<EntryView> entries, SourceView registry) {}

    /** The nearest free ports to a port. */
    public record NearestFree(int port, List<Transport> transports, List<Integer> free) {}

    /** One page of a listing. */
    public record Page<T>(int page, int size, long total, int pages, List<T> items) {}

    /** Counts of ports per status, for one range and transport. */
    public record StatusCounts(
            Transport transport,
            int assigned,
            int reserved,
            int unassigned,
            int other,
            int unlisted) {}

    public record RangeStats(
            PortRange range, String label, int from, int to, List<StatusCounts> transports) {}

    public record Stats(
            SourceView registry,
            int entries,
            int serviceNames,
            int people,
            List<RangeStats> ranges) {}

    /** What a search found: the port it names, if it is one, and the matching entries. */
    public record SearchResult(String query, Integer port, int total, List<EntryView> entries) {}
}
