package dev.portreg.registry;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes the registry tables with plain JDBC on a connection the caller owns, inside the caller's
 * transaction. Bulk writes use PostgreSQL COPY. Every method that changes the registry expects the
 * caller to have taken {@link #lock(Connection)} first, so registry writers run one at a time.
 *
 * <p>Holdings (see V1__create_registry.sql): every entry with ports whose status is not Unassigned
 * is linked to one {@code port_holding} per transport it covers; entries whose ranges overlap on a
 * transport share one holding covering their union. The exclusion constraints then refuse a second
 * holder: {@link #hold(Connection, StoredEntry)} fails with SQLState 23P01 when a port is taken.
 */
@ApplicationScoped
public class RegistryWriter {

    /** The advisory lock key of registry writers ("portreg" in ASCII). */
    public static final long LOCK_KEY = 0x706f72747265_67L;

    /** SQLState of an exclusion-constraint violation: the port is already held. */
    public static final String PORT_HELD = "23P01";

    private static final String ENTRY_COLUMNS =
            "id, entry_key, position, service_name, port_from, port_to, transport, description,"
                    + " assignee_id, contact_id, registered, modified, refs, service_code,"
                    + " unauthorized, notes";

    private final RegistryStore store;

    RegistryWriter(RegistryStore store) {
        this.store = store;
    }

    /** A history record: one registry_change row and its items. */
    public record Change(
            Instant at,
            String actor,
            String kind,
            String source,
            String summary,
            int added,
            int changed,
            int removed,
            List<ChangeItem> items,
            Long requestId) {
        public Change {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    /**
     * One changed entry: action is added, changed or removed; before is null when added, after is
     * null when removed.
     */
    public record ChangeItem(String action, String key, Entry before, Entry after) {}

    /** Serializes registry writers until the current transaction ends. */
    public void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, LOCK_KEY);
            ps.executeQuery().close();
        }
    }

    /** Inserts or updates these people; returns how many rows were inserted or changed. */
    public int upsertPeople(Connection c, Collection<Person> people) throws SQLException {
        Map<String, Person> byId = new LinkedHashMap<>();
        for (Person p : people) {
            byId.putIfAbsent(p.id(), p);
        }
        if (byId.isEmpty()) {
            return 0;
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS person_in");
            s.execute(
                    "CREATE TEMP TABLE person_in (id text, name text, org text, email text,"
                            + " uri text, updated text) ON COMMIT DROP");
        }
        Copy copy = new Copy();
        for (Person p : byId.values()) {
            copy.row(p.id(), p.name(), p.org(), p.email(), p.uri(), p.updated());
        }
        copy.into(c, "person_in (id, name, org, email, uri, updated)");
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(
                    "INSERT INTO person (id, name, org, email, uri, updated)"
                            + " SELECT id, name, org, email, uri, updated FROM person_in"
                            + " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                            + " org = excluded.org, email = excluded.email, uri = excluded.uri,"
                            + " updated = excluded.updated"
                            + " WHERE (person.name, person.org, person.email, person.uri,"
                            + " person.updated) IS DISTINCT FROM (excluded.name, excluded.org,"
                            + " excluded.email, excluded.uri, excluded.updated)");
        }
    }

    /** Creates id-only people for ids not yet known; returns how many were created. */
    public int addMissingPeople(Connection c, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO person (id) SELECT unnest(?::text[])"
                                + " ON CONFLICT (id) DO NOTHING")) {
            ps.setArray(1, c.createArrayOf("text", new HashSet<>(ids).toArray()));
            return ps.executeUpdate();
        }
    }

    /** The person ids an entry refers to: assignee, contact and person references. */
    public static Set<String> personIds(Entry e) {
        Set<String> out = new HashSet<>();
        if (e.assigneeId() != null) {
            out.add(e.assigneeId());
        }
        if (e.contactId() != null) {
            out.add(e.contactId());
        }
        for (Reference r : e.references()) {
            if ("person".equals(r.type()) && r.data() != null) {
                out.add(r.data());
            }
        }
        return out;
    }

    /**
     * Inserts new entries (their ids are ignored) with COPY; returns them with their new ids, in
     * the same order.
     */
    public List<StoredEntry> insertEntries(Connection c, List<StoredEntry> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        long[] ids = nextIds(c, "registry_entry", rows.size());
        List<StoredEntry> out = new ArrayList<>(rows.size());
        Copy copy = new Copy();
        for (int i = 0; i < rows.size(); i++) {
            StoredEntry r = rows.get(i);
            StoredEntry withId = new StoredEntry(ids[i], r.key(), r.position(), r.entry());
            entryRow(copy, withId);
            out.add(withId);
        }
        copy.into(c, "registry_entry (" + ENTRY_COLUMNS + ")");
        return out;
    }

    /** Rewrites these entries (matched by id): key, position and every field. */
    public void updateEntries(Connection c, List<StoredEntry> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS entry_in");
            s.execute(
                    "CREATE TEMP TABLE entry_in (LIKE registry_entry INCLUDING DEFAULTS)"
                            + " ON COMMIT DROP");
        }
        Copy copy = new Copy();
        for (StoredEntry r : rows) {
            entryRow(copy, r);
        }
        copy.into(c, "entry_in (" + ENTRY_COLUMNS + ")");
        try (Statement s = c.createStatement()) {
            s.executeUpdate(
                    "UPDATE registry_entry e SET entry_key = i.entry_key, position = i.position,"
                            + " service_name = i.service_name, port_from = i.port_from,"
                            + " port_to = i.port_to, transport = i.transport,"
                            + " description = i.description, assignee_id = i.assignee_id,"
                            + " contact_id = i.contact_id, registered = i.registered,"
                            + " modified = i.modified, refs = i.refs,"
                            + " service_code = i.service_code, unauthorized = i.unauthorized,"
                            + " notes = i.notes FROM entry_in i WHERE e.id = i.id");
        }
    }

    /** Sets the positions of entries by id, for entries that only moved. */
    public void updatePositions(Connection c, Map<Long, Integer> positions) throws SQLException {
        if (positions.isEmpty()) {
            return;
        }
        Long[] ids = positions.keySet().toArray(Long[]::new);
        Integer[] pos = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            pos[i] = positions.get(ids[i]);
        }
        try (PreparedStatement ps =
                c.prepareStatement(
                        "UPDATE registry_entry e SET position = m.position"
                                + " FROM unnest(?::bigint[], ?::int[]) AS m(id, position)"
                                + " WHERE e.id = m.id")) {
            ps.setArray(1, c.createArrayOf("bigint", ids));
            ps.setArray(2, c.createArrayOf("integer", pos));
            ps.executeUpdate();
        }
    }

    /** Deletes entries by id; their holding links go with them. */
    public void deleteEntries(Connection c, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM registry_entry WHERE id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            ps.executeUpdate();
        }
    }

    /**
     * Makes the holdings match {@code entries} (all entries of the registry, with their ids):
     * computes the holdings they need, then deletes the holdings that differ from those and inserts
     * the missing ones, so an import that changes a few entries rewrites a few holdings. Returns
     * the number of holdings deleted plus inserted.
     */
    public int rebuildHoldings(Connection c, List<StoredEntry> entries) throws SQLException {
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
        if (!missing.isEmpty()) {
            long[] ids = nextIds(c, "port_holding", missing.size());
            Copy hold = new Copy();
            Copy links = new Copy();
            for (int i = 0; i < missing.size(); i++) {
                HoldingKey h = missing.get(i);
                String id = Long.toString(ids[i]);
                hold.row(id, h.transport().slug(), "[" + h.from() + "," + (h.to() + 1) + ")");
                for (Long entryId : h.entryIds()) {
                    links.row(entryId.toString(), id);
                }
            }
            hold.into(c, "port_holding (id, transport, ports)");
            links.into(c, "entry_holding (entry_id, holding_id)");
        }
        return existing.size() + missing.size();
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
    public static boolean held(Entry e) {
        return e.ports() != null && e.status() != PortStatus.UNASSIGNED;
    }

    /**
     * Adds one entry at {@code position} (after the entries already there) and, when it holds
     * ports, new holdings for it on each transport it covers.
     *
     * @throws SQLException with SQLState {@link #PORT_HELD} when one of its ports is already held
     *     on one of its transports
     */
    public StoredEntry addEntry(Connection c, Entry e, int position) throws SQLException {
        StoredEntry stored =
                insertEntries(c, List.of(new StoredEntry(0, nextKey(c, e), position, e))).get(0);
        hold(c, stored);
        return stored;
    }

    /**
     * A key for {@code e} that no stored entry has yet: its base key, or "#n" after the last
     * repeat.
     */
    public String nextKey(Connection c, Entry e) throws SQLException {
        String base = EntryKeys.base(e);
        int n = 1;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT entry_key FROM registry_entry WHERE entry_key = ?"
                                + " OR starts_with(entry_key, ?)")) {
            ps.setString(1, base);
            ps.setString(2, base + "#");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    int repeat =
                            key.equals(base) ? 1 : parseRepeat(key.substring(base.length() + 1));
                    n = Math.max(n, repeat + 1);
                }
            }
        }
        return EntryKeys.repeat(base, n);
    }

    /**
     * Inserts one new holding per transport for an entry that holds ports.
     *
     * @throws SQLException with SQLState {@link #PORT_HELD} when a port is already held
     */
    public void hold(Connection c, StoredEntry se) throws SQLException {
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

    /** Writes a registry_change row and its items; returns the change id. */
    public long recordChange(Connection c, Change change) throws SQLException {
        long id;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO registry_change (changed_at, actor, kind, source, summary,"
                                + " added, changed, removed, request_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setTimestamp(1, Timestamp.from(change.at()));
            ps.setString(2, change.actor());
            ps.setString(3, change.kind());
            ps.setString(4, change.source());
            ps.setString(5, change.summary());
            ps.setInt(6, change.added());
            ps.setInt(7, change.changed());
            ps.setInt(8, change.removed());
            ps.setObject(9, change.requestId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (!change.items().isEmpty()) {
            Copy copy = new Copy();
            String changeId = Long.toString(id);
            for (ChangeItem item : change.items()) {
                Entry e = item.after() != null ? item.after() : item.before();
                copy.row(
                        changeId,
                        item.action(),
                        item.key(),
                        e.serviceName(),
                        e.ports() == null ? null : Integer.toString(e.ports().from()),
                        e.ports() == null ? null : Integer.toString(e.ports().to()),
                        e.transport() == null ? null : e.transport().slug(),
                        item.before() == null ? null : store.write(EntryJson.of(item.before())),
                        item.after() == null ? null : store.write(EntryJson.of(item.after())));
            }
            copy.into(
                    c,
                    "registry_change_item (change_id, action, entry_key, service_name, port_from,"
                            + " port_to, transport, before, after)");
        }
        return id;
    }

    private void entryRow(Copy copy, StoredEntry r) {
        Entry e = r.entry();
        copy.row(
                Long.toString(r.id()),
                r.key(),
                Integer.toString(r.position()),
                e.serviceName(),
                e.ports() == null ? null : Integer.toString(e.ports().from()),
                e.ports() == null ? null : Integer.toString(e.ports().to()),
                e.transport() == null ? null : e.transport().slug(),
                e.description(),
                e.assigneeId(),
                e.contactId(),
                e.registered(),
                e.modified(),
                store.write(e.references()),
                e.serviceCode() == null ? null : e.serviceCode().toString(),
                e.unauthorized(),
                e.notes());
    }

    private static int parseRepeat(String suffix) {
        try {
            return Integer.parseInt(suffix);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static long[] nextIds(Connection c, String table, int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT nextval(pg_get_serial_sequence(?, 'id'))"
                                + " FROM generate_series(1, ?)")) {
            ps.setString(1, table);
            ps.setInt(2, n);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    ids[i++] = rs.getLong(1);
                }
            }
        }
        return ids;
    }

    /** Rows in COPY text format: tab-separated, \N for null, backslash escapes. */
    private static final class Copy {
        private final StringBuilder text = new StringBuilder(1 << 16);
        private int rows;

        void row(String... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                String v = values[i];
                if (v == null) {
                    text.append("\\N");
                    continue;
                }
                for (int j = 0; j < v.length(); j++) {
                    char ch = v.charAt(j);
                    switch (ch) {
                        case '\\' -> text.append("\\\\");
                        case '\t' -> text.append("\\t");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        default -> text.append(ch);
                    }
                }
            }
            text.append('\n');
            rows++;
        }

        void into(Connection c, String target) throws SQLException {
            if (rows == 0) {
                return;
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try {
                long n =
                        copy.copyIn(
                                "COPY " + target + " FROM STDIN",
                                new StringReader(text.toString()));
                Log.debugf("copied %d rows into %s", n, target);
            } catch (IOException e) {
                throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), e);
            }
        }
    }
}
