package dev.portreg.exchange;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs registry writes in a transaction of their own: the connection taken from the data source is
 * enlisted in it, so every statement commits or rolls back together; any exception rolls back. The
 * timeout is generous: a full import on a loaded machine takes seconds, not the default minute, but
 * a big diff with history items should not be cut off.
 */
@ApplicationScoped
class RegistryTransactions {

    /** Work on a connection inside the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    RegistryTransactions(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    @TransactionConfiguration(timeout = 600)
    <T> T inNewTransaction(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("22") || state.startsWith("23")) {
                throw new ImportException("the database refused the import: " + e.getMessage(), e);
            }
            throw new IllegalStateException("cannot write the registry: " + e.getMessage(), e);
        }
    }
}
