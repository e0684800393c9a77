package dev.portreg.registry;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * The advisory lock class of registry writers ("port" in ASCII). Advisory locks belong to the
     * whole database, so the second key is the registry's schema: registries in other schemas of
     * the same database (other deployments, parallel test runs) never wait for this one.
     */
    public static final int LOCK_CLASS = 0x706f7274;

    /**
     * The arguments of {@code pg_advisory_xact_lock} / {@code pg_advisory_lock} for this schema.
     */
    public static final String LOCK_ARGS = LOCK_CLASS + ", hashtext(current_schema())";

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

    /** Serializes registry writers until the current transaction ends. */
    public void lock(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT pg_advisory_xact_lock(" + LOCK_ARGS + ")")) {
            ps.executeQuery().close();
        }
    }

    /**
     * Inserts or updates these people, marking them written by {@code revision}; returns how many
     * rows were inserted or changed.
     */
    public int upsertPeople(Connection c, Collection<Person> people, long revision)
            throws SQLException {
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
                            + " uri text, updated text, revision bigint) ON COMMIT DROP");
        }
        CopyRows copy = new CopyRows();
        for (Person p : byId.values()) {
            copy.row(
                    p.id(),
                    p.name(),
                    p.org(),
                    p.email(),
                    p.uri(),
                    p.updated(),
                    Long.toString(revision));
        }
        copy.into(c, "person_in (id, name, org, email, uri, updated, revision)");
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(
                    "INSERT INTO person (id, name, org, email, uri, updated, revision)"
                            + " SELECT id, name, org, email, uri, updated, revision FROM person_in"
                            + " ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
                            + " org = excluded.org, email = excluded.email, uri = excluded.uri,"
                            + " updated = excluded.updated, revision = excluded.revision"
                            + " WHERE (person.name, person.org, person.email, person.uri,"
                            + " person.updated) IS DISTINCT FROM (excluded.name, excluded.org,"
                            + " excluded.email, excluded.uri, excluded.updated)");
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

    /** Inserts new entries, with the ids they were given ({@link #nextEntryIds}), with COPY. */
    public void insertEntries(Connection c, List<StoredEntry> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        CopyRows copy = new CopyRows();
        for (StoredEntry r : rows) {
            entryRow(copy, r);
        }
        copy.into(c, "registry_entry (" + ENTRY_COLUMNS + ")");
    }

    /** {@code n} new entry ids. */
    public long[] nextEntryIds(Connection c, int n) throws SQLException {
        return n == 0 ? new long[0] : CopyRows.nextIds(c, "registry_entry", n);
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
        CopyRows copy = new CopyRows();
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
        return PortHoldings.rebuild(c, entries);
    }

    /**
     * The holdings after a local change (a registry action, an operator fix), touching only what it
     * changed: the holdings of entries whose held ports or transports changed are dropped and
     * rebuilt for the entries left in them; every entry that newly holds ports gets new holdings of
     * its own, never merged, so a port someone else holds fails with SQLState {@link #PORT_HELD}.
     *
     * @param after the registry after the change
     */
    public void updateHoldings(Connection c, List<ChangeItem> items, RegistrySnapshot after)
            throws SQLException {
        PortHoldings.update(c, items, after);
    }

    /** True when the entry holds its ports: it has ports and is not Unassigned. */
    public static boolean held(Entry e) {
        return PortHoldings.held(e);
    }

    /**
     * Inserts one new holding per transport for an entry that holds ports.
     *
     * @throws SQLException with SQLState {@link #PORT_HELD} when a port is already held
     */
    public void hold(Connection c, StoredEntry se) throws SQLException {
        PortHoldings.hold(c, se);
    }

    /** A change set's own row. */
    public record ChangeRow(
            long revision,
            Instant at,
            LocalDate effectiveDate,
            String actor,
            ChangeKind kind,
            String source,
            String sourceName,
            LocalDate sourceDate,
            Long requestId,
            String reason,
            String summary,
            int added,
            int changed,
            int removed,
            RegistryInfo header) {}

    /** Writes a change set's row and its items; returns the row's id. */
    public long writeChange(Connection c, ChangeRow row, List<ChangeItem> items)
            throws SQLException {
        long id;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO registry_change (revision, changed_at, effective_date, actor,"
                                + " kind, upstream, full_state, source, source_name, source_date,"
                                + " request_id, reason, summary, added, changed, removed, header)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                                + " ?::jsonb) RETURNING id")) {
            ps.setLong(1, row.revision());
            ps.setTimestamp(2, Timestamp.from(row.at()));
            ps.setObject(3, row.effectiveDate());
            ps.setString(4, row.actor());
            ps.setString(5, row.kind().slug);
            ps.setBoolean(6, row.kind().upstream);
            ps.setBoolean(7, row.kind().fullState());
            ps.setString(8, row.source());
            ps.setString(9, row.sourceName());
            ps.setObject(10, row.sourceDate());
            ps.setObject(11, row.requestId());
            ps.setString(12, row.reason());
            ps.setString(13, row.summary());
            ps.setInt(14, row.added());
            ps.setInt(15, row.changed());
            ps.setInt(16, row.removed());
            ps.setString(17, row.header() == null ? null : store.write(header(row.header())));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        if (!items.isEmpty()) {
            CopyRows copy = new CopyRows();
            String changeId = Long.toString(id);
            String revision = Long.toString(row.revision());
            for (ChangeItem item : items) {
                Entry e = item.shown();
                copy.row(
                        changeId,
                        revision,
                        item.action().slug,
                        item.key(),
                        Long.toString(item.entryId()),
                        Integer.toString(item.position()),
                        e.serviceName(),
                        e.ports() == null ? null : Integer.toString(e.ports().from()),
                        e.ports() == null ? null : Integer.toString(e.ports().to()),
                        e.transport() == null ? null : e.transport().slug(),
                        item.before() == null ? null : store.write(EntryJson.of(item.before())),
                        item.after() == null ? null : store.write(EntryJson.of(item.after())));
            }
            copy.into(
                    c,
                    "registry_change_item (change_id, revision, action, entry_key, entry_id,"
                            + " position, service_name, port_from, port_to, transport, before,"
                            + " after)");
        }
        return id;
    }

    /** The header of an upstream file as kept on its change set. */
    static Map<String, Object> header(RegistryInfo h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", h.format().slug);
        m.put("partial", h.partial());
        m.put("title", h.title());
        m.put("category", h.category());
        m.put("updated", h.updated() == null ? null : h.updated().toString());
        m.put("expert", h.expert());
        m.put("notes", h.notes());
        m.put("footnotes", h.footnotes());
        return m;
    }

    /** Makes the upstream base what the new file says: these keys set or, when null, gone. */
    public void writeUpstream(Connection c, List<ChangePlan.BaseChange> changes)
            throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        List<String> gone = new ArrayList<>();
        CopyRows copy = new CopyRows();
        for (ChangePlan.BaseChange b : changes) {
            gone.add(b.key());
            if (b.entry() != null) {
                copy.row(b.key(), store.write(EntryJson.of(b.entry())));
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM upstream_entry WHERE entry_key = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("text", gone.toArray()));
            ps.executeUpdate();
        }
        copy.into(c, "upstream_entry (entry_key, entry)");
    }

    /** Tells every instance listening on {@code channel} that {@code revision} is committed. */
    public void notifyRevision(Connection c, String channel, long revision) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, Long.toString(revision));
            ps.executeQuery().close();
        }
    }

    private void entryRow(CopyRows copy, StoredEntry r) {
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
}
