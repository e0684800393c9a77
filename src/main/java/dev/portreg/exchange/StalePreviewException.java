package dev.portreg.exchange;

/**
 * An import refused because the registry changed between its preview and its application, so it
 * would not make the changes the operator saw. Nothing was written; previewing again shows what it
 * would do now.
 */
public class StalePreviewException extends ImportException {

    public StalePreviewException(String message) {
        super(message);
    }
}
