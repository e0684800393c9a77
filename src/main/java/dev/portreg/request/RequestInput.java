package dev.portreg.request;

import dev.portreg.common.FreeText;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.TextRules;
import dev.portreg.common.Violations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request as a client or a form sends it: text as typed, checked by {@link RequestContent#parse}.
 * Field names are the API's. Every text has a length limit (in the OpenAPI document as maxLength)
 * and no control characters but line breaks: Bean Validation constraints ({@link FreeText}), which
 * the API checks on arrival ({@code @Valid}) and {@link #problems} for everyone else. What needs
 * more than the text (a port's number, a kind, the registry) is {@link RequestContent}'s.
 */
public record RequestInput(
        @Schema(maxLength = SHORT) @FreeText(max = SHORT) String kind,
        @Schema(maxLength = NAME) @FreeText(max = NAME) String serviceName,
        @Schema(maxLength = SHORT) @FreeText(max = SHORT) String port,
        @Schema(maxLength = SHORT) @FreeText(max = SHORT) String anyPortIn,
        @Schema(maxItems = TRANSPORTS)
                @Size(max = TRANSPORTS, message = "lists more than {max} items")
                List<@FreeText(max = SHORT) String> transports,
        @Schema(maxLength = SHORT) @FreeText(max = SHORT) String track,
        @Schema(maxLength = DESCRIPTION) @FreeText(max = DESCRIPTION) String description,
        @Valid Party assignee,
        @Valid Party contact,
        @Schema(maxLength = MEDIUM) @FreeText(max = MEDIUM) String reference,
        @Schema(maxLength = LONG) @FreeText(max = LONG) String castStatement,
        @Schema(maxLength = MEDIUM) @FreeText(max = MEDIUM) String ietfDocument,
        @Schema(maxLength = LONG) @FreeText(max = LONG) String chairStatement,
        @Schema(maxLength = LONG) @FreeText(max = LONG) String justification,
        @Schema(maxLength = LONG) @FreeText(max = LONG) String systemJustification,
        @Schema(maxLength = MEDIUM) @FreeText(max = MEDIUM) String stableSpecification,
        @Schema(maxLength = LONG) @FreeText(max = LONG) String reservedReason,
        @Schema(maxLength = SHORT) @FreeText(max = SHORT) String serviceCode,
        @Schema(maxLength = MEDIUM) @FreeText(max = MEDIUM) String unauthorizedUses,
        @Schema(maxLength = LONG) @FreeText(max = LONG) String notes,
        @Schema(maxLength = NAME) @FreeText(max = NAME) String targetService) {

    /** Kinds, ports, transports, tracks, service codes. */
    public static final int SHORT = 32;

    /** Service names (15 at most by RFC 6335; longer legacy names exist). */
    public static final int NAME = 63;

    /** People's names and organisations. */
    public static final int PARTY = 200;

    /** Email addresses (RFC 5321). */
    public static final int EMAIL = 254;

    /** The entry's description. */
    public static final int DESCRIPTION = 1000;

    /** References, documents, specifications. */
    public static final int MEDIUM = 2000;

    /** Justifications, statements, notes; a review comment or a Discuss. */
    public static final int LONG = 8000;

    /** Most transports a request may list (four exist; duplicates are folded). */
    public static final int TRANSPORTS = 8;

    /**
     * Every field that is too long or holds control characters, in form order: the constraints
     * above, which the API applies by {@code @Valid}, for the pages and previews that build an
     * input themselves.
     */
    public List<FieldError> problems() {
        return Violations.of(this);
    }

    /** The same input without the fields {@code kind} does not use. */
    RequestInput keepOnly(RequestKind kind) {
        return new RequestInput(
                this.kind,
                keep(kind, RequestField.SERVICE_NAME, serviceName),
                keep(kind, RequestField.PORT, port),
                keep(kind, RequestField.ANY_PORT_IN, anyPortIn),
                RequestField.TRANSPORTS.usedBy(kind) ? transports : null,
                keep(kind, RequestField.TRACK, track),
                keep(kind, RequestField.DESCRIPTION, description),
                RequestField.ASSIGNEE.usedBy(kind) ? assignee : null,
                RequestField.CONTACT.usedBy(kind) ? contact : null,
                keep(kind, RequestField.REFERENCE, reference),
                keep(kind, RequestField.CAST_STATEMENT, castStatement),
                keep(kind, RequestField.IETF_DOCUMENT, ietfDocument),
                keep(kind, RequestField.CHAIR_STATEMENT, chairStatement),
                keep(kind, RequestField.JUSTIFICATION, justification),
                keep(kind, RequestField.SYSTEM_JUSTIFICATION, systemJustification),
                keep(kind, RequestField.STABLE_SPECIFICATION, stableSpecification),
                keep(kind, RequestField.RESERVED_REASON, reservedReason),
                keep(kind, RequestField.SERVICE_CODE, serviceCode),
                keep(kind, RequestField.UNAUTHORIZED_USES, unauthorizedUses),
                keep(kind, RequestField.NOTES, notes),
                keep(kind, RequestField.TARGET_SERVICE, targetService));
    }

    private static String keep(RequestKind kind, RequestField f, String value) {
        return f.usedBy(kind) ? value : null;
    }

    /** Adds the problem of one text field, if any. */
    static void check(List<FieldError> errors, String field, String value, int max) {
        String why = TextRules.lengthProblem(value, max);
        if (why == null) {
            why = TextRules.controlProblem(value);
        }
        if (why != null) {
            errors.add(new FieldError(field, why));
        }
    }

    /** The problem of a comment (withdraw, review, ballot), or null. */
    static FieldError commentProblem(String comment) {
        List<FieldError> errors = new ArrayList<>(1);
        check(errors, "comment", comment, LONG);
        return errors.isEmpty() ? null : errors.get(0);
    }
}
