package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import dev.portreg.registry.RegistryViews.EntryView;
import dev.portreg.registry.RegistryViews.GapAround;
import dev.portreg.registry.RegistryViews.GapView;
import dev.portreg.registry.RegistryViews.NearestFree;
import dev.portreg.registry.RegistryViews.Page;
import dev.portreg.registry.RegistryViews.PortView;
import dev.portreg.registry.RegistryViews.RangeStats;
import dev.portreg.registry.RegistryViews.SearchResult;
import dev.portreg.registry.RegistryViews.ServiceView;
import dev.portreg.registry.RegistryViews.SourceView;
import dev.portreg.registry.RegistryViews.Stats;
import dev.portreg.registry.RegistryViews.StatusCounts;
import dev.portreg.registry.RegistryViews.TransportStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The registry's read side, shared by the JSON API and the pages: every answer comes from the
 * current in-memory {@link RegistrySnapshot}. Inputs arrive as text and are checked here, so both
 * adapters refuse the same things with the same words.
 */
@ApplicationScoped
public class RegistryQueries {

    public static final int MAX_PAGE_SIZE = 500;
    public static final int DEFAULT_PAGE_SIZE = 50;

    /** The transports a gap is computed over when the caller names none. */
    public static final List<Transport> DEFAULT_GAP_TRANSPORTS =
            List.of(Transport.TCP, Transport.UDP);

    private final Registry registry;

    RegistryQueries(Registry registry) {
        this.registry = registry;
    }

    public RegistrySnapshot snapshot() {
        return registry.snapshot();
    }

    /** True when the current registry is in memory: reading it needs no database. */
    public boolean inMemory() {
        return registry.loaded();
    }

    /**
     * The registry as of {@code atText} (YYYY-MM-DD: as it stood at the end of that day), or the
     * current one when it is blank.
     *
     * @throws ProblemException 400 (field "at") for a malformed date or one before the history
     */
    public RegistrySnapshot snapshot(String atText) {
        if (atText == null || atText.isBlank()) {
            return registry.snapshot();
        }
        return registry.asOf(parseDate("at", atText));
    }

    /** A date from text (YYYY-MM-DD), or a 400 naming {@code field}. */
    public static java.time.LocalDate parseDate(String field, String text) {
        try {
            return java.time.LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badInput(
                    field, "must be a date such as 2015-01-09, not \"" + text.strip() + "\"");
        }
    }

    // --- parsing of inputs -------------------------------------------------------------------

