package dev.portreg.exchange;

/**
 * A registry file that cannot be imported, or an import the database refused. The message says
 * where (record number and/or line) and why, in words an operator can act on; nothing was written.
 */
public class ImportException extends RuntimeException {

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
