package dev.portreg.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every API error.
 *
 * @param type a URI naming the kind of problem ({@link ProblemType#uri()}; "about:blank" when the
 *     status says it all)
 * @param errors for validation problems: which field is wrong and why
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of a known type, without field errors. */
    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title, type.status, detail, instance, List.of());
    }

    /** One invalid input. */
    public record FieldError(String field, String message) {}
}
