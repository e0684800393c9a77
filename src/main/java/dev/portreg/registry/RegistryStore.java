package dev.portreg.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the registry tables with plain JDBC: the whole registry is loaded at once into a {@link
 * RegistrySnapshot}, which a persistence context would only slow down.
 */
@ApplicationScoped
public class RegistryStore {

    private static final TypeReference<List<Reference>> REFERENCES = new TypeReference<>() {};
    private static final TypeReference<List<RegistryInfo.Note>> NOTES = new TypeReference<>() {};

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    RegistryStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /**
     * Loads the whole registry in one read-only transaction of its own, so the parts agree; a
     * caller's transaction is suspended meanwhile.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public RegistrySnapshot loadSnapshot() {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                RegistrySnapshot snapshot =
                        new RegistrySnapshot(
                                loadInfo(c).orElse(null), loadEntries(c), loadPeople(c));
                c.commit();
                return snapshot;
            } finally {
                c.setAutoCommit(auto);
            }
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

    public Optional<RegistryInfo> loadInfo(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT source, format, partial, title, category, updated, expert,"
                                        + " notes, footnotes, imported_at FROM registry_info")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            java.sql.Date updated = rs.getDate(6);
            return Optional.of(
                    new RegistryInfo(
                            rs.getString(1),
                            RegistryInfo.SourceFormat.ofSlug(rs.getString(2)),
                            rs.getBoolean(3),
                            rs.getString(4),
                            rs.getString(5),
                            updated == null ? null : updated.toLocalDate(),
                            rs.getString(7),
                            read(rs.getString(8), NOTES),
                            read(rs.getString(9), NOTES),
                            rs.getTimestamp(10).toInstant()));
        }
    }

    /** Every entry, in file order. */
    public List<StoredEntry> loadEntries(Connection c) throws SQLException {
        List<StoredEntry> out = new ArrayList<>(16_000);
        try (Statement s = c.createStatement()) {
            s.setFetchSize(2_000);
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT id, entry_key, position, service_name, port_from, port_to,"
                                    + " transport, description, assignee_id, contact_id,"
                                    + " registered, modified, refs, service_code, unauthorized,"
                                    + " notes FROM registry_entry ORDER BY position, id")) {
                while (rs.next()) {
                    int from = rs.getInt(5);
                    Ports ports = rs.wasNull() ? null : new Ports(from, rs.getInt(6));
                    long code = rs.getLong(14);
                    Long serviceCode = rs.wasNull() ? null : code;
                    Entry e =
                            new Entry(
                                    rs.getString(4),
                                    ports,
                                    Transport.parse(rs.getString(7)).orElse(null),
                                    rs.getString(8),
                                    rs.getString(9),
                                    rs.getString(10),
                                    rs.getString(11),
                                    rs.getString(12),
                                    read(rs.getString(13), REFERENCES),
                                    serviceCode,
                                    rs.getString(15),
                                    rs.getString(16));
                    out.add(new StoredEntry(rs.getLong(1), rs.getString(2), rs.getInt(3), e));
                }
            }
        }
        return out;
    }

    public Map<String, Person> loadPeople(Connection c) throws SQLException {
        Map<String, Person> out = new HashMap<>(8_000);
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT id, name, org, email, uri, updated FROM person")) {
            while (rs.next()) {
                Person p =
                        new Person(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6));
                out.put(p.id(), p);
            }
        }
        return out;
    }

    /** Writes (or replaces) the single registry_info row. */
    public void saveInfo(Connection c, RegistryInfo info) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO registry_info (id, source, format, partial, title, category,"
                                + " updated, expert, notes, footnotes, imported_at)"
                                + " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)"
                                + " ON CONFLICT (id) DO UPDATE SET source = excluded.source,"
                                + " format = excluded.format, partial = excluded.partial,"
                                + " title = excluded.title, category = excluded.category,"
                                + " updated = excluded.updated, expert = excluded.expert,"
                                + " notes = excluded.notes, footnotes = excluded.footnotes,"
                                + " imported_at = excluded.imported_at")) {
            ps.setString(1, info.source());
            ps.setString(2, info.format().slug);
            ps.setBoolean(3, info.partial());
            ps.setString(4, info.title());
            ps.setString(5, info.category());
            ps.setObject(6, info.updated());
            ps.setString(7, info.expert());
            ps.setString(8, write(info.notes()));
            ps.setString(9, write(info.footnotes()));
            ps.setTimestamp(10, Timestamp.from(info.importedAt()));
            ps.executeUpdate();
        }
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> read(String text, TypeReference<List<T>> type) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "unreadable JSON in the registry: " + e.getMessage(), e);
        }
    }
}
