package dev.portreg.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.HistoryViews.HistoryList;
import dev.portreg.registry.RegistryViews.Page;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's history, read side: who changed what, when, and through which request, from the
 * insert-only tables registry_change and registry_change_item (V1, V3). Shared by the JSON API, the
 * pages, the Atom feed and the history box of port and service pages ({@code
 * inject:registryHistory.ofPort(938)}).
 *
 * <p>Plain JDBC, like {@link RegistryStore}: the answers are projections (a page of changes, each
 * with a capped list of its items) that no entity graph would load without N+1 queries or loading
 * every item of a 14,000-item import; the queries use range and expression indexes (V4) that JPQL
 * cannot name; and there is nothing to write. Each call reads in one read-only REPEATABLE READ
 * transaction ({@link RepeatableRead}), so a page, its total and its items agree; a caller's
 * transaction is suspended meanwhile. This class parses the inputs and opens the transaction; the
 * queries are {@link HistorySql}'s, the rows' mapping {@link HistoryRows}'.
 *
 * <p>Port lookups test {@code int4range(port_from, port_to, '[]') @> port} against V4's GiST index
 * on the change items' ranges ({@code registry_change_item_ports_gist}, still GiST: V6 moved only
 * {@code port_holding}'s exclusion constraints to SP-GiST, see ADR 0005); name lookups use {@code
 * lower(service_name)}, the expression index of V1.
 */
