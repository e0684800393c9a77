package dev.portreg.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registry as it stood at an earlier revision, rebuilt from the change log for {@link
 * RegistryStore#loadAt}: the last item of every entry since the last change set at or before it
 * that lists the whole registry (a seed or a baseline), the header of the last upstream file at or
 * before it, the people of today.
 */
final class PastRegistry {

    private final RegistryRows rows;

    PastRegistry(RegistryRows rows) {
        this.rows = rows;
    }

    /**
     * The registry as it stood at {@code revision}, or empty (see {@link RegistryStore#loadAt}).
     */
    Optional<RegistrySnapshot> at(Connection c, long revision) throws SQLException {
        long full;
        Instant at;
        LocalDate effective;
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT (SELECT max(revision) FROM registry_change"
                                + " WHERE full_state AND revision <= ?),"
                                + " changed_at, effective_date"
                                + " FROM registry_change WHERE revision = ?")) {
            ps.setLong(1, revision);
            ps.setLong(2, revision);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                full = rs.getLong(1);
                if (rs.wasNull()) {
                    return Optional.empty();
                }
                at = rs.getTimestamp(2).toInstant();
                effective = rs.getDate(3).toLocalDate();
            }
        }
        List<StoredEntry> entries = entriesBetween(c, full, revision);
        entries.sort(RegistrySnapshot.FILE_ORDER);
        RegistryInfo info = headerAt(c, revision, effective);
        return Optional.of(new RegistrySnapshot(info, entries, rows.people(c), revision, at));
    }

    /** The last state of every entry the change sets {@code full} to {@code revision} wrote. */
    private List<StoredEntry> entriesBetween(Connection c, long full, long revision)
            throws SQLException {
        List<StoredEntry> entries = new ArrayList<>(16_000);
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT entry_id, entry_key, position, after FROM ("
                                + " SELECT DISTINCT ON (entry_id) entry_id, entry_key,"
                                + " position, after FROM registry_change_item"
                                + " WHERE revision >= ? AND revision <= ?"
                                + " ORDER BY entry_id, revision DESC, id DESC) last"
                                + " WHERE after IS NOT NULL")) {
            ps.setLong(1, full);
            ps.setLong(2, revision);
            ps.setFetchSize(2_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(
                            new StoredEntry(
                                    rs.getLong(1),
                                    rs.getString(2),
                                    rs.getInt(3),
                                    rows.entry(rs.getString(4))));
                }
            }
        }
        return entries;
    }

    /** The header of the last upstream file at or before {@code revision}. */
    private RegistryInfo headerAt(Connection c, long revision, LocalDate effective)
            throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT source, header, changed_at FROM registry_change"
                                + " WHERE upstream AND revision <= ? AND header IS NOT NULL"
                                + " ORDER BY revision DESC LIMIT 1")) {
            ps.setLong(1, revision);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return rows.info(c).orElse(null);
                }
                return rows.header(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getTimestamp(3).toInstant(),
                        effective);
            }
        }
    }
}
