package dev.portreg.request;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.registry.EarlyAllocation;
import dev.portreg.registry.Entry;
import dev.portreg.registry.PortRange;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.RequestPolicy;
import dev.portreg.registry.ServiceNames;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import dev.portreg.request.Assessment.PreviewEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of RFC 6335 §8 applied to one request against the registry as it is now: the same
 * checks run while drafting (as advice), on submission (as a gate) and again at decision time.
 */
public final class RequestChecks {

    /** DCCP service codes 0x3F000000-0x3FFFFFFF are for private use (RFC 5595). */
    static final long PRIVATE_CODES_FROM = 0x3F000000L;

    static final long PRIVATE_CODES_TO = 0x3FFFFFFFL;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    /** Another open request, for conflict warnings. */
    public record OpenRequest(
            long id, String serviceName, Ports ports, List<Transport> transports) {}

    /**
     * Who asks, for ownership of existing entries: an account is an entry's Assignee or Contact
     * when its verified address is that person's, or when an operator linked it to that person; and
     * only for that person's entries. Entries of the IESG or the IETF Chair belong to nobody by
     * address or link: IESG members ask for them, and the IESG ballots.
     *
     * @param verifiedEmail the requester's address if verified, else null
     * @param people registry person ids an operator linked the account to
     * @param iesgMember whether the requester holds the iesg role
     */
    public record Requester(String verifiedEmail, Set<String> people, boolean iesgMember) {
        public Requester {
            people = people == null ? Set.of() : Set.copyOf(people);
        }
    }

    /**
     * What a check needs to know besides the request.
     *
     * @param requestId the request being checked (excluded from competitors), or 0
     * @param requester who asks, for ownership of existing entries
     * @param operator true when the requester holds the iana role (revocations)
     */
    public record Context(
            RegistrySnapshot registry,
            long requestId,
            Requester requester,
            boolean operator,
            List<OpenRequest> openRequests,
            LocalDate today) {

        /** A requester known by a verified address only. */
        public Context(
                RegistrySnapshot registry,
                long requestId,
                String verifiedEmail,
                boolean operator,
                List<OpenRequest> openRequests,
                LocalDate today) {
            this(
                    registry,
                    requestId,
                    new Requester(verifiedEmail, Set.of(), false),
                    operator,
                    openRequests,
                    today);
        }
    }

    private final RequestContent c;
    private final Context ctx;
    private final RegistrySnapshot reg;
    private final Ownership owner;
    private final List<FieldError> errors = new ArrayList<>();
    private final List<FieldError> warnings = new ArrayList<>();
    private final List<PreviewEntry> preview = new ArrayList<>();
    private final Set<Integer> suggestions = new LinkedHashSet<>();
    private final Set<Long> competing = new LinkedHashSet<>();
    private Set<Track> allowed = EnumSet.noneOf(Track.class);
    private String policy;
    private boolean iesgEntries;
    private boolean reservedForOthers;
    private boolean ownReservation;

    private RequestChecks(RequestContent content, Context ctx) {
        this.c = content;
        this.ctx = ctx;
        this.reg = ctx.registry();
        this.owner = new Ownership(reg, ctx.requester());
    }

    public static Assessment assess(RequestContent content, Context ctx) {
        return new RequestChecks(content, ctx).run();
    }

    private Assessment run() {
        switch (c.kind()) {
            case NEW_ASSIGNMENT -> newAssignment();
            case ADD_TRANSPORT -> addTransport();
            case MODIFY -> modify();
            case DE_ASSIGN -> deAssign(false);
            case REVOKE -> deAssign(true);
            case EARLY_ALLOCATION -> earlyAllocation();
            case EARLY_RENEWAL -> earlyChange(true);
            case MAKE_PERMANENT -> earlyChange(false);
        }
        if (iesgEntries) {
            allowed = EnumSet.of(Track.IESG_APPROVAL);
            policy =
                    "Entries of the IESG or the IETF Chair change only through the IESG: an IESG"
                            + " ballot (IESG Approval)";
        }
        Track track = chooseTrack();
        preview.addAll(RequestPreview.of(c, reg, ctx.requestId(), ctx.today()));
        return new Assessment(
                track,
                List.copyOf(allowed),
                policy,
                List.copyOf(errors),
                List.copyOf(warnings),
                List.copyOf(preview),
                List.copyOf(suggestions),
                List.copyOf(competing));
    }

