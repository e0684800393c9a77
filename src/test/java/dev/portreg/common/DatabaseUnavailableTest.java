package dev.portreg.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.security.AuthenticationFailedException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class DatabaseUnavailableTest {

    @Test
    void connectionExceptionsAndAServerThatIsGoingAwayAreUnavailable() {
        for (String state :
                new String[] {
                    "08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "53300"
                }) {
            assertTrue(DatabaseUnavailable.is(new SQLException("x", state)), state);
        }
        assertTrue(
                DatabaseUnavailable.is(
                        new PSQLException(
                                "Connection to 127.0.0.1:5432 refused.",
                                PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                                new ConnectException("Connection refused"))));
        assertTrue(DatabaseUnavailable.is(new SQLTransientConnectionException("gone")));
    }

    @Test
    void agroalAcquisitionTimeoutsAreUnavailable() {
        assertTrue(
                DatabaseUnavailable.is(
                        new SQLException(
                                "Acquisition timeout while waiting for new connection",
                                new SQLException("Exception while creating new connection"))));
        assertTrue(DatabaseUnavailable.is(new SQLException("Sorry, acquisition timeout!")));
    }

    @Test
    void wrappersAreLookedThrough() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertTrue(
                DatabaseUnavailable.is(
                        new IllegalStateException("cannot read the registry: refused", refused)));
        assertTrue(
                DatabaseUnavailable.is(
                        new JDBCConnectionException("Unable to acquire JDBC Connection", refused)));
        assertTrue(
                DatabaseUnavailable.is(
                        new JDBCConnectionException(
                                "Unable to acquire JDBC Connection",
                                new SQLException("no state"))));
        assertTrue(
                DatabaseUnavailable.is(
                        new AuthenticationFailedException(
                                new PersistenceException("could not load the account", refused))));
        RollbackException rollback = new RollbackException("commit failed");
        rollback.initCause(new SQLException("An I/O error occurred", "08006"));
        assertTrue(DatabaseUnavailable.is(new RuntimeException(rollback)));
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("terminating connection", "57P01"));
        assertTrue(DatabaseUnavailable.is(batch));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DatabaseUnavailable.is(new SQLException("duplicate key value", "23505")));
        assertFalse(DatabaseUnavailable.is(new SQLException("relation does not exist", "42P01")));
        assertFalse(
                DatabaseUnavailable.is(
                        new SQLException("password authentication failed", "28P01")));
        assertFalse(DatabaseUnavailable.is(new SQLException("no state at all")));
        assertFalse(DatabaseUnavailable.is(new NullPointerException()));
        assertFalse(DatabaseUnavailable.is(new IllegalStateException("cannot read the registry")));
        assertFalse(DatabaseUnavailable.is(null));
        assertNull(DatabaseUnavailable.reason(new IllegalArgumentException("x")));
    }

    @Test
    void aCauseChainWithACycleEnds() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(DatabaseUnavailable.is(a));
    }

    @Test
    void theReasonIsOneLineWithTheRootCause() {
        SQLException refused =
                new SQLException(
                        "Connection to 127.0.0.1:5432 refused.\nCheck the host.",
                        "08001",
                        new ConnectException("Connection refused"));
        assertEquals(
                "Connection to 127.0.0.1:5432 refused.",
                DatabaseUnavailable.reason(new IllegalStateException("wrapped", refused)));
        SQLException timeout =
                new SQLException(
                        "Acquisition timeout while waiting for new connection",
                        new ConnectException("Connection refused"));
        assertEquals(
                "Acquisition timeout while waiting for new connection (Connection refused)",
                DatabaseUnavailable.reason(timeout));
    }
}
