package dev.portreg.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the registry tables with plain JDBC: the whole registry is loaded at once into a {@link
 * RegistrySnapshot}, which a persistence context would only slow down. Reads of their own run in
 * one {@link RepeatableRead} transaction; the rows are mapped by {@link RegistryRows}, the registry
 * of an earlier revision rebuilt by {@link PastRegistry}.
 */
@ApplicationScoped
public class RegistryStore {

    /**
     * The first revision of the registry as it is: its last seed (or baseline), which lists every
     * entry. Days before it belong to a registry replaced wholesale and are not answered for.
     */
    static final String EPOCH =
            "(SELECT coalesce(max(revision), 0) FROM registry_change WHERE full_state)";

    private final AgroalDataSource dataSource;
    private final RegistryRows rows;
    private final PastRegistry past;

    RegistryStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.rows = new RegistryRows(json);
        this.past = new PastRegistry(rows);
    }

    /**
     * Loads the whole registry in one read-only transaction of its own, so the parts agree; a
     * caller's transaction is suspended meanwhile.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public RegistrySnapshot loadSnapshot() {
        return read(this::loadSnapshot);
    }

    /** The whole registry, on the caller's connection (inside its transaction). */
    public RegistrySnapshot loadSnapshot(Connection c) throws SQLException {
        Head head = head(c);
        return new RegistrySnapshot(
                loadInfo(c).orElse(null),
                loadEntries(c),
                loadPeople(c),
                head.revision(),
                head.changedAt());
    }

    /**
     * The newest change set: its revision (0 when there is none), when it was committed and the day
     * the registry stood so.
     */
    public record Head(long revision, Instant changedAt, LocalDate effectiveDate) {
        static final Head NONE = new Head(0, null, null);
    }

    /** The newest change set, on the caller's connection: one index probe. */
    public Head head(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT revision, changed_at, effective_date FROM registry_change"
                                        + " ORDER BY revision DESC LIMIT 1")) {
            if (!rs.next()) {
                return Head.NONE;
            }
            return new Head(
                    rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getDate(3).toLocalDate());
        }
    }

    /** The newest revision, on a connection of its own. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public long headRevision() {
        try (Connection c = dataSource.getConnection()) {
            return head(c).revision();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    /**
     * What the change sets after {@code revision} wrote, in order.
     *
     * @param upstream true when one of them imported an upstream file or listed the whole registry
     *     (an instance then reloads rather than applying them one by one)
     * @param items their items, in the order written
     * @param people the people they wrote
     * @param info the registry header now
     */
    public record Delta(
            Head head,
            boolean upstream,
            int changeSets,
            List<ChangeItem> items,
            List<Person> people,
            RegistryInfo info) {}

    /**
     * The change sets after {@code revision}, read in one REPEATABLE READ transaction of their own.
     *
     * @param maxItems read no items when there are more than this (the caller reloads instead)
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Delta loadSince(long revision, int maxItems) {
        return read(c -> loadSince(c, revision, maxItems));
    }

    /** The change sets after {@code revision}, on the caller's connection. */
    public Delta loadSince(Connection c, long revision, int maxItems) throws SQLException {
        Head head = head(c);
        boolean upstream = false;
        int sets = 0;
        long itemCount = 0;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT upstream OR full_state, added + changed + removed"
                                + " FROM registry_change WHERE revision > ?")) {
            ps.setLong(1, revision);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sets++;
                    upstream |= rs.getBoolean(1);
                    itemCount += rs.getLong(2);
                }
            }
        }
        if (upstream || itemCount > maxItems) {
            return new Delta(head, true, sets, List.of(), List.of(), null);
        }
        return new Delta(
                head,
                false,
                sets,
                itemsSince(c, revision),
                peopleSince(c, revision),
                loadInfo(c).orElse(null));
    }

    /** The items of the change sets after {@code revision}, in the order written. */
    private List<ChangeItem> itemsSince(Connection c, long revision) throws SQLException {
        List<ChangeItem> items = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT action, entry_id, entry_key, position, before, after"
                                + " FROM registry_change_item WHERE revision > ?"
                                + " ORDER BY revision, id")) {
            ps.setLong(1, revision);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(
                            new ChangeItem(
                                    ChangeItem.Action.ofSlug(rs.getString(1)),
                                    rs.getLong(2),
                                    rs.getString(3),
                                    rs.getInt(4),
                                    entry(rs.getString(5)),
                                    entry(rs.getString(6))));
                }
            }
        }
        return items;
    }

    /** The people the change sets after {@code revision} wrote. */
    private static List<Person> peopleSince(Connection c, long revision) throws SQLException {
        List<Person> people = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT id, name, org, email, uri, updated FROM person"
                                + " WHERE revision > ?")) {
            ps.setLong(1, revision);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.add(RegistryRows.person(rs));
                }
            }
        }
        return people;
    }

    /** What the last upstream file imported said, entry by entry. */
    public UpstreamBase loadUpstream(Connection c) throws SQLException {
        long revision = 0;
        LocalDate date = null;
        String name = null;
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT revision, source_date, coalesce(source_name, source)"
                                        + " FROM registry_change WHERE upstream"
                                        + " ORDER BY revision DESC LIMIT 1")) {
            if (rs.next()) {
                revision = rs.getLong(1);
                java.sql.Date d = rs.getDate(2);
                date = d == null ? null : d.toLocalDate();
                name = rs.getString(3);
            }
        }
        Map<String, Entry> entries = new HashMap<>(20_000);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(2_000);
            try (ResultSet rs = s.executeQuery("SELECT entry_key, entry FROM upstream_entry")) {
                while (rs.next()) {
                    entries.put(rs.getString(1), entry(rs.getString(2)));
                }
            }
        }
        return new UpstreamBase(entries, revision, date, name);
    }

    /**
     * The registry as it stood at {@code revision}: the last item of every entry since the last
     * change set at or before it that lists the whole registry (a seed or a baseline); the people
     * and header of today, the header's Last Updated that revision's day.
     *
     * @return empty when no change set at or before {@code revision} lists the whole registry
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<RegistrySnapshot> loadAt(long revision) {
        return read(c -> past.at(c, revision));
    }

    /**
     * The last change set on or before the end of {@code day}; empty when the day is before the
     * first one.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public OptionalLong revisionOn(LocalDate day) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement(
                                "SELECT max(revision) FROM registry_change"
                                        + " WHERE effective_date <= ? AND revision >= "
                                        + EPOCH)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long r = rs.getLong(1);
                return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    /**
     * The first day the change log can answer for: that of the last change set listing the whole
     * registry (the seed); empty when there is none.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Optional<LocalDate> firstDay() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT min(effective_date) FROM registry_change"
                                        + " WHERE revision >= "
                                        + EPOCH)) {
            rs.next();
            java.sql.Date d = rs.getDate(1);
            return d == null ? Optional.empty() : Optional.of(d.toLocalDate());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    /** True when the registry holds no entry: one index probe, not a load. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean isEmpty() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM registry_entry)")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    /** The registry header, if there is one. */
    public Optional<RegistryInfo> loadInfo(Connection c) throws SQLException {
        return rows.info(c);
    }

    /** Every entry, in file order. */
    public List<StoredEntry> loadEntries(Connection c) throws SQLException {
        return rows.entries(c);
    }

    /** Every person, by id. */
    public Map<String, Person> loadPeople(Connection c) throws SQLException {
        return rows.people(c);
    }

    /** Writes (or replaces) the single registry_info row, as of {@code revision}. */
    public void saveInfo(Connection c, RegistryInfo info, long revision) throws SQLException {
        rows.saveInfo(c, info, revision);
    }

    /** Moves the registry's Last Updated to {@code day}, as of {@code revision}. */
    public void touchInfo(Connection c, LocalDate day, long revision) throws SQLException {
        rows.touchInfo(c, day, revision);
    }

    /** A value as JSON text, as the registry's JSON columns hold it. */
    public String write(Object value) {
        return rows.write(value);
    }

    /** Runs reads in one read-only REPEATABLE READ transaction of their own. */
    private <T> T read(RepeatableRead.Work<T> work) {
        return RepeatableRead.read(dataSource, "the registry", work);
    }

    /** An entry from its history JSON ({@link EntryJson}), or null. */
    Entry entry(String text) {
        return rows.entry(text);
    }
}
