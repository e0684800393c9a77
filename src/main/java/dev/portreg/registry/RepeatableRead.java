package dev.portreg.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Runs reads in one read-only REPEATABLE READ transaction of their own, on a connection of their
 * own, so every statement sees the same state (a page, its total and its items agree; the parts of
 * a snapshot agree). {@link RegistryStore} and {@link RegistryHistory} read this way.
 */
final class RepeatableRead {

    /** Reads on the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private RepeatableRead() {}

    /**
     * The result of {@code work}, read in its own transaction.
     *
     * @param what what is read, for the message of the exception a failed read becomes ("cannot
     *     read the registry: ...")
     */
    static <T> T read(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}