    /** The tracks and the sentence of one row of the port policy table. */
    private void apply(RequestPolicy.Case row) {
        allowed = EnumSet.noneOf(Track.class);
        for (var p : row.policy.policies()) {
            allowed.add(Track.of(p));
        }
        policy = row.policy.sentence();
    }

    // --- kinds -----------------------------------------------------------------------------------

    /**
     * An early allocation (RFC 7120 §2): a new assignment of a System or User port for an
     * Internet-Draft, asked for by its working group chair; the draft is its reference.
     */
    private void earlyAllocation() {
        newAssignment();
        if (c.ports() == null && c.anyPortIn() == null) {
            error("port", "an early allocation is of a System or User port: give one, or a range");
        }
        if (c.ietfDocument() == null) {
            error("ietfDocument", "name the Internet-Draft (draft-...) that needs the port");
        } else if (!c.ietfDocument().toLowerCase(java.util.Locale.ROOT).startsWith("draft-")) {
            error(
                    "ietfDocument",
                    "an early allocation is for an Internet-Draft not yet published (draft-...);"
                            + " for an RFC ask for a new assignment");
        }
        require(
                "chairStatement",
                c.chairStatement(),
                "the working group chair asks for an early allocation (RFC 7120 §2): say who and"
                        + " that the working group agrees");
    }

    /**
     * The renewal (one extension, RFC 7120 §3.3: the IESG decides) or the making permanent (IANA,
     * once the document is published as an RFC) of one's own early allocation.
     */
    private void earlyChange(boolean renewal) {
        allowed = EnumSet.of(renewal ? Track.IESG_APPROVAL : Track.FCFS);
        policy =
                renewal
                        ? "An early allocation is extended once, by a year, when the IESG approves"
                                + " (RFC 7120 §3.3)"
                        : "When its document is published, IANA makes the early allocation"
                                + " permanent with the RFC as its reference (RFC 7120 §3.2)";
        if (!renewal
                && (c.reference() == null
                        || RegistryAction.references(c).stream()
                                .noneMatch(r -> "rfc".equals(r.type())))) {
            error("reference", "cite the RFC the document was published as (RFC 1234)");
        }
        List<StoredEntry> service = ownedService();
        if (service == null) {
            return;
        }
        for (StoredEntry se : service) {
            var early = EarlyAllocation.in(se.entry().description());
            if (early.isEmpty()) {
                error("targetService", c.targetService() + " is not an early allocation");
                return;
            }
            if (early.get().expiredOn(ctx.today())) {
                error("targetService", "the early allocation expired on " + early.get().expires());
                return;
            }
            if (renewal && early.get().extended() != null) {
                error(
                        "targetService",
                        "it was extended on "
                                + early.get().extended()
                                + "; RFC 7120 §3.3 allows one extension");
                return;
            }
        }
    }

