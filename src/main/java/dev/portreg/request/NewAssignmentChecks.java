package dev.portreg.request;

import dev.portreg.registry.PortRange;
import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.RequestPolicy;
import dev.portreg.registry.ServiceNames;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import dev.portreg.request.RequestChecks.OpenRequest;
import java.util.List;
import java.util.Locale;

/**
 * The checks of a request for a new name, with or without a port (RFC 6335 §8.1.1), and of an early
 * allocation (RFC 7120 §2): the name, the port against the registry and the port policy table, the
 * fields every assignment needs, the DCCP service code.
 */
final class NewAssignmentChecks {

    private final CheckFindings f;
    private final RequestContent c;
    private final RegistrySnapshot reg;
    private final Ownership owner;
    private boolean reservedForOthers;
    private boolean ownReservation;

    NewAssignmentChecks(CheckFindings findings, Ownership owner) {
        this.f = findings;
        this.c = findings.c;
        this.reg = findings.reg;
        this.owner = owner;
    }

    /**
     * An early allocation (RFC 7120 §2): a new assignment of a System or User port for an
     * Internet-Draft, asked for by its working group chair; the draft is its reference.
     */
    void earlyAllocation() {
        newAssignment();
        if (c.ports() == null && c.anyPortIn() == null) {
            f.error(
                    "port",
                    "an early allocation is of a System or User port: give one, or a range");
        }
        if (c.ietfDocument() == null) {
            f.error("ietfDocument", "name the Internet-Draft (draft-...) that needs the port");
        } else if (!c.ietfDocument().toLowerCase(Locale.ROOT).startsWith("draft-")) {
            f.error(
                    "ietfDocument",
                    "an early allocation is for an Internet-Draft not yet published (draft-...);"
                            + " for an RFC ask for a new assignment");
        }
        f.require(
                "chairStatement",
                c.chairStatement(),
                "the working group chair asks for an early allocation (RFC 7120 §2): say who and"
                        + " that the working group agrees");
    }

    void newAssignment() {
        checkNewName(c.serviceName());
        if (c.transports().isEmpty()) {
            f.error("transports", "choose at least one transport: tcp, udp, sctp or dccp");
        }
        if (c.ports() != null && c.anyPortIn() != null) {
            f.error("port", "give a port, or a range for IANA to pick from, not both");
        }
        PortRange range = c.ports() != null ? checkPorts(c.ports()) : c.anyPortIn();
        if (c.ports() == null && c.anyPortIn() == null) {
            f.apply(RequestPolicy.Case.NAME_ONLY);
        } else if (range != null) {
            f.apply(portCase(range));
            justifications(range);
        }
        commonFields();
        f.serviceCode();
    }

    /** Why a User or System port rather than a Dynamic one (RFC 6335 §8.1.1). */
    private void justifications(PortRange range) {
        if (range == PortRange.USER || range == PortRange.SYSTEM) {
            f.require(
                    "justification",
                    c.justification(),
                    "explain why a Dynamic port will not do (RFC 6335 §8.1.1)");
        }
        if (range == PortRange.SYSTEM && c.kind() == RequestKind.NEW_ASSIGNMENT) {
            f.require(
                    "systemJustification",
                    c.systemJustification(),
                    "explain why neither a User nor a Dynamic port will do (RFC 6335 §8.1.1)");
            f.require(
                    "stableSpecification",
                    c.stableSpecification(),
                    "a System port must cite a stable protocol specification (RFC 6335 §8.1.1)");
        }
    }

    /** Which row of the port policy table a new assignment in {@code range} falls under. */
    private RequestPolicy.Case portCase(PortRange range) {
        if (reservedForOthers) {
            return RequestPolicy.Case.RESERVED_FOR_OTHERS;
        }
        if (ownReservation) {
            return RequestPolicy.Case.OWN_RESERVATION;
        }
        if (range == PortRange.USER) {
            return RequestPolicy.Case.USER;
        }
        return c.transports().contains(Transport.DCCP)
                ? RequestPolicy.Case.SYSTEM_DCCP
                : RequestPolicy.Case.SYSTEM;
    }

    /**
     * Checks a requested port or run on every transport asked for; the range it lies in, or null
     * when it cannot be assigned at all (Dynamic, or across two ranges).
     */
    private PortRange checkPorts(Ports p) {
        if (p.to() > PortRange.USER.to) {
            f.error("port", "Dynamic ports (49152-65535) are never assigned (RFC 6335 §8.1.2)");
            return null;
        }
        if (PortRange.of(p.from()) != PortRange.of(p.to())) {
            f.error("port", "a range must lie within one range, System or User");
            return null;
        }
        if (!p.single()) {
            f.warn(
                    "port",
                    "more than one port is rarely justified: multiplex in-band or use"
                            + " discovery (RFC 7605 §7.2)");
        }
        for (Transport t : c.transports()) {
            for (int port = p.from(); port <= p.to(); port++) {
                checkPort(port, t);
            }
        }
        f.competitorsOnPorts(p, c.transports());
        return PortRange.of(p.from());
    }

    private void checkPort(int port, Transport t) {
        switch (reg.status(port, t)) {
            case UNASSIGNED -> {}
            case ASSIGNED, OTHER -> {
                f.error(
                        "port",
                        port + "/" + t + " is " + f.holderText(port, t) + ": choose a free port");
                f.suggestions.addAll(reg.nearestFree(port, c.transports(), 5));
            }
            case RESERVED, UNLISTED -> {
                if (owner.holds(port)) {
                    ownReservation = true;
                } else {
                    reservedForOthers = true;
                    if (c.reservedReason() == null) {
                        f.error(
                                "reservedReason",
                                port
                                        + "/"
                                        + t
                                        + " is Reserved: say why a Reserved port is appropriate"
                                        + " (RFC 6335 §8.1)");
                    }
                }
            }
        }
    }

    private void checkNewName(String name) {
        if (name == null) {
            f.error("serviceName", "is required");
            return;
        }
        for (String p : ServiceNames.problems(name)) {
            f.error("serviceName", p);
        }
        List<StoredEntry> existing = reg.byName(name);
        if (!existing.isEmpty()) {
            f.error(
                    "serviceName",
                    "\""
                            + existing.get(0).entry().serviceName()
                            + "\" is already registered; names are unique ignoring case (RFC 6335"
                            + " §8.1.1)");
        }
        for (String w : ServiceNames.warnings(name)) {
            f.warn("serviceName", w);
        }
        for (OpenRequest o : f.ctx.openRequests()) {
            if (o.id() != f.ctx.requestId()
                    && o.serviceName() != null
                    && o.serviceName().equalsIgnoreCase(name)) {
                f.competing.add(o.id());
                f.warn(
                        "serviceName",
                        "request #" + o.id() + " also asks for the name " + o.serviceName());
            }
        }
    }

    private void commonFields() {
        f.require(
                "description", c.description(), "is required: a short description of the service");
        f.checkParty("assignee", c.assignee());
        f.checkParty("contact", c.contact());
        if (c.kind() != RequestKind.EARLY_ALLOCATION) {
            f.require(
                    "reference",
                    c.reference(),
                    "describe the protocol or point to a document that does (RFC 6335 §8.1.1)");
        }
        f.require(
                "castStatement",
                c.castStatement(),
                "say whether IP broadcast, multicast or anycast is used (RFC 6335 §8.1.1)");
    }
}
