package dev.portreg.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.HistoryViews.FieldDiff;
import dev.portreg.registry.HistoryViews.ItemView;
import dev.portreg.registry.RegistryViews.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the history tables as views: a change set's row ({@link #CHANGE_COLUMNS}) as a {@link
 * ChangeView}, an item's ({@link #ITEM_COLUMNS}) as an {@link ItemView} with its field diffs, and
 * the small JDBC helpers the history's queries share. {@link HistorySql} writes the queries; this
 * class only maps.
 */
final class HistoryRows {

    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT =
            new TypeReference<>() {};

    /** The columns {@link #changes} reads, of registry_change as {@code c}. */
    static final String CHANGE_COLUMNS =
            "c.id, c.changed_at, c.actor, c.kind, coalesce(c.source_name, c.source), c.summary,"
                    + " c.request_id, c.added, c.changed, c.removed, c.revision, c.effective_date,"
                    + " c.source_date, c.reason";

    /** The columns {@link #items} reads, of registry_change_item as {@code i}. */
    static final String ITEM_COLUMNS =
            "i.change_id, i.action, i.entry_key, i.service_name, i.port_from, i.port_to,"
                    + " i.transport, i.before, i.after";

    private final ObjectMapper json;

    HistoryRows(ObjectMapper json) {
        this.json = json;
    }

    /** The change sets {@code sql} selects ({@link #CHANGE_COLUMNS}), without their items. */
    List<ChangeView> changes(Connection c, String sql, Object... args) throws SQLException {
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

    /** The items {@code sql} selects ({@link #ITEM_COLUMNS}), by change, in the order read. */
    Map<Long, List<ItemView>> items(Connection c, String sql, Object... args) throws SQLException {
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
                name == null ? null : RegistryHistory.serviceUrl(name));
    }

    /** A statement with {@code args} bound in order. */
    static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }

    /** The single number {@code sql} selects. */
    static long count(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The ids of {@code changes}, as a bigint[] parameter. */
    static java.sql.Array ids(Connection c, List<ChangeView> changes) throws SQLException {
        return c.createArrayOf("bigint", changes.stream().map(ChangeView::id).toArray());
    }

    /** A change set with {@code count} items in all, of which {@code items} are shown. */
    static ChangeView with(ChangeView h, long count, List<ItemView> items) {
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

    /** A page of {@code size} with {@code total} rows in all. */
    static <T> Page<T> page(int page, int size, long total, List<T> items) {
        int pages = (int) ((total + size - 1) / size);
        return new Page<>(page, size, total, pages, items);
    }

    /** A JSON object from the history's JSON columns, or null. */
    Map<String, Object> object(String text) {
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
}
