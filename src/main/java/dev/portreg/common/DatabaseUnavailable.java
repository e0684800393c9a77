package dev.portreg.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tells "the database cannot be reached right now" apart from every other failure, whatever it
 * surfaces as: a pgjdbc {@code PSQLException} with SQLState class 08 (connection exception) or
 * 57P01-57P03 (the server is shutting down, crashed or not yet accepting connections), 53300 (too
 * many connections), an Agroal acquisition timeout, Hibernate's {@code JDBCConnectionException},
 * and any of those wrapped by a transaction failure, a persistence exception, an authentication
 * failure or an {@code IllegalStateException("cannot read the registry ...")}. The whole cause
 * chain is looked at.
 *
 * <p>Such a failure is answered 503 with {@code Retry-After}, never 500: nothing the client did is
 * wrong and retrying later will work. Everything else (a constraint violation, a bug) is not this.
 */
public final class DatabaseUnavailable {

    /** SQLStates that say the server is there but will not serve now (class 57, 53300). */
    private static final Set<String> UNAVAILABLE_STATES =
            Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseUnavailable() {}

    /** Whether {@code t} or one of its causes says the database cannot be reached. */
    public static boolean is(Throwable t) {
        return cause(t) != null;
    }

    /**
     * The innermost message that says why the database cannot be reached, for one log line; null
     * when {@code t} is not such a failure.
     */
    public static String reason(Throwable t) {
        Throwable c = cause(t);
        if (c == null) {
            return null;
        }
        Throwable deepest = c;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        String message = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        if (deepest != c
                && deepest.getMessage() != null
                && !message.contains(deepest.getMessage())) {
            message = message + " (" + deepest.getMessage() + ")";
        }
        return message.lines().findFirst().orElse(message);
    }

    /** The first throwable of the chain that marks an unreachable database, or null. */
    private static Throwable cause(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable c = t; c != null && seen.put(c, Boolean.TRUE) == null; c = c.getCause()) {
            if (marks(c)) {
                return c;
            }
            if (c instanceof SQLException s) {
                for (SQLException n = s.getNextException();
                        n != null && seen.put(n, Boolean.TRUE) == null;
                        n = n.getNextException()) {
                    if (marks(n)) {
                        return n;
                    }
                }
            }
        }
        return null;
    }

    private static boolean marks(Throwable c) {
        if (c instanceof SQLTransientConnectionException
                || c instanceof SQLNonTransientConnectionException
                || c instanceof org.hibernate.exception.JDBCConnectionException) {
            return true;
        }
        if (c instanceof SQLException s) {
            String state = s.getSQLState();
            if (state != null) {
                return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
            }
            // Agroal's pool: "Acquisition timeout while waiting for new connection" (creating
            // one failed or took too long) and "Sorry, acquisition timeout!" (all are busy).
            String message = s.getMessage();
            return message != null && message.toLowerCase().contains("acquisition timeout");
        }
        return false;
    }
}
