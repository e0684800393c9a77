package dev.portreg.registry;

import static dev.portreg.registry.HistoryRows.CHANGE_COLUMNS;
import static dev.portreg.registry.HistoryRows.ITEM_COLUMNS;
import static dev.portreg.registry.HistoryRows.count;
import static dev.portreg.registry.HistoryRows.page;
import static dev.portreg.registry.HistoryRows.with;

import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.HistoryViews.ItemView;
import dev.portreg.registry.RegistryViews.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the history's reads, each on the caller's connection (inside the read-only transaction
 * {@link RegistryHistory} opens): pages of change sets with their items, one change set, the
 * revision a day bounds, the steps of a port's timeline.
 */
final class HistorySql {

    /** Items whose ports cover "?" (name-only items have none: int4range(NULL, NULL) is ∞). */
    static final String COVERS_PORT =
            "i.port_from IS NOT NULL AND int4range(i.port_from, i.port_to, '[]') @> ?";

    /** Items of the service name "?", ignoring case. */
    static final String NAMED = "lower(i.service_name) = lower(?)";

    private final HistoryRows rows;

    HistorySql(HistoryRows rows) {
        this.rows = rows;
    }

    /** The newest change sets first, each with at most {@code itemsPerChange} of its items. */
    Page<ChangeView> recent(Connection c, int page, int size, int itemsPerChange)
            throws SQLException {
        long total = count(c, "SELECT count(*) FROM registry_change");
        List<ChangeView> heads =
                rows.changes(
                        c,
                        "SELECT "
                                + CHANGE_COLUMNS
                                + " FROM registry_change c"
                                + " ORDER BY c.revision DESC"
                                + " LIMIT ? OFFSET ?",
                        size,
                        (long) page * size);
        return page(page, size, total, withFirstItems(c, heads, itemsPerChange));
    }

    /** The change sets from revision {@code from} to {@code to}, oldest first. */
    Page<ChangeView> between(Connection c, long from, long to, int page, int size, int items)
            throws SQLException {
        long total =
                count(
                        c,
                        "SELECT count(*) FROM registry_change"
                                + " WHERE revision >= ? AND revision <= ?",
                        from,
                        to);
        List<ChangeView> heads =
                rows.changes(
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
    }

    /**
     * The first revision on or after {@code day} ({@code lower}), or the last on or before it; only
     * revisions since the registry's epoch count.
     */
    long revisionBounding(Connection c, LocalDate day, boolean lower) throws SQLException {
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
    }

    /** One change set with a page of its items, if there is one. */
    Optional<ChangeView> change(Connection c, long id, int page, int size) throws SQLException {
        List<ChangeView> found =
                rows.changes(
                        c,
                        "SELECT " + CHANGE_COLUMNS + " FROM registry_change c WHERE c.id = ?",
                        id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        long total = count(c, "SELECT count(*) FROM registry_change_item WHERE change_id = ?", id);
        List<ItemView> items =
                rows.items(
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
    }

    /** Every item since the epoch that covered {@code port}, as a step of its timeline. */
    List<PortTimeline.Step> timelineSteps(Connection c, int port) throws SQLException {
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
                                    after == null ? null : EntryJson.parse(rows.object(after))));
                }
            }
        }
        return steps;
    }

    /** A page of the changes with items matching {@code where}, each with those items. */
    Page<ChangeView> filtered(Connection c, String where, Object arg, int page, int size)
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
                rows.changes(
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
                rows.items(
                        c,
                        "SELECT "
                                + ITEM_COLUMNS
                                + " FROM registry_change_item i WHERE i.change_id = ANY(?) AND "
                                + where
                                + " ORDER BY i.change_id, i.id",
                        HistoryRows.ids(c, heads),
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
                        : rows.items(
                                c,
                                "SELECT "
                                        + ITEM_COLUMNS
                                        + " FROM unnest(?::bigint[]) AS h(id) CROSS JOIN LATERAL"
                                        + " (SELECT * FROM registry_change_item x"
                                        + " WHERE x.change_id >= h.id AND x.change_id <= h.id"
                                        + " ORDER BY x.change_id, x.id LIMIT ?) i"
                                        + " ORDER BY i.change_id, i.id",
                                HistoryRows.ids(c, heads),
                                cap);
        List<ChangeView> out = new ArrayList<>(heads.size());
        for (ChangeView h : heads) {
            long count = h.added() + h.changed() + h.removed();
            out.add(with(h, count, items.getOrDefault(h.id(), List.of())));
        }
        return out;
    }
}
