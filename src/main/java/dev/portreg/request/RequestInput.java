package dev.portreg.request;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.TextRules;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A request as a client or a form sends it: text as typed, checked by {@link RequestContent#parse}.
 * Field names are the API's. Every text has a length limit (in the OpenAPI document as maxLength)
 * and no control characters but line breaks; {@link #problems} says which field breaks which.
 */
public record RequestInput(
        @Schema(maxLength = SHORT) String kind,
        @Schema(maxLength = NAME) String serviceName,
        @Schema(maxLength = SHORT) String port,
        @Schema(maxLength = SHORT) String anyPortIn,
        @Schema(maxItems = TRANSPORTS) List<String> transports,
        @Schema(maxLength = SHORT) String track,
        @Schema(maxLength = DESCRIPTION) String description,
        Party assignee,
        Party contact,
        @Schema(maxLength = MEDIUM) String reference,
        @Schema(maxLength = LONG) String castStatement,
        @Schema(maxLength = MEDIUM) String ietfDocument,
        @Schema(maxLength = LONG) String chairStatement,
        @Schema(maxLength = LONG) String justification,
        @Schema(maxLength = LONG) String systemJustification,
        @Schema(maxLength = MEDIUM) String stableSpecification,
        @Schema(maxLength = LONG) String reservedReason,
        @Schema(maxLength = SHORT) String serviceCode,
        @Schema(maxLength = MEDIUM) String unauthorizedUses,
        @Schema(maxLength = LONG) String notes,
        @Schema(maxLength = NAME) String targetService) {

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

    /** Every field that is too long or holds control characters, in form order. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "kind", kind, SHORT);
        check(errors, "serviceName", serviceName, NAME);
        check(errors, "port", port, SHORT);
        check(errors, "anyPortIn", anyPortIn, SHORT);
        if (transports != null) {
            if (transports.size() > TRANSPORTS) {
                errors.add(
                        new FieldError("transports", "lists more than " + TRANSPORTS + " items"));
            } else {
                for (int i = 0; i < transports.size(); i++) {
                    check(errors, "transports[" + i + "]", transports.get(i), SHORT);
                }
            }
        }
        check(errors, "track", track, SHORT);
        check(errors, "description", description, DESCRIPTION);
        party(errors, "assignee", assignee);
        party(errors, "contact", contact);
        check(errors, "reference", reference, MEDIUM);
        check(errors, "castStatement", castStatement, LONG);
        check(errors, "ietfDocument", ietfDocument, MEDIUM);
        check(errors, "chairStatement", chairStatement, LONG);
        check(errors, "justification", justification, LONG);
        check(errors, "systemJustification", systemJustification, LONG);
        check(errors, "stableSpecification", stableSpecification, MEDIUM);
        check(errors, "reservedReason", reservedReason, LONG);
        check(errors, "serviceCode", serviceCode, SHORT);
        check(errors, "unauthorizedUses", unauthorizedUses, MEDIUM);
        check(errors, "notes", notes, LONG);
        check(errors, "targetService", targetService, NAME);
        return errors;
    }

    private static void party(List<FieldError> errors, String field, Party p) {
        if (p != null) {
            check(errors, field + ".name", p.name(), PARTY);
            check(errors, field + ".org", p.org(), PARTY);
            check(errors, field + ".email", p.email(), EMAIL);
        }
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