    /** A port number from text, or a 400 naming {@code field}. */
    public static int parsePort(String field, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.badInput(field, "is required: a port number from 0 to 65535");
        }
        String t = text.trim();
        if (!digits(t, 9)) {
            throw ProblemException.badInput(
                    field, "must be a whole number from 0 to 65535, not \"" + text + "\"");
        }
        int port = Integer.parseInt(t);
        if (!PortRange.isPort(port)) {
            throw ProblemException.badInput(field, port + " is outside the port space 0-65535");
        }
        return port;
    }

    /** Whether {@code t} is 1 to {@code max} ASCII digits (a regex here cost 3 % of a lookup). */
    static boolean digits(String t, int max) {
        int n = t.length();
        if (n == 0 || n > max) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Transports from query values; {@code fallback} when none is given. */
    public static List<Transport> parseTransports(
            String field, Collection<String> texts, List<Transport> fallback) {
        if (texts == null || texts.isEmpty()) {
            return fallback;
        }
        List<Transport> out = new ArrayList<>();
        for (String text : texts) {
            for (String part : text.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Transport t =
                        Transport.parse(part)
                                .orElseThrow(
                                        () ->
                                                ProblemException.badInput(
                                                        field,
                                                        "unknown transport \""
                                                                + part.trim()
                                                                + "\"; use tcp, udp, sctp or dccp"));
                if (!out.contains(t)) {
                    out.add(t);
                }
            }
        }
        return out.isEmpty() ? fallback : List.copyOf(out);
    }

    static int parseInt(String field, String text, int fallback, int min, int max) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.trim();
        if (!t.matches("-?\\d{1,9}")) {
            throw ProblemException.badInput(field, "must be a whole number, not \"" + text + "\"");
        }
        int v = Integer.parseInt(t);
        if (v < min || v > max) {
            throw ProblemException.badInput(
                    field,
                    max >= 1_000_000
                            ? "must be " + min + " or more"
                            : "must be between " + min + " and " + max);
        }
        return v;
    }

    // --- queries -------------------------------------------------------------------------------

    public PortView port(String portText) {
        return port(snapshot(), parsePort("port", portText));
    }

    public PortView port(int port) {
        return port(snapshot(), port);
    }

    public PortView port(RegistrySnapshot s, String portText) {
        return port(s, parsePort("port", portText));
    }

    public PortView port(RegistrySnapshot s, int port) {
        List<TransportStatus> transports = new ArrayList<>(4);
        List<Transport> freeOn = new ArrayList<>(4);
        List<PortStatus> statuses = new ArrayList<>(4);
        List<StoredEntry> at = s.entriesAt(port);
        for (Transport t : Transport.ALL) {
            PortStatus st = s.status(port, t);
            statuses.add(st);
            if (st.free()) {
                freeOn.add(t);
            }
            List<String> names = new ArrayList<>(2);
            for (StoredEntry se : at) {
                Entry e = se.entry();
                if (e.serviceName() != null && e.covers(t) && !names.contains(e.serviceName())) {
                    names.add(e.serviceName());
                }
            }
            transports.add(new TransportStatus(t, st, names));
        }
        GapAround gap =
                s.gapAround(port, freeOn)
                        .map(g -> new GapAround(g.from(), g.to(), g.size(), List.copyOf(freeOn)))
                        .orElse(null);
        PortRange range = PortRange.of(port);
        List<Integer> nearest =
                range == PortRange.DYNAMIC
                        ? List.of()
                        : s.nearestFree(port, DEFAULT_GAP_TRANSPORTS, 6);
        return new PortView(
                port,
                range,
                range.label + " port",
                freeOn.size() == Transport.ALL.size(),
                transports,
                RequestPolicy.forPort(port, statuses),
                gap,
                nearest,
                at.stream().map(se -> entry(s, se)).toList(),
                source(s));
    }

    public NearestFree nearestFree(String portText, Collection<String> transports, String count) {
        return nearestFree(snapshot(), portText, transports, count);
    }

    public NearestFree nearestFree(
            RegistrySnapshot s, String portText, Collection<String> transports, String count) {
        int port = parsePort("port", portText);
        List<Transport> ts = parseTransports("transport", transports, DEFAULT_GAP_TRANSPORTS);
        int n = parseInt("count", count, 5, 1, 100);
        return new NearestFree(port, ts, s.nearestFree(port, ts, n));
    }

    /** Runs of ports in [from, to] free on every given transport (default tcp and udp). */
    public List<GapView> gaps(
            String fromText, String toText, Collection<String> transports, String minSize) {
        return gaps(snapshot(), fromText, toText, transports, minSize);
    }

    public List<GapView> gaps(
            RegistrySnapshot s,
            String fromText,
            String toText,
            Collection<String> transports,
            String minSize) {
        int from = fromText == null || fromText.isBlank() ? 0 : parsePort("from", fromText);
        int to = toText == null || toText.isBlank() ? PortRange.USER.to : parsePort("to", toText);
        if (from > to) {
            throw ProblemException.badInput("to", "must not be below from (" + from + ")");
        }
        List<Transport> ts = parseTransports("transport", transports, DEFAULT_GAP_TRANSPORTS);
        int min = parseInt("minSize", minSize, 1, 1, PortRange.MAX_PORT + 1);
        List<GapView> out = new ArrayList<>();
        for (Ports p : s.gaps(from, to, ts)) {
            if (p.size() >= min) {
                out.add(GapView.of(p));
            }
        }
        return out;
    }

    public ServiceView service(String name) {
        return service(snapshot(), name);
    }

    public ServiceView service(RegistrySnapshot s, String name) {
        List<StoredEntry> found = name == null ? List.of() : s.byName(name.trim());
        if (found.isEmpty()) {
            throw ProblemException.notFound("No service named \"" + name + "\" is registered");
        }
        String canonical = found.get(0).entry().serviceName();
        return new ServiceView(
                canonical,
                !ServiceNames.valid(canonical),
                found.stream().map(se -> entry(s, se)).toList(),
                source(s));
    }

    /**
     * Finds entries by service name, description, assignee, contact or reference. A number finds
     * the entries of that port. Exact name matches come first, then names that start with the text,
     * then the rest in registry order.
     */
    public SearchResult search(String query, String limitText) {
        return search(snapshot(), query, limitText);
    }

    public SearchResult search(RegistrySnapshot s, String query, String limitText) {
        int limit = parseInt("limit", limitText, 50, 1, MAX_PAGE_SIZE);
        String q = query == null ? "" : query.trim();
        if (q.isEmpty()) {
            throw ProblemException.badInput("q", "is required: a port number or a text to find");
        }
        Integer port = null;
        List<StoredEntry> hits;
        if (q.matches("\\d{1,9}")) {
            port = parsePort("q", q);
            hits = s.entriesAt(port);
        } else {
            hits = EntrySearch.ranked(s, q);
        }
        return new SearchResult(
                q, port, hits.size(), hits.stream().limit(limit).map(se -> entry(s, se)).toList());
    }

    /** A page of registry entries, filtered by range, status, transport and text. */
    public Page<EntryView> entries(
            String rangeText,
            String statusText,
            String transportText,
            String query,
            String pageText,
            String sizeText) {
        return entries(
                snapshot(), rangeText, statusText, transportText, query, null, pageText, sizeText);
    }

    /**
     * A page of a snapshot's entries, filtered, in IANA's order or sorted by a column ({@link
     * EntrySort}).
     */
    public Page<EntryView> entries(
            RegistrySnapshot s,
            String rangeText,
            String statusText,
            String transportText,
            String query,
            String sortText,
            String pageText,
            String sizeText) {
        EntrySort sort = EntrySort.parse(sortText);
        EntrySearch.Filter filter =
                EntrySearch.Filter.parse(s, rangeText, statusText, transportText, query);
        int page = parseInt("page", pageText, 0, 0, Integer.MAX_VALUE / 2);
        int size = parseInt("size", sizeText, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        List<StoredEntry> matching = filter.select(s.entries());
        if (!sort.equals(EntrySort.IANA_ORDER)) {
            matching.sort(sort.comparator(s));
        }
        int pages = (matching.size() + size - 1) / size;
        List<EntryView> items =
                matching.stream()
                        .skip((long) page * size)
                        .limit(size)
                        .map(se -> entry(s, se))
                        .toList();
        return new Page<>(page, size, matching.size(), pages, items);
    }

    public Stats stats() {
        return stats(snapshot());
    }

    public Stats stats(RegistrySnapshot s) {
        List<RangeStats> ranges = new ArrayList<>();
        for (Map.Entry<PortRange, Map<Transport, Map<PortStatus, Integer>>> r :
                s.counts().entrySet()) {
            List<StatusCounts> perTransport = new ArrayList<>();
            for (Map.Entry<Transport, Map<PortStatus, Integer>> t : r.getValue().entrySet()) {
                Map<PortStatus, Integer> c = t.getValue();
                perTransport.add(
                        new StatusCounts(
                                t.getKey(),
                                c.get(PortStatus.ASSIGNED),
                                c.get(PortStatus.RESERVED),
                                c.get(PortStatus.UNASSIGNED),
                                c.get(PortStatus.OTHER),
                                c.get(PortStatus.UNLISTED)));
            }
            PortRange range = r.getKey();
            ranges.add(new RangeStats(range, range.label, range.from, range.to, perTransport));
        }
        return new Stats(source(s), s.entries().size(), s.nameCount(), s.people().size(), ranges);
    }

    public SourceView source() {
        return source(snapshot());
    }

    // --- mapping -------------------------------------------------------------------------------

    /** What the snapshot was read from, or null for an empty registry. */
    public static SourceView source(RegistrySnapshot s) {
        return ViewMapping.source(s);
    }

    /** An entry as the API and the pages show it, with its people resolved. */
    public static EntryView entry(RegistrySnapshot s, StoredEntry se) {
        return ViewMapping.entry(s, se);
    }
}
