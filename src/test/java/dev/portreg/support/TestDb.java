package dev.portreg.support;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Direct reads of the registry tables for assertions, and a way to empty the registry. */
@ApplicationScoped
public class TestDb {

    private final AgroalDataSource dataSource;

    TestDb(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an UPDATE or DELETE (tests that age sessions or links); returns the rows changed. */
    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<List<String>> rows(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<String>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Entries, people, holdings, info and history rows: the registry's whole state. */
    public List<Long> counts() {
        return List.of(
                count("SELECT count(*) FROM registry_entry"),
                count("SELECT count(*) FROM person"),
                count("SELECT count(*) FROM port_holding"),
                count("SELECT count(*) FROM entry_holding"),
                count("SELECT count(*) FROM registry_change"),
                count("SELECT count(*) FROM registry_change_item"),
                count("SELECT count(*) FROM registry_info"));
    }

    /** A digest of every entry row, to prove a failed import left them unchanged. */
    public String entriesDigest() {
        return rows("SELECT md5(coalesce(string_agg(e::text, '|' ORDER BY id), ''))"
                        + " FROM registry_entry e")
                .get(0)
                .get(0);
    }

    /** Empties the registry: entries, holdings and info (history is insert-only; people stay). */
    public void clearRegistry() {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "SELECT pg_advisory_lock("
                            + dev.portreg.registry.RegistryWriter.LOCK_KEY
                            + ")");
            try {
                s.executeUpdate("DELETE FROM port_holding");
                s.executeUpdate("DELETE FROM registry_entry");
                s.executeUpdate("DELETE FROM registry_info");
            } finally {
                s.execute(
                        "SELECT pg_advisory_unlock("
                                + dev.portreg.registry.RegistryWriter.LOCK_KEY
                                + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
