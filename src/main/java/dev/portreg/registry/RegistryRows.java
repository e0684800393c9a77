package dev.portreg.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rows of the registry's current tables (registry_info, registry_entry, person) read into their
 * records (and the registry_info row written), and the JSON the tables and the change log hold
 * (references, notes, entries, headers). {@link RegistryStore} decides what to read and when; this
 * class only maps.
 */
final class RegistryRows {

    private static final TypeReference<List<Reference>> REFERENCES = new TypeReference<>() {};
    private static final TypeReference<List<RegistryInfo.Note>> NOTES = new TypeReference<>() {};
    private static final TypeReference<LinkedHashMap<String, Object>> JSON_OBJECT =
            new TypeReference<>() {};

    private final ObjectMapper json;

    RegistryRows(ObjectMapper json) {
        this.json = json;
    }

    /** The single registry_info row, if any. */
    Optional<RegistryInfo> info(Connection c) throws SQLException {
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
                            list(rs.getString(8), NOTES),
                            list(rs.getString(9), NOTES),
                            rs.getTimestamp(10).toInstant()));
        }
    }

    /** Every entry, in file order. */
    List<StoredEntry> entries(Connection c) throws SQLException {
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
                    out.add(
                            new StoredEntry(
                                    rs.getLong(1), rs.getString(2), rs.getInt(3), entry(rs)));
                }
            }
        }
        return out;
    }

    /** The entry of a registry_entry row (columns 4 to 16 of {@link #entries}). */
    private Entry entry(ResultSet rs) throws SQLException {
        int from = rs.getInt(5);
        Ports ports = rs.wasNull() ? null : new Ports(from, rs.getInt(6));
        long code = rs.getLong(14);
        Long serviceCode = rs.wasNull() ? null : code;
        return new Entry(
                rs.getString(4),
                ports,
                Transport.parse(rs.getString(7)).orElse(null),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                list(rs.getString(13), REFERENCES),
                serviceCode,
                rs.getString(15),
                rs.getString(16));
    }

    /** Every person, by id. */
    Map<String, Person> people(Connection c) throws SQLException {
        Map<String, Person> out = new HashMap<>(8_000);
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT id, name, org, email, uri, updated FROM person")) {
            while (rs.next()) {
                Person p = person(rs);
                out.put(p.id(), p);
            }
        }
        return out;
    }

    /** A person from the columns id, name, org, email, uri, updated. */
    static Person person(ResultSet rs) throws SQLException {
        return new Person(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6));
    }

    /** Writes (or replaces) the single registry_info row, as of {@code revision}. */
    void saveInfo(Connection c, RegistryInfo info, long revision) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO registry_info (id, source, format, partial, title, category,"
                                + " updated, expert, notes, footnotes, imported_at, revision)"
                                + " VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)"
                                + " ON CONFLICT (id) DO UPDATE SET source = excluded.source,"
                                + " format = excluded.format, partial = excluded.partial,"
                                + " title = excluded.title, category = excluded.category,"
                                + " updated = excluded.updated, expert = excluded.expert,"
                                + " notes = excluded.notes, footnotes = excluded.footnotes,"
                                + " imported_at = excluded.imported_at,"
                                + " revision = excluded.revision")) {
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
            ps.setLong(11, revision);
            ps.executeUpdate();
        }
    }

    /** Moves the registry's Last Updated to {@code day}, as of {@code revision}. */
    void touchInfo(Connection c, LocalDate day, long revision) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE registry_info SET updated = ?, revision = ?")) {
            ps.setObject(1, day);
            ps.setLong(2, revision);
            ps.executeUpdate();
        }
    }

    /**
     * A registry header from an upstream change set's header JSON, its source and when it was
     * imported; Last Updated is {@code effective}.
     */
    RegistryInfo header(String source, String header, Instant importedAt, LocalDate effective) {
        Map<String, Object> h;
        try {
            h = json.readValue(header, JSON_OBJECT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable header JSON: " + e.getMessage(), e);
        }
        return new RegistryInfo(
                source,
                RegistryInfo.SourceFormat.ofSlug((String) h.get("format")),
                Boolean.TRUE.equals(h.get("partial")),
                (String) h.get("title"),
                (String) h.get("category"),
                effective,
                (String) h.get("expert"),
                json.convertValue(h.get("notes"), NOTES),
                json.convertValue(h.get("footnotes"), NOTES),
                importedAt);
    }

    /** An entry from its history JSON ({@link EntryJson}), or null. */
    Entry entry(String text) {
        if (text == null) {
            return null;
        }
        try {
            return EntryJson.parse(json.readValue(text, JSON_OBJECT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable entry JSON: " + e.getMessage(), e);
        }
    }

    /** A value as JSON text. */
    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> List<T> list(String text, TypeReference<List<T>> type) {
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
