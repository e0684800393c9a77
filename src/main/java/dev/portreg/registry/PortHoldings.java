package dev.portreg.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code port_holding} rows and their {@code entry_holding} links (see
 * V1__create_registry.sql): every entry with ports whose status is not Unassigned is linked to one
 * holding per transport it covers; entries whose ranges overlap on a transport share one holding
 * covering their union. The exclusion constraints then refuse a second holder. Callers go through
 * {@link RegistryWriter}, which holds the registry writers' lock.
 */
final class PortHoldings {

    private PortHoldings() {}

    /**
     * Makes the holdings match {@code entries} (all entries of the registry, with their ids):
     * computes the holdings they need, then deletes the holdings that differ from those and inserts
     * the missing ones, so an import that changes a few entries rewrites a few holdings. Returns
     * the number of holdings deleted plus inserted.
     */
    static int rebuild(Connection c, List<StoredEntry> entries) throws SQLException {
        Map<HoldingKey, Long> existing = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT h.id, h.transport, lower(h.ports), upper(h.ports) - 1,"
                                        + " array_agg(eh.entry_id ORDER BY eh.entry_id)"
                                        + " FILTER (WHERE eh.entry_id IS NOT NULL)"
                                        + " FROM port_holding h LEFT JOIN entry_holding eh"
                                        + " ON eh.holding_id = h.id GROUP BY h.id")) {
            while (rs.next()) {
                java.sql.Array a = rs.getArray(5);
                List<Long> members = new ArrayList<>();
                if (a != null) {
                    for (Object o : (Object[]) a.getArray()) {
                        members.add(((Number) o).longValue());
                    }
                }
                existing.put(
                        new HoldingKey(
                                Transport.parse(rs.getString(2)).orElseThrow(),
                                rs.getInt(3),
                                rs.getInt(4),
                                members),
                        rs.getLong(1));
            }
        }
        List<HoldingKey> wanted = holdings(entries);
        List<HoldingKey> missing = new ArrayList<>();
        for (HoldingKey h : wanted) {
            if (existing.remove(h) == null) {
                missing.add(h);
            }
        }
        if (!existing.isEmpty()) {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM port_holding WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", existing.values().toArray()));
                ps.executeUpdate();
            }
        }
        insertHoldings(c, missing);
        return existing.size() + missing.size();
    }

    private static void insertHoldings(Connection c, List<HoldingKey> holdings)
            throws SQLException {
        if (holdings.isEmpty()) {
            return;
        }
        long[] ids = CopyRows.nextIds(c, "port_holding", holdings.size());
        CopyRows hold = new CopyRows();
        CopyRows links = new CopyRows();
        for (int i = 0; i < holdings.size(); i++) {
            HoldingKey h = holdings.get(i);
            String id = Long.toString(ids[i]);
            hold.row(id, h.transport().slug(), "[" + h.from() + "," + (h.to() + 1) + ")");
            for (Long entryId : h.entryIds()) {
                links.row(entryId.toString(), id);
            }
        }
        hold.into(c, "port_holding (id, transport, ports)");
        links.into(c, "entry_holding (entry_id, holding_id)");
    }

    /**
     * The holdings after a local change (a registry action, an operator fix), touching only what it
     * changed: the holdings of entries whose held ports or transports changed are dropped and
     * rebuilt for the entries left in them; every entry that newly holds ports gets new holdings of
     * its own, never merged, so a port someone else holds fails with SQLState {@link
     * RegistryWriter#PORT_HELD}.
     *
     * @param after the registry after the change
     */
    static void update(Connection c, List<ChangeItem> items, RegistrySnapshot after)
            throws SQLException {
        Set<Long> released = new HashSet<>();
        List<StoredEntry> toHold = new ArrayList<>();
        for (ChangeItem i : items) {
            boolean was = i.before() != null && held(i.before());
            boolean is = i.after() != null && held(i.after());
            if (was
                    && is
                    && i.before().ports().equals(i.after().ports())
                    && i.before().transport() == i.after().transport()) {
                continue;
            }
            if (was) {
                released.add(i.entryId());
            }
            if (is) {
                toHold.add(i.stored());
            }
        }
        if (!released.isEmpty()) {
            Set<Long> holdings = new HashSet<>();
            Set<Long> members = new HashSet<>();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT o.holding_id, o.entry_id FROM entry_holding r"
                                    + " JOIN entry_holding o ON o.holding_id = r.holding_id"
                                    + " WHERE r.entry_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", released.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        holdings.add(rs.getLong(1));
                        members.add(rs.getLong(2));
                    }
                }
            }
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM port_holding WHERE id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", holdings.toArray()));
                ps.executeUpdate();
            }
            List<StoredEntry> left = new ArrayList<>();
            for (Long id : members) {
                StoredEntry se = after.byId(id).orElse(null);
                if (!released.contains(id) && se != null) {
                    left.add(se);
                }
            }
            insertHoldings(c, holdings(left));
        }
        for (StoredEntry se : toHold) {
            hold(c, se);
        }
    }

    /** A holding as the entries need it: transport, ports and its entries' ids in order. */
    private record HoldingKey(Transport transport, int from, int to, List<Long> entryIds) {}

    /**
     * The holdings entries need: per transport, the connected components of the held entries'
     * overlapping ranges.
     */
    private static List<HoldingKey> holdings(List<StoredEntry> entries) {
        record Span(long entryId, int from, int to) {}
        List<HoldingKey> out = new ArrayList<>();
        for (Transport t : Transport.ALL) {
            List<Span> spans = new ArrayList<>();
            for (StoredEntry se : entries) {
                if (held(se.entry()) && se.entry().covers(t)) {
                    spans.add(
                            new Span(se.id(), se.entry().ports().from(), se.entry().ports().to()));
                }
            }
            spans.sort(Comparator.comparingInt(Span::from).thenComparingInt(Span::to));
            int i = 0;
            while (i < spans.size()) {
                int from = spans.get(i).from();
                int to = spans.get(i).to();
                List<Long> ids = new ArrayList<>(2);
                while (i < spans.size() && spans.get(i).from() <= to) {
                    to = Math.max(to, spans.get(i).to());
                    ids.add(spans.get(i).entryId());
                    i++;
                }
                ids.sort(null);
                out.add(new HoldingKey(t, from, to, List.copyOf(ids)));
            }
        }
        return out;
    }

    /** True when the entry holds its ports: it has ports and is not Unassigned. */
    static boolean held(Entry e) {
        return e.ports() != null && e.status() != PortStatus.UNASSIGNED;
    }

    /**
     * Inserts one new holding per transport for an entry that holds ports.
     *
     * @throws SQLException with SQLState {@link RegistryWriter#PORT_HELD} when a port is already
     *     held
     */
    static void hold(Connection c, StoredEntry se) throws SQLException {
        if (!held(se.entry())) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        "WITH h AS (INSERT INTO port_holding (transport, ports)"
                                + " VALUES (?, int4range(?, ?, '[]')) RETURNING id)"
                                + " INSERT INTO entry_holding (entry_id, holding_id)"
                                + " SELECT ?, id FROM h")) {
            for (Transport t : se.entry().transports()) {
                ps.setString(1, t.slug());
                ps.setInt(2, se.entry().ports().from());
                ps.setInt(3, se.entry().ports().to());
                ps.setLong(4, se.id());
                ps.executeUpdate();
            }
        }
    }
}