@ApplicationScoped
@Named("registryHistory")
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class RegistryHistory {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 100;

    /** Items listed per change in the recent list, unless the caller asks for another cap. */
    public static final int DEFAULT_ITEMS = 20;

    public static final int MAX_ITEMS = 500;

    /** Changes in the history box of a port or service page. */
    public static final int BOX_SIZE = 5;

    private final AgroalDataSource dataSource;
    private final HistorySql sql;

    RegistryHistory(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.sql = new HistorySql(new HistoryRows(json));
    }

    // --- queries with text inputs: the API and the pages -------------------------------------

    /** The newest changes first, each with at most {@code itemsText} of its items. */
    public Page<ChangeView> recent(String pageText, String sizeText, String itemsText) {
        int page = parsePage(pageText);
        int size = parseSize(sizeText);
        int items = RegistryQueries.parseInt("items", itemsText, DEFAULT_ITEMS, 0, MAX_ITEMS);
        return recent(page, size, items);
    }

    /** The changes whose items cover a port, newest first, each with those items. */
    public Page<ChangeView> forPort(String portText, String pageText, String sizeText) {
        return forPort(
                RegistryQueries.parsePort("port", portText),
                parsePage(pageText),
                parseSize(sizeText));
    }

    /**
     * The changes with items of a service name (ignoring case), newest first, each with those
     * items. A name with no history, including one never registered, has an empty history: a name
     * that was removed from the registry still has one, so "unknown" is not an error here.
     */
    public Page<ChangeView> forService(String name, String pageText, String sizeText) {
        return forService(parseName(name), parsePage(pageText), parseSize(sizeText));
    }

    /** One change with a page of its items, or a 404. */
    public ChangeView change(String idText, String pageText, String sizeText) {
        long id = parseId(idText);
        int page = parsePage(pageText);
        int size = RegistryQueries.parseInt("size", sizeText, MAX_ITEMS, 1, MAX_ITEMS);
        return change(id, page, size)
                .orElseThrow(() -> ProblemException.notFound("No registry change #" + id));
    }

    /**
     * The change sets between two points, oldest first, each with at most {@code itemsText} of its
     * items: {@code since} and {@code until} are a day (YYYY-MM-DD, by the day the registry stood
     * so) or a revision; a revision {@code since} is exclusive ("what changed after r41"), a day
     * inclusive.
     */
    public Page<ChangeView> between(
            String sinceText,
            String untilText,
            String pageText,
            String sizeText,
            String itemsText) {
        long from = bound("since", sinceText, true);
        long to = bound("until", untilText, false);
        int page = parsePage(pageText);
        int size = parseSize(sizeText);
        int items = RegistryQueries.parseInt("items", itemsText, DEFAULT_ITEMS, 0, MAX_ITEMS);
        return read(c -> sql.between(c, from, to, page, size, items));
    }

    /**
     * The first (or last) revision a bound admits: a revision number, or a day; blank is the
     * beginning (or the end) of the log.
     */
    private long bound(String field, String text, boolean lower) {
        if (text == null || text.isBlank()) {
            return lower ? 0 : Long.MAX_VALUE;
        }
        String t = text.strip();
        if (t.matches("r?\\d{1,18}")) {
            long rev = Long.parseLong(t.startsWith("r") ? t.substring(1) : t);
            return lower ? rev + 1 : rev;
        }
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badInput(
                    field, "must be a day (YYYY-MM-DD) or a revision number, not \"" + t + "\"");
        }
        return read(c -> sql.revisionBounding(c, day, lower));
    }

    // --- typed queries ---------------------------------------------------------------------------

    public Page<ChangeView> recent(int page, int size, int itemsPerChange) {
        return read(c -> sql.recent(c, page, size, itemsPerChange));
    }

    public Page<ChangeView> forPort(int port, int page, int size) {
        return read(c -> sql.filtered(c, HistorySql.COVERS_PORT, port, page, size));
    }

    public Page<ChangeView> forService(String name, int page, int size) {
        return read(c -> sql.filtered(c, HistorySql.NAMED, name, page, size));
    }

    public Optional<ChangeView> change(long id, int page, int size) {
        return read(c -> sql.change(c, id, page, size));
    }

    /** The newest changes for the Atom feed, each with at most {@code itemsPerChange} items. */
    public List<ChangeView> latest(int n, int itemsPerChange) {
        return recent(0, n, itemsPerChange).items();
    }

    /** What became of a port across the whole log, transport by transport. */
    public PortTimeline.View timeline(String portText) {
        return timeline(RegistryQueries.parsePort("port", portText));
    }

    public PortTimeline.View timeline(int port) {
        if (port > RegistrySnapshot.LISTED_MAX) {
            return new PortTimeline.View(port, List.of(), Map.of());
        }
        return read(c -> PortTimeline.of(port, sql.timelineSteps(c, port)));
    }

    /** The history box of a port page: the last few changes that touched the port. */
    public HistoryList ofPort(int port) {
        Page<ChangeView> p = forPort(port, 0, BOX_SIZE);
        return new HistoryList("port " + port, p.total(), p.items(), "/changes?port=" + port);
    }

    /** The history box of a service page: the last few changes to entries of that name. */
    public HistoryList ofService(String name) {
        String n = name == null ? "" : name.strip();
        Page<ChangeView> p =
                n.isEmpty()
                        ? HistoryRows.page(0, BOX_SIZE, 0, List.of())
                        : forService(n, 0, BOX_SIZE);
        return new HistoryList(
                "service " + n,
                p.total(),
                p.items(),
                "/changes?service=" + java.net.URLEncoder.encode(n, StandardCharsets.UTF_8));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Runs reads in one read-only transaction of their own, so they see one state. */
    private <T> T read(RepeatableRead.Work<T> work) {
        return RepeatableRead.read(dataSource, "the registry history", work);
    }

    static int parsePage(String text) {
        return RegistryQueries.parseInt("page", text, 0, 0, Integer.MAX_VALUE / 2);
    }

    static int parseSize(String text) {
        return RegistryQueries.parseInt("size", text, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    }

    static long parseId(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("\\d{1,18}")) {
            throw ProblemException.badInput("id", "must be a change number, not \"" + text + "\"");
        }
        return Long.parseLong(t);
    }

    /** A service name to look up: required, at most 63 characters (names have at most 15). */
    static String parseName(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw ProblemException.badInput("name", "is required: a service name");
        }
        if (t.length() > 63) {
            throw ProblemException.badInput(
                    "name", "is too long for a service name (at most 15 characters)");
        }
        return t;
    }

    /**
     * The service page of a name. Unreserved characters and the sub-delimiters legacy names hold
     * ({@code * + .}) stay; everything else is percent-encoded.
     */
    static String serviceUrl(String name) {
        StringBuilder b = new StringBuilder("/services/");
        for (byte ch : name.getBytes(StandardCharsets.UTF_8)) {
            if ((ch >= 'a' && ch <= 'z')
                    || (ch >= 'A' && ch <= 'Z')
                    || (ch >= '0' && ch <= '9')
                    || "-._~*+".indexOf(ch) >= 0) {
                b.append((char) ch);
            } else {
                b.append('%').append(String.format(Locale.ROOT, "%02X", ch & 0xff));
            }
        }
        return b.toString();
    }
}
