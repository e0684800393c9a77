package dev.portreg.common;

import java.util.List;

/**
 * Thrown by services and adapters to answer with a problem: a 400 naming the field, a 404, a 409.
 * Pages show the same message on an error page; the API sends it as problem+json.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(
            int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** 400: one input is wrong. */
    public static ProblemException badInput(String field, String message) {
        return new ProblemException(
                400,
                "Invalid input",
                field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** 400: several inputs are wrong. */
    public static ProblemException badInput(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError e : errors) {
            detail.append(detail.isEmpty() ? "" : "; ")
                    .append(e.field())
                    .append(": ")
                    .append(e.message());
        }
        return new ProblemException(400, "Invalid input", detail.toString(), errors);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not found", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
