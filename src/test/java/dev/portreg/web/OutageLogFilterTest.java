package dev.portreg.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class OutageLogFilterTest {

    private final OutageLogFilter filter = new OutageLogFilter();

    private static LogRecord record(String logger, String message, Object... parameters) {
        LogRecord r = new LogRecord(Level.WARNING, message);
        r.setLoggerName(logger);
        r.setParameters(parameters);
        return r;
    }

    @Test
    void dropsAgroalsLineForEachDeadConnection() {
        assertFalse(
                filter.isLoggable(
                        record(
                                "io.agroal.pool",
                                "{0}: {1}",
                                "Datasource '<default>'",
                                "Closing connection in incorrect state VALIDATION")));
        assertFalse(
                filter.isLoggable(
                        record(
                                "io.agroal.pool",
                                "Datasource '<default>': Closing connection in incorrect state"
                                        + " VALIDATION")));
    }

    @Test
    void keepsEverythingElse() {
        assertTrue(
                filter.isLoggable(
                        record("io.agroal.pool", "{0}: {1}", "Datasource", "Connection leak")));
        assertTrue(
                filter.isLoggable(
                        record(
                                "dev.portreg.web.DatabaseStatus",
                                "Closing connection in incorrect state VALIDATION")));
        assertTrue(filter.isLoggable(record(null, "anything")));
    }
}
