package dev.portreg.web;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps the log of an outage to the lines that say something ({@link DatabaseStatus}): Agroal warns
 * once for every pooled connection found dead when it is validated ("Closing connection in
 * incorrect state VALIDATION"), up to the pool's size after each outage, and that is how the pool
 * is meant to recover. Everything else passes. Enabled by {@code quarkus.log.console.filter}.
 */
@LoggingFilter(name = "portreg-outage")
public final class OutageLogFilter implements Filter {

    static final String DEAD_CONNECTION = "Closing connection in incorrect state VALIDATION";

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLoggerName() == null || !record.getLoggerName().startsWith("io.agroal")) {
            return true;
        }
        if (record.getMessage() != null && record.getMessage().contains(DEAD_CONNECTION)) {
            return false;
        }
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            for (Object p : parameters) {
                if (p != null && String.valueOf(p).contains(DEAD_CONNECTION)) {
                    return false;
                }
            }
        }
        return true;
    }
}
