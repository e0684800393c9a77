package dev.portreg.request;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import java.util.Optional;

/** What a request asks for (RFC 6335 §8). */
public enum RequestKind {
    /** A new service name, with a specific port, any free port of a range, or no port. */
    NEW_ASSIGNMENT("new-assignment", "New assignment"),
    /** Another transport for one's own assignment (RFC 6335 §7.2, §8.1: Expert Review). */
    ADD_TRANSPORT("add-transport", "Add a transport"),
    /** Description or contact changes (§8.6); the assignee cannot change. */
    MODIFY("modify", "Modify description or contact"),
    /** The assignee gives the port back; it becomes Reserved (§8.2). */
    DE_ASSIGN("de-assign", "De-assignment"),
    /** Started by the operator: four-week community call, then an IESG decision (§8.4). */
    REVOKE("revoke", "Revocation");

    public final String slug;
    public final String label;

    RequestKind(String slug, String label) {
        this.slug = slug;
        this.label = label;
    }

    /** The explanation given when someone asks to transfer an assignment (RFC 6335 §8.5). */
    public static final String TRANSFER_REFUSED =
            "Transfers are not allowed, even when both parties agree (RFC 6335 §8.5): that would"
                    + " create a market in ports. Instead the current assignee de-assigns the port"
                    + " (a de-assignment request) and the new party files a new assignment request;"
                    + " IANA and the expert check that there is a valid technical, operational or"
                    + " managerial reason.";

    public static Optional<RequestKind> parse(String text) {
        return Slugs.parse(RequestKind.class, text, k -> k.slug);
    }

    @JsonValue
    public String slug() {
        return slug;
    }

    @Override
    public String toString() {
        return slug;
    }
}
