package dev.portreg.registry;

import dev.portreg.common.Pager;
import dev.portreg.common.Urls;
import dev.portreg.registry.EntrySort.Column;
import dev.portreg.registry.RegistryPages.AsOf;
import dev.portreg.registry.RegistryViews.EntryView;
import dev.portreg.registry.RegistryViews.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The registry browser, {@code /registry}: every entry in IANA's order or sorted by a column,
 * filtered, a page at a time, under the registry's header as IANA's page shows it, with links to
 * download the same registry in every export format. A thin adapter over {@link RegistryQueries}.
 */
@Path("/registry")
@Produces(RegistryPages.HTML)
public class RegistryBrowser {

    /** The page sizes the registry browser offers. */
    static final List<Integer> PAGE_SIZES = List.of(25, 50, 100, 200, 500);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance registry(
                Page<EntryView> result,
                RegistryFilters filters,
                Pager pager,
                List<SortLink> columns,
                RegistryHeader header,
                List<Download> downloads,
                AsOf asOf);
    }

    private final RegistryQueries queries;

    RegistryBrowser(RegistryQueries queries) {
        this.queries = queries;
    }

    @GET
    public TemplateInstance registry(
            @QueryParam("range") String range,
            @QueryParam("status") String status,
            @QueryParam("transport") String transport,
            @QueryParam("q") String q,
            @QueryParam("sort") String sort,
            @QueryParam("page") String page,
            @QueryParam("size") String size,
            @QueryParam("at") String at) {
        EntrySort order = EntrySort.parse(sort);
        RegistryFilters filters =
                new RegistryFilters(range, status, transport, q, order.text(), size, at);
        int pageIndex = Pager.index(page);
        RegistrySnapshot s = queries.snapshot(at);
        Page<EntryView> result =
                queries.entries(
                        s, range, status, transport, q, sort, Integer.toString(pageIndex), size);
        return Templates.registry(
                result,
                filters,
                pager(result, filters::url),
                SortLink.all(filters, order),
                RegistryHeader.of(s),
                Download.all(at),
                blank(at) ? null : AsOf.of(s, at, filters.withoutAt()));
    }

    /** The pager of a page of a listing; {@code url} gives the address of a page from 1. */
    static Pager pager(Page<?> p, IntFunction<String> url) {
        return Pager.of(p.page(), p.size(), p.total(), p.pages(), p.items().size(), url);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /**
     * The registry browser's filters as the visitor typed them, to refill the form and to build
     * links that keep them.
     *
     * @param sort the order as written in the address ({@link EntrySort#text()}), null for IANA's
     */
    public record RegistryFilters(
            String range,
            String status,
            String transport,
            String q,
            String sort,
            String size,
            String at) {

        /** The address of page {@code page} (from 1) with the same filters and order. */
        public String url(int page) {
            return url(sort, page);
        }

        /** The first page with the same filters in another order. */
        String sortedBy(EntrySort order) {
            return url(order.text(), 1);
        }

        private String url(String order, int page) {
            StringBuilder b = new StringBuilder("/registry");
            Urls.query(b)
                    .add("range", range)
                    .add("status", status)
                    .add("transport", transport)
                    .add("q", q)
                    .add("sort", order)
                    .add("size", size)
                    .add("at", at)
                    .add("page", page > 1 ? Integer.toString(page) : null);
            return b.toString();
        }

        /** The same listing of the registry now. */
        String withoutAt() {
            return new RegistryFilters(range, status, transport, q, sort, size, null).url(1);
        }

        public boolean any() {
            return !blank(range) || !blank(status) || !blank(transport) || !blank(q) || !blank(at);
        }

        public boolean isSort(String value) {
            return value.equals(sort);
        }

        public boolean isRange(String value) {
            return value.equalsIgnoreCase(range == null ? "" : range.trim());
        }

        public boolean isStatus(String value) {
            return value.equalsIgnoreCase(status == null ? "" : status.trim());
        }

        public boolean isTransport(String value) {
            return value.equalsIgnoreCase(transport == null ? "" : transport.trim());
        }

        /** The page sizes offered, with the one asked for when it is none of them. */
        public List<Integer> sizes() {
            List<Integer> out = new ArrayList<>(PAGE_SIZES);
            String s = size == null ? "" : size.trim();
            if (s.matches("\\d{1,3}") && !out.contains(Integer.parseInt(s))) {
                out.add(Integer.parseInt(s));
                out.sort(null);
            }
            return out;
        }

        public boolean isSize(int value) {
            String s = size == null || size.isBlank() ? "" : size.trim();
            return s.isEmpty()
                    ? value == RegistryQueries.DEFAULT_PAGE_SIZE
                    : s.equals(Integer.toString(value));
        }
    }

    /**
     * A column heading of the table: the link that sorts by it (or reverses the order when it is
     * the one sorted by), and its {@code aria-sort} state.
     *
     * @param ariaSort "ascending", "descending" or null when the table is not sorted by it
     */
    public record SortLink(String slug, String label, String url, String ariaSort) {

        static List<SortLink> all(RegistryFilters filters, EntrySort order) {
            List<SortLink> out = new ArrayList<>();
            for (Column c : Column.values()) {
                String state =
                        c != order.column()
                                ? null
                                : order.descending() ? "descending" : "ascending";
                out.add(new SortLink(c.slug, c.label, filters.sortedBy(order.toggled(c)), state));
            }
            return out;
        }

        /** How the descending order by this column is written in an address. */
        public String reversed() {
            return "-" + slug;
        }

        /** What a click does, for screen readers and the tooltip. */
        public String hint() {
            return "ascending".equals(ariaSort)
                    ? "Sorted by " + label.toLowerCase() + ", ascending: sort descending"
                    : "Sort by " + label.toLowerCase();
        }
    }

    /** A link to the same registry (now or as of the day shown) in one export format. */
    public record Download(String label, String url, String note) {

        static List<Download> all(String at) {
            String day = blank(at) ? "" : "&at=" + Urls.param(at.strip());
            String base = "/api/v1/registry/export?format=";
            return List.of(
                    new Download("XML", base + "xml" + day, "IANA’s own format, with people"),
                    new Download("CSV", base + "csv" + day, "as IANA publishes it"),
                    new Download("JSON", base + "json" + day, "entries and people"),
                    new Download("/etc/services", base + "services" + day, "for glibc"));
        }
    }
}
