package dev.portreg.request;

import static dev.portreg.request.RequestKind.ADD_TRANSPORT;
import static dev.portreg.request.RequestKind.DE_ASSIGN;
import static dev.portreg.request.RequestKind.EARLY_ALLOCATION;
import static dev.portreg.request.RequestKind.EARLY_RENEWAL;
import static dev.portreg.request.RequestKind.MAKE_PERMANENT;
import static dev.portreg.request.RequestKind.MODIFY;
import static dev.portreg.request.RequestKind.NEW_ASSIGNMENT;
import static dev.portreg.request.RequestKind.REVOKE;

import java.util.EnumSet;
import java.util.Set;

/**
 * The fields of a request (RFC 6335 §8.1.1 and the maintenance kinds of §8), declared once: the
 * API's name, the length limit, the label pages show and which kinds use it. Parsing refuses a
 * field its kind does not use (400), the form leaves it out, the timeline labels its changes with
 * it. {@link #usedBy()} is a switch without a default, so a new field does not compile until its
 * kinds are named.
 */
public enum RequestField {
    KIND("kind", RequestInput.SHORT, "Kind of request"),
    TARGET_SERVICE("targetService", RequestInput.NAME, "Service this request is about"),
    SERVICE_NAME("serviceName", RequestInput.NAME, "Service name"),
    TRANSPORTS("transports", RequestInput.SHORT, "Transport protocols"),
    PORT("port", RequestInput.SHORT, "Port"),
    ANY_PORT_IN("anyPortIn", RequestInput.SHORT, "Port"),
    TRACK("track", RequestInput.SHORT, "Track"),
    DESCRIPTION("description", RequestInput.DESCRIPTION, "Description"),
    ASSIGNEE("assignee", RequestInput.PARTY, "Assignee"),
    CONTACT("contact", RequestInput.PARTY, "Contact"),
    REFERENCE("reference", RequestInput.MEDIUM, "Reference"),
    CAST_STATEMENT("castStatement", RequestInput.LONG, "Broadcast, multicast or anycast"),
    IETF_DOCUMENT("ietfDocument", RequestInput.MEDIUM, "IETF document"),
    CHAIR_STATEMENT(
            "chairStatement", RequestInput.LONG, "Working group chair's request (RFC 7120)"),
    JUSTIFICATION("justification", RequestInput.LONG, "Why not a Dynamic port"),
    SYSTEM_JUSTIFICATION(
            "systemJustification", RequestInput.LONG, "Why neither a User nor a Dynamic port"),
    STABLE_SPECIFICATION(
            "stableSpecification", RequestInput.MEDIUM, "Stable protocol specification"),
    RESERVED_REASON("reservedReason", RequestInput.LONG, "Why a Reserved port"),
    SERVICE_CODE("serviceCode", RequestInput.SHORT, "DCCP service code"),
    UNAUTHORIZED_USES("unauthorizedUses", RequestInput.MEDIUM, "Known unauthorized uses"),
    NOTES("notes", RequestInput.LONG, "Notes");

    /** The name in the API's JSON, the form and error messages. */
    public final String name;

    /** The longest value (for a list: of each item; for a party: of its name and organisation). */
    public final int maxLength;

    public final String label;

    RequestField(String name, int maxLength, String label) {
        this.name = name;
        this.maxLength = maxLength;
        this.label = label;
    }

    /** The kinds of request that use this field. */
    public Set<RequestKind> usedBy() {
        return switch (this) {
            case KIND, TRACK, NOTES -> EnumSet.allOf(RequestKind.class);
            case SERVICE_NAME, PORT, ANY_PORT_IN, CAST_STATEMENT, JUSTIFICATION ->
                    EnumSet.of(NEW_ASSIGNMENT, EARLY_ALLOCATION);
            case SYSTEM_JUSTIFICATION, STABLE_SPECIFICATION, RESERVED_REASON, UNAUTHORIZED_USES ->
                    EnumSet.of(NEW_ASSIGNMENT);
            // An early allocation's document is its reference; a permanent one cites the RFC.
            case REFERENCE -> EnumSet.of(NEW_ASSIGNMENT, MAKE_PERMANENT);
            case TRANSPORTS, SERVICE_CODE, IETF_DOCUMENT ->
                    EnumSet.of(NEW_ASSIGNMENT, ADD_TRANSPORT, EARLY_ALLOCATION);
            case CHAIR_STATEMENT -> EnumSet.of(EARLY_ALLOCATION);
            // A modify names the assignee only to be told it cannot change (RFC 6335 §8.6).
            case DESCRIPTION, ASSIGNEE, CONTACT ->
                    EnumSet.of(NEW_ASSIGNMENT, MODIFY, EARLY_ALLOCATION);
            case TARGET_SERVICE ->
                    EnumSet.of(
                            ADD_TRANSPORT,
                            MODIFY,
                            DE_ASSIGN,
                            REVOKE,
                            EARLY_RENEWAL,
                            MAKE_PERMANENT);
        };
    }

    public boolean usedBy(RequestKind kind) {
        return usedBy().contains(kind);
    }

    /**
     * Whether a change of this field on resubmission makes earlier IESG ballot positions stale:
     * what is being assigned (the port and the transports), not how it is described.
     */
    public boolean balloted() {
        return this == PORT || this == ANY_PORT_IN || this == TRANSPORTS;
    }

    /** The field named {@code name} in the API ("assignee.email" belongs to the assignee). */
    public static java.util.Optional<RequestField> named(String name) {
        if (name == null) {
            return java.util.Optional.empty();
        }
        int cut = name.indexOf('.');
        String head = cut < 0 ? name : name.substring(0, cut);
        int bracket = head.indexOf('[');
        String base = bracket < 0 ? head : head.substring(0, bracket);
        for (RequestField f : values()) {
            if (f.name.equals(base)) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }
}
