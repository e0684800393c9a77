package dev.portreg.registry;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.portreg.common.Slugs;
import java.util.Locale;
import java.util.Optional;

/**
 * The status of one (port, transport), in order of precedence: when several entries cover the same
 * port, the one with the lowest ordinal wins (Assigned beats Other beats Reserved beats Unassigned;
 * domain.md §9).
 */
public enum PortStatus {
    /** In use by the named service. */
    ASSIGNED("Assigned"),
    /**
     * Listed with a description that is neither a name nor a status word ("Possibly used by Sun
     * Solaris????"). Not free.
     */
    OTHER("Other (not free)"),
    /** Held by IANA: range edges, de-assigned or revoked ports, unrequested transports. */
    RESERVED("Reserved"),
    /** Free: can be assigned on request. */
    UNASSIGNED("Unassigned"),
    /**
     * The registry holds no row for it: the whole Dynamic range, most SCTP and DCCP ports, a few
     * TCP/UDP ports, and every port a partial registry (/etc/services) leaves out. Not free, but
     * not Reserved either: a request for it goes as for a Reserved port ({@link
     * RequestPolicy#forPort}).
     */
    UNLISTED("Not listed");

    public final String label;

    PortStatus(String label) {
        this.label = label;
    }

    @JsonValue
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean free() {
        return this == UNASSIGNED;
    }

    /** The higher-precedence of two statuses. */
    public PortStatus strongest(PortStatus other) {
        return other.ordinal() < ordinal() ? other : this;
    }

    public static Optional<PortStatus> parse(String text) {
        return Slugs.parse(PortStatus.class, text, PortStatus::slug);
    }

    /**
     * Classifies an IANA record (domain.md §9): a service name means Assigned; without a name the
     * description decides.
     */
    public static PortStatus classify(String serviceName, String description) {
        if (serviceName != null && !serviceName.isBlank()) {
            return ASSIGNED;
        }
        String d = description == null ? "" : description.strip().toLowerCase(Locale.ROOT);
        if (d.startsWith("unassigned")) {
            return UNASSIGNED;
        }
        if (d.startsWith("reserved")
                || d.startsWith("de-registered")
                || d.startsWith("removed")
                || d.startsWith("deprecated")
                || d.startsWith("decommissioned")
                || d.startsWith("decomissioned")
                || d.startsWith("de-commissioned")) {
            return RESERVED;
        }
        if (d.startsWith("any private")) {
            return ASSIGNED;
        }
        return OTHER;
    }

    @Override
    public String toString() {
        return slug();
    }
}
