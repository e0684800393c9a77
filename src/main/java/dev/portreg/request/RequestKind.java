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
    REVOKE("revoke", "Revocation"),
    /**
     * An early allocation for an IETF document not yet published (RFC 7120): a System or User port,
     * asked for by the working group chair, TEMPORARY for a year.
     */
    EARLY_ALLOCATION("early-allocation", "Early allocation (RFC 7120)"),
    /** The one extension of an early allocation by a year (RFC 7120 §3.3). */
    EARLY_RENEWAL("early-renewal", "Renew an early allocation"),
    /** The document was published: the early allocation becomes permanent, citing the RFC. */
    MAKE_PERMANENT("make-permanent", "Make an early allocation permanent");

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

    /** True for the kinds of RFC 7120's early allocations. */
    public boolean early() {
        return this == EARLY_ALLOCATION || this == EARLY_RENEWAL || this == MAKE_PERMANENT;
    }

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
