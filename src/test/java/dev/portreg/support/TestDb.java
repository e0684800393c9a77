package dev.portreg.support;

import dev.portreg.exchange.ImportResult;
import dev.portreg.exchange.RegistryImporter;
import dev.portreg.registry.Registry;
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
    private final Registry registry;
    private final RegistryImporter importer;
    private final dev.portreg.web.DatabaseStatus status;

    TestDb(
            AgroalDataSource dataSource,
            Registry registry,
            RegistryImporter importer,
            dev.portreg.web.DatabaseStatus status) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.importer = importer;
        this.status = status;
    }

    /**
     * Waits until the schema is migrated: the app migrates in the background at start (ADR 0012),
     * and the first test class of a run on a busy machine can get there first.
     */
    public void awaitReady() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        while (!status.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the database was not ready within 3 minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The registry as {@code pathOrUrl} alone makes it: emptied, then seeded from it. (An import
     * into a registry that holds entries reconciles with what was done there, so a test that needs
     * a known registry starts from an empty one.)
     */
    public ImportResult resetTo(String pathOrUrl) {
        return resetTo(pathOrUrl, "test");
    }

    /** The same, seeded by {@code actor}. */
    public ImportResult resetTo(String pathOrUrl, String actor) {
        clearRegistry();
        return importer.importFrom(pathOrUrl, actor);
    }

    /** The same for a file of src/test/resources ("/iana/sample.xml"). */
    public ImportResult resetToResource(String resource) {
        try {
            return resetTo(
                    java.nio.file.Path.of(TestDb.class.getResource(resource).toURI()).toString());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public long count(String sql, Object... args) {
        awaitReady();
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
        awaitReady();
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
        awaitReady();
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

    /**
     * Empties the registry: entries, holdings, info and the upstream base (the change log is
     * insert-only; people stay), and the in-memory copy with them.
     */
    public void clearRegistry() {
        awaitReady();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(
                    "SELECT pg_advisory_lock("
                            + dev.portreg.registry.RegistryWriter.LOCK_ARGS
                            + ")");
            try {
                s.executeUpdate("DELETE FROM port_holding");
                s.executeUpdate("DELETE FROM registry_entry");
                s.executeUpdate("DELETE FROM registry_info");
                s.executeUpdate("DELETE FROM upstream_entry");
            } finally {
                s.execute(
                        "SELECT pg_advisory_unlock("
                                + dev.portreg.registry.RegistryWriter.LOCK_ARGS
                                + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        registry.reload();
    }
}
