package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import dev.portreg.common.Urls;
import dev.portreg.registry.RegistryViews.GapView;
import dev.portreg.registry.RegistryViews.PortView;
import dev.portreg.registry.RegistryViews.SearchResult;
import dev.portreg.registry.RegistryViews.ServiceView;
import dev.portreg.registry.RegistryViews.Stats;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The registry's HTML pages: a thin adapter over {@link RegistryQueries}, like {@link RegistryApi}.
 * Every answer comes from the in-memory snapshot; bad input reaches {@code ErrorMapper} as a {@link
 * ProblemException} and becomes the error page with its status. Pages that depend only on the
 * registry are rendered once per snapshot ({@link PageCache}).
 */
@Path("/")
@Produces(RegistryPages.HTML)
public class RegistryPages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    /** The largest System gaps named on the home page. */
    static final int HOME_GAPS = 3;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(
                Stats stats, String systemMap, List<GapView> largestGaps, int systemFree);

        /** The System-range picture alone: the same for every visitor, kept per snapshot. */
        static native TemplateInstance sysmap(SystemMap map);

        static native TemplateInstance port(
                PortView port, Neighbours neighbours, AsOf asOf, PortTimeline.View timeline);

        static native TemplateInstance service(ServiceView service);

        static native TemplateInstance search(SearchResult result);

        static native TemplateInstance gaps(
                List<GapView> gaps, GapFilters filters, int total, List<GapView> largest);

        static native TemplateInstance about(
                List<RangeRule> ranges,
                List<PortStatus> statuses,
                List<RegistrationPolicy> policies);
    }

    private final RegistryQueries queries;
    private final PageCache cache;
    private final RegistryHistory history;

    RegistryPages(RegistryQueries queries, PageCache cache, RegistryHistory history) {
        this.queries = queries;
        this.cache = cache;
        this.history = history;
    }

    @GET
    public byte[] home() {
        RegistrySnapshot s = queries.snapshot();
        return cache.page(s, "home", () -> renderHome(s));
    }

    private String renderHome(RegistrySnapshot s) {
        List<GapView> gaps =
                queries.gaps(
                        s,
                        Integer.toString(PortRange.SYSTEM.from),
                        Integer.toString(PortRange.SYSTEM.to),
                        null,
                        null);
        int free = gaps.stream().mapToInt(GapView::size).sum();
        String map = cache.fragment(s, "sysmap", () -> Templates.sysmap(SystemMap.of(s)).render());
        return Templates.home(queries.stats(s), map, largest(gaps, HOME_GAPS), free).render();
    }

    /**
     * A port number goes to its page, an exact service name to the service's page (both 303, so the
     * address bar shows where the visitor landed); anything else lists what matches.
     */
    @GET
    @Path("search")
    public Response search(@QueryParam("q") String q, @QueryParam("limit") String limit) {
        String text = q == null ? "" : q.trim();
        if (text.matches("\\d{1,9}")) {
            int port = RegistryQueries.parsePort("q", text);
            return Response.seeOther(URI.create("/ports/" + port)).build();
        }
        if (!text.isEmpty()) {
            List<StoredEntry> named = queries.snapshot().byName(text);
            if (!named.isEmpty()) {
                String canonical = named.get(0).entry().serviceName();
                return Response.seeOther(URI.create("/services/" + Urls.segment(canonical)))
                        .build();
            }
        }
        return Response.ok(Templates.search(queries.search(text, limit))).build();
    }

    /**
     * A port's page; with {@code at=YYYY-MM-DD}, as the registry stood at the end of that day
     * (rendered each time: only the current registry's pages are kept).
     */
    @GET
    @Path("ports/{port}")
    public CompletionStage<byte[]> port(
            @PathParam("port") String port, @QueryParam("at") String at) {
        int p = RegistryQueries.parsePort("port", port);
        if (Answers.blank(at) && queries.inMemory()) {
            byte[] kept = cache.peek(queries.snapshot(), "port:" + p);
            if (kept != null) {
                return Answers.now(() -> kept);
            }
        }
        return Answers.blockingInContext(() -> renderPort(p, at));
    }

    private byte[] renderPort(int p, String at) {
        if (!Answers.blank(at)) {
            RegistrySnapshot then = queries.snapshot(at);
            PortView view = queries.port(then, p);
            return PageCache.utf8(
                    Templates.port(
                                    view,
                                    Neighbours.of(p),
                                    AsOf.of(then, at, "/ports/" + p),
                                    timeline(p))
                            .render());
        }
        RegistrySnapshot s = queries.snapshot();
        return cache.page(
                s,
                "port:" + p,
                () -> {
                    PortView view = queries.port(s, p);
                    return Templates.port(view, Neighbours.of(p), null, timeline(p)).render();
                });
    }

    /** The port's timeline, or null when the history cannot be read right now. */
    private PortTimeline.View timeline(int port) {
        try {
            return history.timeline(port);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Legacy names may hold a slash ("EtherNet/IP-1"), so the name takes the rest of the path. */
    @GET
    @Path("services/{name: .+}")
    public byte[] service(@PathParam("name") String name) {
        RegistrySnapshot s = queries.snapshot();
        String key = "service:" + ServiceNames.normalize(name.trim());
        if (s.byName(name.trim()).isEmpty()) {
            // throws the 404
            return PageCache.utf8(Templates.service(queries.service(name)).render());
        }
        return cache.page(s, key, () -> Templates.service(queries.service(name)).render());
    }

    @GET
    @Path("gaps")
    public TemplateInstance gaps(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("transport") List<String> transport,
            @QueryParam("minSize") String minSize) {
        boolean noRange = Answers.blank(from) && Answers.blank(to);
        String fromText = noRange ? Integer.toString(PortRange.SYSTEM.from) : from;
        String toText = noRange ? Integer.toString(PortRange.SYSTEM.to) : to;
        List<GapView> gaps = queries.gaps(fromText, toText, transport, minSize);
        List<Transport> transports =
                RegistryQueries.parseTransports(
                        "transport", transport, RegistryQueries.DEFAULT_GAP_TRANSPORTS);
        GapFilters filters =
                new GapFilters(
                        fromText,
                        Answers.blank(toText) ? Integer.toString(PortRange.USER.to) : toText,
                        transports,
                        Answers.blank(minSize) ? "1" : minSize.trim());
        return Templates.gaps(
                gaps, filters, gaps.stream().mapToInt(GapView::size).sum(), largest(gaps, 5));
    }

    @GET
    @Path("about")
    public byte[] about() {
        return cache.page(queries.snapshot(), "about", this::renderAbout);
    }

    private String renderAbout() {
        List<RangeRule> ranges = new ArrayList<>();
        for (PortRange r : PortRange.values()) {
            ranges.add(new RangeRule(r, RequestPolicy.forRange(r)));
        }
        return Templates.about(
                        ranges, List.of(PortStatus.values()), List.of(RegistrationPolicy.values()))
                .render();
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The {@code n} longest runs, longest first (the lower one first on a tie). */
    static List<GapView> largest(List<GapView> gaps, int n) {
        return gaps.stream()
                .sorted(
                        Comparator.comparingInt(GapView::size)
                                .reversed()
                                .thenComparingInt(GapView::from))
                .limit(n)
                .toList();
    }

    // --- page models ---------------------------------------------------------------------------

    /** The ports around one port: the previous and next ports, when they exist. */
    public record Neighbours(Integer previous, Integer next) {
        static Neighbours of(int port) {
            return new Neighbours(
                    port > 0 ? port - 1 : null, port < PortRange.MAX_PORT ? port + 1 : null);
        }

        /** Port 0 is a port too, so templates test this rather than the number. */
        public boolean hasPrevious() {
            return previous != null;
        }

        public boolean hasNext() {
            return next != null;
        }
    }

    /**
     * A page shown as the registry stood on a past day.
     *
     * @param day the day asked for
     * @param revision the change set the page shows
     * @param updated that registry's Last Updated
     * @param source the file it came from
     * @param nowUrl the same page as the registry is now
     */
    public record AsOf(
            String day, long revision, java.time.LocalDate updated, String source, String nowUrl) {
        static AsOf of(RegistrySnapshot s, String day, String nowUrl) {
            return new AsOf(
                    day.strip(),
                    s.revision(),
                    s.info().map(RegistryInfo::updated).orElse(null),
                    s.info().map(RegistryInfo::source).orElse(null),
                    nowUrl);
        }
    }

    /** A range and the policy a request for a free port in it needs. */
    public record RangeRule(PortRange range, RequestPolicy policy) {}

    /** The gaps form's values, to refill it. */
    public record GapFilters(String from, String to, List<Transport> transports, String minSize) {

        /** One checkbox per transport, ticked when the search covers it. */
        public List<TransportOption> options() {
            return Transport.ALL.stream()
                    .map(t -> new TransportOption(t, transports.contains(t)))
                    .toList();
        }
    }

    public record TransportOption(Transport transport, boolean checked) {}

    /**
     * The System range (0-1023) as one cell per port, coloured by its TCP and UDP status: a cell is
     * one colour when both agree and split diagonally when they differ.
     */
    public record SystemMap(List<Row> rows) {

        public static final int COLUMNS = 32;

        static SystemMap of(RegistrySnapshot s) {
            List<Row> rows = new ArrayList<>();
            for (int start = PortRange.SYSTEM.from;
                    start <= PortRange.SYSTEM.to;
                    start += COLUMNS) {
                List<Cell> cells = new ArrayList<>(COLUMNS);
                for (int p = start; p < start + COLUMNS; p++) {
                    cells.add(Cell.of(p, s.status(p, Transport.TCP), s.status(p, Transport.UDP)));
                }
                rows.add(new Row(start, List.copyOf(cells)));
            }
            return new SystemMap(List.copyOf(rows));
        }
    }

    public record Row(int start, List<Cell> cells) {}

    /**
     * One port of the picture.
     *
     * @param css the classes that colour it: "t-" and "u-" followed by each status' slug
     * @param text what the cell says: "938 — Unassigned", or both statuses when they differ
     */
    public record Cell(int port, String css, String text) {

        static Cell of(int port, PortStatus tcp, PortStatus udp) {
            String text =
                    tcp == udp
                            ? port + " — " + tcp.label
                            : port + " — TCP " + tcp.label + ", UDP " + udp.label;
            return new Cell(port, "t-" + tcp.slug() + " u-" + udp.slug(), text);
        }
    }
}
