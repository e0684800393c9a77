package dev.portreg.registry;

import java.util.List;

/**
 * One record of the registry, holding everything IANA's files hold for it.
 *
 * @param serviceName the service name, or null for a status row ("Unassigned", "Reserved")
 * @param ports the port or range, or null for a name-only entry
 * @param transport the transport, or null when the row covers every transport
 * @param description always present
 * @param assigneeId the Assignee's person id, or null
 * @param contactId the Contact's person id, or null
 * @param registered Registration Date at the precision given (YYYY-MM or YYYY-MM-DD), or null
 * @param modified Modification Date, same format, or null
 * @param references RFCs, drafts, URIs, text and notes, in file order
 * @param serviceCode the DCCP service code (RFC 5595), or null
 * @param unauthorized "Unauthorized Use Reported", or null
 * @param notes Assignment Notes, or null
 */
public record Entry(
        String serviceName,
        Ports ports,
        Transport transport,
        String description,
        String assigneeId,
        String contactId,
        String registered,
        String modified,
        List<Reference> references,
        Long serviceCode,
        String unauthorized,
        String notes) {

    public Entry {
        references = references == null ? List.of() : List.copyOf(references);
    }

    public PortStatus status() {
        return PortStatus.classify(serviceName, description);
    }

    public boolean nameOnly() {
        return ports == null;
    }

    /** The transports this entry covers: its own, or all four when the file leaves it empty. */
    public List<Transport> transports() {
        return transport == null ? Transport.ALL : List.of(transport);
    }

    public boolean covers(Transport t) {
        return transport == null || transport == t;
    }

    public boolean covers(int port) {
        return ports != null && ports.contains(port);
    }

    /** A legacy name that breaks today's syntax (RFC 6335 §10.1), kept as it is. */
    public boolean legacyName() {
        return serviceName != null && !ServiceNames.valid(serviceName);
    }
}
