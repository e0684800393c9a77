package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portreg.exchange.RegistryImporter;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write side the request workflow will use; every test rolls back what it wrote. */
@QuarkusTest
class RegistryWriterTest {

    @Inject RegistryWriter writer;
    @Inject RegistryStore store;
    @Inject RegistryImporter importer;
    @Inject AgroalDataSource dataSource;
    @Inject dev.portreg.support.TestDb db;

    @BeforeEach
    void theSample() throws Exception {
        db.resetToResource("/iana/sample.xml");
    }

    private static Entry named(String name, Ports ports, Transport t) {
        return new Entry(
                name,
                ports,
                t,
                "A new service",
                "Jon_Postel",
                "Jon_Postel",
                "2026-09-01",
                null,
                List.of(),
                null,
                null,
                null);
    }

    /** Whether {@code lock} on a connection of its own gets the lock within {@code ms}. */
    private boolean locksWithin(long ms) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '" + ms + "ms'");
                writer.lock(c);
                return true;
            } catch (SQLException e) {
                assertEquals("55P03", e.getSQLState(), "lock_not_available: " + e.getMessage());
                return false;
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void theWriteLockIsThisSchemasOnly() throws Exception {
        try (Connection holder = dataSource.getConnection();
                java.sql.Statement st = holder.createStatement()) {
            String schema;
            try (ResultSet rs = st.executeQuery("SELECT current_schema()")) {
                rs.next();
                schema = rs.getString(1);
            }
            // The same lock taken for another schema of the database: no wait here.
            st.execute("SET search_path TO public");
            st.execute("SELECT pg_advisory_lock(" + RegistryWriter.LOCK_ARGS + ")");
            try {
                assertEquals(true, locksWithin(5_000), "another schema's writer does not block");
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + RegistryWriter.LOCK_ARGS + ")");
            }
            // Taken for this schema: a writer here waits.
            st.execute("SET search_path TO " + schema);
            st.execute("SELECT pg_advisory_lock(" + RegistryWriter.LOCK_ARGS + ")");
            try {
                assertEquals(false, locksWithin(300), "a writer of this schema waits");
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + RegistryWriter.LOCK_ARGS + ")");
            }
        }
        assertEquals(true, locksWithin(5_000), "and gets it once it is free");
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Runs work in a transaction that is always rolled back. */
    private void inRolledBackTransaction(Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                writer.lock(c);
                work.run(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Inserts an entry with a new id and holds its ports. */
    private StoredEntry addHeld(Connection c, Entry e) throws SQLException {
        long id = writer.nextEntryIds(c, 1)[0];
        StoredEntry se = new StoredEntry(id, EntryKeys.base(e), 10_000, e);
        writer.insertEntries(c, List.of(se));
        writer.hold(c, se);
        return se;
    }

    @Test
    void anEntryOnAFreePortGetsOneHoldingPerTransport() throws SQLException {
        inRolledBackTransaction(
                c -> {
                    StoredEntry se = addHeld(c, named("newsvc", Ports.of(938), null));
                    assertEquals(
                            4,
                            count(
                                    c,
                                    "SELECT count(*) FROM port_holding h JOIN entry_holding eh"
                                            + " ON eh.holding_id = h.id WHERE eh.entry_id = "
                                            + se.id()
                                            + " AND h.ports = int4range(938, 939)"));
                });
    }

    @Test
    void aHeldPortIsRefusedByTheExclusionConstraint() {
        SQLException e =
                assertThrows(
                        SQLException.class,
                        () ->
                                inRolledBackTransaction(
                                        c ->
                                                addHeld(
                                                        c,
                                                        named(
                                                                "squatter",
                                                                Ports.of(953),
                                                                Transport.UDP))));
        assertEquals(RegistryWriter.PORT_HELD, e.getSQLState(), "953/udp is Reserved");
        SQLException range =
                assertThrows(
                        SQLException.class,
                        () ->
                                inRolledBackTransaction(
                                        c ->
                                                addHeld(
                                                        c,
                                                        named(
                                                                "wide",
                                                                new Ports(6060, 6070),
                                                                Transport.TCP))));
        assertEquals(RegistryWriter.PORT_HELD, range.getSQLState(), "overlaps x11 6000-6063");
    }

    @Test
    void syncingHoldingsThatMatchWritesNothingAndRepairsWhatDiffers() throws SQLException {
        inRolledBackTransaction(
                c -> {
                    List<StoredEntry> all = store.loadEntries(c);
                    assertEquals(0, writer.rebuildHoldings(c, all));
                    long before = count(c, "SELECT count(*) FROM port_holding");
                    try (var s = c.createStatement()) {
                        s.executeUpdate(
                                "DELETE FROM port_holding WHERE transport = 'tcp' AND ports @> 80");
                    }
                    assertEquals(1, writer.rebuildHoldings(c, all));
                    assertEquals(before, count(c, "SELECT count(*) FROM port_holding"));
                    assertEquals(
                            3,
                            count(
                                    c,
                                    "SELECT count(*) FROM entry_holding eh JOIN port_holding h"
                                            + " ON h.id = eh.holding_id WHERE h.transport = 'tcp'"
                                            + " AND h.ports @> 80"));
                });
    }
}
