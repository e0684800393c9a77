package dev.portreg.common;

import java.util.List;

/**
 * Thrown by services and adapters to answer with a problem: a 400 naming the field, a 404, a 409.
 * Pages show the same message on an error page; the API sends it as problem+json. Invalid input is
 * its own type, {@link InvalidInputException}, so that a page catches it without reading the
 * status.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String type;
    private final List<Problem.FieldError> errors;

    public ProblemException(
            int status, String title, String detail, List<Problem.FieldError> errors) {
        this(status, title, ProblemType.uriForStatus(status), detail, errors);
    }

    /** A problem of a named type, with that type's status and title. */
    public ProblemException(ProblemType type, String detail) {
        this(type.status, type.title, type.uri(), detail, List.of());
    }

    private ProblemException(
            int status, String title, String type, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.type = type;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** 400: one input is wrong. */
    public static InvalidInputException badInput(String field, String message) {
        return new InvalidInputException(
                field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /** 400: several inputs are wrong. */
    public static InvalidInputException badInput(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError e : errors) {
            detail.append(detail.isEmpty() ? "" : "; ")
                    .append(e.field())
                    .append(": ")
                    .append(e.message());
        }
        return new InvalidInputException(detail.toString(), errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of());
    }

    /** 409 of no more specific type. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    /** 409: the state of what is acted on does not allow the action now. */
    public static ProblemException wrongState(String detail) {
        return new ProblemException(ProblemType.WRONG_STATE, detail);
    }

    /** 409: it changed since the client read it (If-Match, a form's version). */
    public static ProblemException stale(String detail) {
        return new ProblemException(ProblemType.STALE_VERSION, detail);
    }

    /** 409: someone else changed it at the same moment and won. */
    public static ProblemException concurrent(String detail) {
        return new ProblemException(ProblemType.CONCURRENT_CHANGE, detail);
    }

    /** 409: the registry as it now is does not allow it. */
    public static ProblemException registryConflict(String detail) {
        return new ProblemException(ProblemType.REGISTRY_CONFLICT, detail);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem's {@code type} URI. */
    public String type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
