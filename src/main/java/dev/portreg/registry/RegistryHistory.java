package dev.portreg.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.HistoryViews.FieldDiff;
import dev.portreg.registry.HistoryViews.HistoryList;
import dev.portreg.registry.HistoryViews.ItemView;
import dev.portreg.registry.RegistryViews.Page;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * transaction, so a page, its total and its items agree; a caller's transaction is suspended
 * meanwhile.
 *
 * <p>Port lookups test {@code int4range(port_from, port_to, '[]') @> port} against the GiST index
 * of V4; name lookups use {@code lower(service_name)}, the expression index of V1.
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

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT =
            new TypeReference<>() {};

    private static final String CHANGE_COLUMNS =
            "c.id, c.changed_at, c.actor, c.kind, coalesce(c.source_name, c.source), c.summary,"
                    + " c.request_id, c.added, c.changed, c.removed, c.revision, c.effective_date,"
                    + " c.source_date, c.reason";

    private static final String ITEM_COLUMNS =
            "i.change_id, i.action, i.entry_key, i.service_name, i.port_from, i.port_to,"
                    + " i.transport, i.before, i.after";

    /** Items whose ports cover "?" (name-only items have none: int4range(NULL, NULL) is ∞). */
    private static final String COVERS_PORT =
            "i.port_from IS NOT NULL AND int4range(i.port_from, i.port_to, '[]') @> ?";

    private static final String NAMED = "lower(i.service_name) = lower(?)";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    RegistryHistory(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
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
        return read(
                c -> {
                    long total =
                            count(
                                    c,
                                    "SELECT count(*) FROM registry_change"
                                            + " WHERE revision >= ? AND revision <= ?",
                                    from,
                                    to);
                    List<ChangeView> heads =
                            changes(
                                    c,
                                    "SELECT "
                                            + CHANGE_COLUMNS
                                            + " FROM registry_change c"
                                            + " WHERE c.revision >= ? AND c.revision <= ?"
                                            + " ORDER BY c.revision LIMIT ? OFFSET ?",
                                    from,
                                    to,
                                    size,
                                    (long) page * size);
                    return page(page, size, total, withFirstItems(c, heads, items));
                });
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
        return read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    (lower
                                                    ? "SELECT coalesce(min(revision),"
                                                            + " 9223372036854775807) FROM registry_change"
                                                            + " WHERE effective_date >= ?"
                                                    : "SELECT coalesce(max(revision), 0)"
                                                            + " FROM registry_change"
                                                            + " WHERE effective_date <= ?")
                                            + " AND revision >= "
                                            + RegistryStore.EPOCH)) {
                        ps.setObject(1, day);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return rs.getLong(1);
                        }
                    }
                });
    }

    // --- typed queries ---------------------------------------------------------------------------

    public Page<ChangeView> recent(int page, int size, int itemsPerChange) {
        return read(
                c -> {
                    long total = count(c, "SELECT count(*) FROM registry_change");
                    List<ChangeView> heads =
                            changes(
                                    c,
                                    "SELECT "
                                            + CHANGE_COLUMNS
                                            + " FROM registry_change c"
                                            + " ORDER BY c.revision DESC"
                                            + " LIMIT ? OFFSET ?",
                                    size,
                                    (long) page * size);
                    return page(page, size, total, withFirstItems(c, heads, itemsPerChange));
                });
    }

    public Page<ChangeView> forPort(int port, int page, int size) {
        return read(c -> filtered(c, COVERS_PORT, port, page, size));
    }

    public Page<ChangeView> forService(String name, int page, int size) {
        return read(c -> filtered(c, NAMED, name, page, size));
    }

    public Optional<ChangeView> change(long id, int page, int size) {
        return read(
                c -> {
                    List<ChangeView> found =
                            changes(
                                    c,
                                    "SELECT "
                                            + CHANGE_COLUMNS
                                            + " FROM registry_change c"
                                            + " WHERE c.id = ?",
                                    id);
                    if (found.isEmpty()) {
                        return Optional.empty();
                    }
                    long total =
                            count(
                                    c,
                                    "SELECT count(*) FROM registry_change_item WHERE change_id = ?",
                                    id);
                    List<ItemView> items =
                            items(
                                            c,
                                            "SELECT "
                                                    + ITEM_COLUMNS
                                                    + " FROM registry_change_item i"
                                                    + " WHERE i.change_id >= ? AND i.change_id <= ?"
                                                    + " ORDER BY i.change_id, i.id LIMIT ? OFFSET ?",
                                            id,
                                            id,
                                            size,
                                            (long) page * size)
                                    .getOrDefault(id, List.of());
                    return Optional.of(with(found.get(0), total, items));
                });
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
        return read(
                c -> {
                    List<PortTimeline.Step> steps = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT c.revision, c.effective_date, c.kind, c.full_state,"
                                            + " c.request_id, coalesce(c.source_name, c.source),"
                                            + " c.id, i.entry_id, i.after"
                                            + " FROM registry_change_item i"
                                            + " JOIN registry_change c ON c.id = i.change_id"
                                            + " WHERE "
                                            + COVERS_PORT
                                            + " AND i.revision >= "
                                            + RegistryStore.EPOCH
                                            + " ORDER BY c.revision, i.id")) {
                        ps.setInt(1, port);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                long request = rs.getLong(5);
                                Long requestId = rs.wasNull() ? null : request;
                                String after = rs.getString(9);
                                steps.add(
                                        new PortTimeline.Step(
                                                rs.getLong(1),
                                                rs.getDate(2).toLocalDate(),
                                                rs.getString(3),
                                                rs.getBoolean(4),
                                                requestId,
                                                rs.getString(6),
                                                rs.getLong(7),
                                                rs.getLong(8),
                                                after == null
                                                        ? null
                                                        : EntryJson.parse(object(after))));
                            }
                        }
                    }
                    return PortTimeline.of(port, steps);
                });
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
                n.isEmpty() ? page(0, BOX_SIZE, 0, List.of()) : forService(n, 0, BOX_SIZE);
        return new HistoryList(
                "service " + n,
                p.total(),
                p.items(),
                "/changes?service=" + java.net.URLEncoder.encode(n, StandardCharsets.UTF_8));
    }

    // --- SQL -------------------------------------------------------------------------------------

    /** A page of the changes with items matching {@code where}, each with those items. */
    private Page<ChangeView> filtered(Connection c, String where, Object arg, int page, int size)
            throws SQLException {
        long total =
                count(
                        c,
                        "SELECT count(DISTINCT i.change_id) FROM registry_change_item i WHERE "
                                + where,
                        arg);
        if (total == 0) {
            return page(page, size, 0, List.of());
        }
        List<ChangeView> heads =
                changes(
                        c,
                        "SELECT "
                                + CHANGE_COLUMNS
                                + " FROM registry_change c WHERE c.id IN"
                                + " (SELECT i.change_id FROM registry_change_item i WHERE "
                                + where
                                + ") ORDER BY c.revision DESC LIMIT ? OFFSET ?",
                        arg,
                        size,
                        (long) page * size);
        if (heads.isEmpty()) {
            return page(page, size, total, List.of());
        }
        Map<Long, List<ItemView>> items =
                items(
                        c,
                        "SELECT "
                                + ITEM_COLUMNS
                                + " FROM registry_change_item i WHERE i.change_id = ANY(?) AND "
                                + where
                                + " ORDER BY i.change_id, i.id",
                        ids(c, heads),
                        arg);
        List<ChangeView> out = new ArrayList<>(heads.size());
        for (ChangeView h : heads) {
            List<ItemView> mine = items.getOrDefault(h.id(), List.of());
            out.add(with(h, mine.size(), mine));
        }
        return page(page, size, total, out);
    }

    /**
     * The changes with their first {@code cap} items. How many items a change has is read from its
     * counts: every entry a change set counts as added, changed or removed has one item (a seed
     * lists the whole registry). Counting the items instead would read every item of each
     * 14,000-item import on the page.
     */
    private List<ChangeView> withFirstItems(Connection c, List<ChangeView> heads, int cap)
            throws SQLException {
        if (heads.isEmpty()) {
            return heads;
        }
        // "change_id >= h.id AND change_id <= h.id" rather than "=": with an equality the
        // planner drops change_id from the ORDER BY and may walk the primary key in id order,
        // filtering out every item of older changes (55 ms instead of 0.5 ms for six changes
        // of 29,000 items); a range keeps it on (change_id, id), 20 index entries per change.
        Map<Long, List<ItemView>> items =
                cap == 0
                        ? Map.of()
                        : items(
                                c,
                                "SELECT "
                                        + ITEM_COLUMNS
                                        + " FROM unnest(?::bigint[]) AS h(id) CROSS JOIN LATERAL"
                                        + " (SELECT * FROM registry_change_item x"
                                        + " WHERE x.change_id >= h.id AND x.change_id <= h.id"
                                        + " ORDER BY x.change_id, x.id LIMIT ?) i"
                                        + " ORDER BY i.change_id, i.id",
                                ids(c, heads),
                                cap);
        List<ChangeView> out = new ArrayList<>(heads.size());
        for (ChangeView h : heads) {
            long count = h.added() + h.changed() + h.removed();
            out.add(with(h, count, items.getOrDefault(h.id(), List.of())));
        }
        return out;
    }

    private List<ChangeView> changes(Connection c, String sql, Object... args) throws SQLException {
        List<ChangeView> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                long request = rs.getLong(7);
                Long requestId = rs.wasNull() ? null : request;
                java.sql.Date sourceDate = rs.getDate(13);
                out.add(
                        new ChangeView(
                                id,
                                rs.getLong(11),
                                rs.getTimestamp(2).toInstant(),
                                rs.getDate(12).toLocalDate(),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                sourceDate == null ? null : sourceDate.toLocalDate(),
                                rs.getString(14),
                                rs.getString(6),
                                requestId,
                                requestId == null ? null : "/requests/" + requestId,
                                rs.getInt(8),
                                rs.getInt(9),
                                rs.getInt(10),
                                0,
                                List.of(),
                                "/changes/" + id));
            }
        }
        return out;
    }

    private Map<Long, List<ItemView>> items(Connection c, String sql, Object... args)
            throws SQLException {
        Map<Long, List<ItemView>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, sql, args)) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(item(rs));
                }
            }
        }
        return out;
    }

    private ItemView item(ResultSet rs) throws SQLException {
        String action = rs.getString(2);
        String name = rs.getString(4);
        int from = rs.getInt(5);
        Integer portFrom = rs.wasNull() ? null : from;
        int to = rs.getInt(6);
        Integer portTo = rs.wasNull() ? null : to;
        Map<String, Object> before = object(rs.getString(8));
        Map<String, Object> after = object(rs.getString(9));
        Map<String, Object> shown = after != null ? after : before;
        List<FieldDiff> fields =
                "changed".equals(action) ? FieldDiffs.between(before, after) : List.of();
        return new ItemView(
                action,
                rs.getString(3),
                name,
                portFrom == null ? null : ports(portFrom, portTo),
                portFrom,
                portTo,
                rs.getString(7),
                shown == null ? null : (String) shown.get("status"),
                shown == null ? null : (String) shown.get("description"),
                fields,
                portFrom == null ? null : "/ports/" + portFrom,
                name == null ? null : serviceUrl(name));
    }

    // --- helpers ---------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs reads in one read-only transaction of their own, so they see one state. */
    private <T> T read(Read<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot read the registry history: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args)
            throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    private static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static java.sql.Array ids(Connection c, List<ChangeView> changes) throws SQLException {
        return c.createArrayOf("bigint", changes.stream().map(ChangeView::id).toArray());
    }

    private static ChangeView with(ChangeView h, long count, List<ItemView> items) {
        return new ChangeView(
                h.id(),
                h.revision(),
                h.changedAt(),
                h.effectiveDate(),
                h.actor(),
                h.kind(),
                h.sourceName(),
                h.sourceDate(),
                h.reason(),
                h.summary(),
                h.requestId(),
                h.requestUrl(),
                h.added(),
                h.changed(),
                h.removed(),
                count,
                List.copyOf(items),
                h.url());
    }

    private static <T> Page<T> page(int page, int size, long total, List<T> items) {
        int pages = (int) ((total + size - 1) / size);
        return new Page<>(page, size, total, pages, items);
    }

    private Map<String, Object> object(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable history JSON: " + e.getMessage(), e);
        }
    }

    private static String ports(int from, Integer to) {
        return to == null || to == from ? Integer.toString(from) : from + "-" + to;
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