    private void newAssignment() {
        checkNewName(c.serviceName());
        if (c.transports().isEmpty()) {
            error("transports", "choose at least one transport: tcp, udp, sctp or dccp");
        }
        if (c.ports() != null && c.anyPortIn() != null) {
            error("port", "give a port, or a range for IANA to pick from, not both");
        }
        PortRange range = c.ports() != null ? checkPorts(c.ports()) : c.anyPortIn();
        if (c.ports() == null && c.anyPortIn() == null) {
            apply(RequestPolicy.Case.NAME_ONLY);
        } else if (range != null) {
            apply(portCase(range));
            if (range == PortRange.USER || range == PortRange.SYSTEM) {
                require(
                        "justification",
                        c.justification(),
                        "explain why a Dynamic port will not do (RFC 6335 §8.1.1)");
            }
            if (range == PortRange.SYSTEM && c.kind() == RequestKind.NEW_ASSIGNMENT) {
                require(
                        "systemJustification",
                        c.systemJustification(),
                        "explain why neither a User nor a Dynamic port will do (RFC 6335 §8.1.1)");
                require(
                        "stableSpecification",
                        c.stableSpecification(),
                        "a System port must cite a stable protocol specification (RFC 6335 §8.1.1)");
            }
        }
        commonFields();
        serviceCode(null);
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
            error("port", "Dynamic ports (49152-65535) are never assigned (RFC 6335 §8.1.2)");
            return null;
        }
        if (PortRange.of(p.from()) != PortRange.of(p.to())) {
            error("port", "a range must lie within one range, System or User");
            return null;
        }
        if (!p.single()) {
            warn(
                    "port",
                    "more than one port is rarely justified: multiplex in-band or use"
                            + " discovery (RFC 7605 §7.2)");
        }
        for (Transport t : c.transports()) {
            for (int port = p.from(); port <= p.to(); port++) {
                checkPort(port, t);
            }
        }
        competitorsOnPorts(p, c.transports());
        return PortRange.of(p.from());
    }

    private void checkPort(int port, Transport t) {
        switch (reg.status(port, t)) {
            case UNASSIGNED -> {}
            case ASSIGNED, OTHER -> {
                error(
                        "port",
                        port + "/" + t + " is " + holderText(port, t) + ": choose a free port");
                suggestions.addAll(reg.nearestFree(port, c.transports(), 5));
            }
            case RESERVED, UNLISTED -> {
                if (owner.holds(port)) {
                    ownReservation = true;
                } else {
                    reservedForOthers = true;
                    if (c.reservedReason() == null) {
                        error(
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

    private void addTransport() {
        List<StoredEntry> service = ownedService();
        allowed = EnumSet.of(Track.EXPERT_REVIEW);
        policy = "Another transport for an existing assignment: Expert Review (RFC 6335 §8.1)";
        if (c.transports().isEmpty()) {
            error("transports", "choose the transports to add");
        }
        if (service == null) {
            return;
        }
        Entry base = service.get(0).entry();
        Ports ports = servicePorts(service);
        for (Transport t : c.transports()) {
            boolean has = service.stream().anyMatch(se -> se.entry().covers(t));
            if (has) {
                error("transports", base.serviceName() + " is already registered on " + t);
                continue;
            }
            if (ports != null) {
                for (int p = ports.from(); p <= ports.to(); p++) {
                    PortStatus s = reg.status(p, t);
                    if (s == PortStatus.ASSIGNED || s == PortStatus.OTHER) {
                        error("transports", p + "/" + t + " is " + holderText(p, t));
                    }
                }
                competitorsOnPorts(ports, List.of(t));
            }
        }
        serviceCode(ports);
    }

    private void modify() {
        List<StoredEntry> service = ownedService();
        allowed = EnumSet.of(Track.FCFS);
        policy = "Description and contact changes are handled by IANA (RFC 6335 §8.6)";
        if (service == null) {
            return;
        }
        Entry base = service.get(0).entry();
        if (!c.assignee().isEmpty() && !owner.sameParty(base.assigneeId(), c.assignee())) {
            error(
                    "assignee",
                    "the Assignee cannot be changed (RFC 6335 §8.6); that would be a transfer,"
                            + " which is not allowed (§8.5): de-assign and file a new request");
        }
        boolean newDescription =
                c.description() != null && !c.description().equals(base.description());
        boolean newContact =
                !c.contact().isEmpty() && !owner.sameParty(base.contactId(), c.contact());
        if (!newDescription && !newContact) {
            error("description", "change the description or the contact (or both)");
        }
        if (!c.contact().isEmpty()) {
            checkParty("contact", c.contact());
        }
    }

    private void deAssign(boolean revoke) {
        allowed = EnumSet.of(revoke ? Track.IESG_APPROVAL : Track.FCFS);
        policy =
                revoke
                        ? "Revocation: a four-week community call, then an IESG decision (RFC 6335 §8.4)"
                        : "De-assignment by the assignee: IANA checks and marks the port Reserved"
                                + " (RFC 6335 §8.2)";
        List<StoredEntry> service;
        if (revoke) {
            if (!ctx.operator()) {
                error("kind", "only the IANA operator starts a revocation (RFC 6335 §8.4)");
            }
            service = existingService();
            if (c.notes() == null) {
                error("notes", "say why the assignment should be revoked");
            }
        } else {
            service = ownedService();
        }
        if (service == null) {
            return;
        }
        boolean any = false;
        for (StoredEntry se : service) {
            Entry e = se.entry();
            if (e.ports() == null) {
                continue;
            }
            any = true;
        }
        if (!any) {
            error("targetService", c.targetService() + " has no port to give back");
        }
    }

    // --- shared rules
    // ------------------------------------------------------------------------------

    private void checkNewName(String name) {
        if (name == null) {
            error("serviceName", "is required");
            return;
        }
        for (String p : ServiceNames.problems(name)) {
            error("serviceName", p);
        }
        List<StoredEntry> existing = reg.byName(name);
        if (!existing.isEmpty()) {
            error(
                    "serviceName",
                    "\""
                            + existing.get(0).entry().serviceName()
                            + "\" is already registered; names are unique ignoring case (RFC 6335"
                            + " §8.1.1)");
        }
        for (String w : ServiceNames.warnings(name)) {
            warn("serviceName", w);
        }
        for (OpenRequest o : ctx.openRequests()) {
            if (o.id() != ctx.requestId()
                    && o.serviceName() != null
                    && o.serviceName().equalsIgnoreCase(name)) {
                competing.add(o.id());
                warn(
                        "serviceName",
                        "request #" + o.id() + " also asks for the name " + o.serviceName());
            }
        }
    }

    private void commonFields() {
        require("description", c.description(), "is required: a short description of the service");
        checkParty("assignee", c.assignee());
        checkParty("contact", c.contact());
        if (c.kind() != RequestKind.EARLY_ALLOCATION) {
            requireReference();
        }
        require(
                "castStatement",
                c.castStatement(),
                "say whether IP broadcast, multicast or anycast is used (RFC 6335 §8.1.1)");
    }

    private void requireReference() {
        require(
                "reference",
                c.reference(),
                "describe the protocol or point to a document that does (RFC 6335 §8.1.1)");
    }

    private void checkParty(String field, Party p) {
        require(field + ".name", p.name(), "is required");
        if (p.email() == null) {
            error(field + ".email", "is required");
        } else if (!EMAIL.matcher(p.email()).matches()) {
            error(field + ".email", "\"" + p.email() + "\" is not an email address");
        }
    }

    /** DCCP service-code rules (RFC 6335 §8.1.1, RFC 5595). */
    private void serviceCode(Ports ports) {
        boolean dccp = c.transports().contains(Transport.DCCP);
        Long code = c.serviceCode();
        if (!dccp) {
            if (code != null) {
                error("serviceCode", "leave the service code out when DCCP is not requested");
            }
            return;
        }
        if (code == null) {
            error("serviceCode", "a DCCP service code is required when DCCP is requested");
            return;
        }
        if (code == 0 || code == RequestContent.MAX_SERVICE_CODE) {
            error("serviceCode", "codes 0 and 4294967295 are permanently reserved (RFC 5595)");
        } else if (code >= PRIVATE_CODES_FROM && code <= PRIVATE_CODES_TO) {
            error("serviceCode", "0x3F000000-0x3FFFFFFF is for private use and never assigned");
        }
        for (StoredEntry se : reg.entries()) {
            if (code.equals(se.entry().serviceCode())) {
                error(
                        "serviceCode",
                        "service code "
                                + code
                                + " is already registered to "
                                + se.entry().serviceName());
                break;
            }
        }
    }

    private Track chooseTrack() {
        if (allowed.isEmpty()) {
            return null;
        }
        Track chosen = c.track();
        if (chosen != null) {
            if (!allowed.contains(chosen)) {
                error(
                        "track",
                        chosen.label()
                                + " does not apply here; use "
                                + String.join(" or ", allowed.stream().map(Track::label).toList()));
                return null;
            }
        } else if (allowed.size() == 1) {
            chosen = allowed.iterator().next();
        } else if (allowed.contains(Track.FCFS)) {
            chosen = Track.FCFS;
        } else if (allowed.contains(Track.EXPERT_REVIEW)) {
            chosen = Track.EXPERT_REVIEW;
        } else {
            error(
                    "track",
                    "choose " + String.join(" or ", allowed.stream().map(Track::label).toList()));
            return null;
        }
        if (chosen == Track.IETF_REVIEW) {
            require(
                    "ietfDocument",
                    c.ietfDocument(),
                    "IETF Review needs the IETF document (RFC or Internet-Draft) that asks for it");
        }
        return chosen;
    }

    private void competitorsOnPorts(Ports ports, List<Transport> transports) {
        for (OpenRequest o : ctx.openRequests()) {
            if (o.id() == ctx.requestId() || o.ports() == null || !o.ports().overlaps(ports)) {
                continue;
            }
            for (Transport t : transports) {
                if (o.transports().contains(t)) {
                    competing.add(o.id());
                    warn(
                            "port",
                            "request #"
                                    + o.id()
                                    + " also asks for "
                                    + o.ports()
                                    + "/"
                                    + t
                                    + "; the first to be completed gets it");
                    break;
                }
            }
        }
    }

    private List<StoredEntry> existingService() {
        String name = c.targetService();
        if (name == null) {
            error("targetService", "name the registered service this request is about");
            return null;
        }
        List<StoredEntry> found = reg.byName(name);
        if (found.isEmpty()) {
            error("targetService", "no service named \"" + name + "\" is registered");
            return null;
        }
        return found;
    }

    /**
     * The entries of the target service, when the requester holds every one of them: a request acts
     * on the whole service, so holding one entry of a name must not unlock another assignee's entry
     * of the same name.
     */
    private List<StoredEntry> ownedService() {
        List<StoredEntry> found = existingService();
        if (found == null) {
            return null;
        }
        List<StoredEntry> others = new ArrayList<>();
        boolean any = false;
        for (StoredEntry se : found) {
            if (owner.ownedBy(se.entry())) {
                any = true;
                iesgEntries |= owner.iesgHeld(se.entry());
            } else {
                others.add(se);
            }
        }
        if (!any) {
            error(
                    "targetService",
                    "only the Assignee or the Contact of "
                            + found.get(0).entry().serviceName()
                            + " may ask for this: your account's verified email address must be"
                            + " theirs, or an operator must link your account to them"
                            + (found.stream().anyMatch(se -> owner.iesgHeld(se.entry()))
                                    ? " (entries of the IESG or the IETF Chair: an IESG member"
                                            + " asks, and the IESG ballots)"
                                    : ""));
            return null;
        }
        if (!others.isEmpty()) {
            List<String> held = new ArrayList<>();
            for (StoredEntry se : others) {
                Entry e = se.entry();
                held.add(
                        (e.ports() == null ? "" : e.ports() + "/")
                                + (e.transport() == null ? "any" : e.transport().slug())
                                + " ("
                                + RequestPreview.personText(reg, e.assigneeId(), Map.of())
                                + ")");
            }
            error(
                    "targetService",
                    found.get(0).entry().serviceName()
                            + " also has entries you do not hold: "
                            + String.join(", ", held)
                            + ". A request may change only entries you hold; ask IANA");
            return null;
        }
        return found;
    }

    private static Ports servicePorts(List<StoredEntry> service) {
        for (StoredEntry se : service) {
            if (se.entry().ports() != null) {
                return se.entry().ports();
            }
        }
        return null;
    }

    private String holderText(int port, Transport t) {
        for (StoredEntry se : reg.entriesAt(port)) {
            Entry e = se.entry();
            if (e.covers(t) && e.serviceName() != null) {
                return "assigned to " + e.serviceName();
            }
        }
        return "not free (" + reg.status(port, t).label + ")";
    }

    private void require(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            error(field, message);
        }
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    private void warn(String field, String message) {
        warnings.add(new FieldError(field, message));
    }
}
