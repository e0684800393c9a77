package dev.portreg.request;

import dev.portreg.registry.PortRange;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Transport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The request form's fields as the browser sent them, text as typed, so a refused form shows every
 * value again. {@link #toInput()} builds the same {@link RequestInput} the API takes; fields that
 * do not belong to the chosen kind are left out of it, so a value typed and then hidden is never
 * stored.
 */
public class RequestForm {

    /** How the port is chosen (RFC 6335 §8.1.1 Port Number: a number, a range, or none). */
    public static final String SPECIFIC = "port", ANY_SYSTEM = "system", ANY_USER = "user";

    public static final String NO_PORT = "none";

    /** The pseudo-kind that is always refused with the RFC 6335 §8.5 explanation. */
    public static final String TRANSFER = "transfer";

    @RestForm public String kind;
    @RestForm public String serviceName;
    @RestForm public String portChoice;
    @RestForm public String port;
    @RestForm public List<String> transports;
    @RestForm public String track;
    @RestForm public String description;
    @RestForm public String assigneeName;
    @RestForm public String assigneeOrg;
    @RestForm public String assigneeEmail;
    @RestForm public String contactName;
    @RestForm public String contactOrg;
    @RestForm public String contactEmail;
    @RestForm public String reference;
    @RestForm public String castStatement;
    @RestForm public String ietfDocument;
    @RestForm public String chairStatement;
    @RestForm public String justification;
    @RestForm public String systemJustification;
    @RestForm public String stableSpecification;
    @RestForm public String reservedReason;
    @RestForm public String serviceCode;
    @RestForm public String unauthorizedUses;
    @RestForm public String notes;
    @RestForm public String targetService;

    /** The request being edited (empty for a new one), so Check knows whose request it is. */
    @RestForm public String id;

    /** The version the form was loaded at: a stale form is a 409, not a lost update. */
    @RestForm public String version;

    /**
     * The track the form preselected because the rules derived it. Sent back unchanged, the request
     * keeps no chosen track, so the rules derive it again when the port changes.
     */
    @RestForm public String trackDerived;

    /** Which button was pressed: "save" or "submit". */
    @RestForm public String action;

    /** A suggested free port the visitor picked in the assessment: Check again with it. */
    @RestForm public String usePort;

    /**
     * The form's groups of fields a kind uses ({@link RequestField#usedBy()}); the rest stay in the
     * form (hidden) but never reach the workflow. Kind, track and notes belong to every kind and
     * are not groups of their own; a range to pick from is part of the port's group.
     */
    static Set<String> fieldsOf(RequestKind kind) {
        Set<String> out = new LinkedHashSet<>();
        for (RequestField f : RequestField.values()) {
            if (f.usedBy(kind)
                    && !f.usedBy().containsAll(EnumSet.allOf(RequestKind.class))
                    && f != RequestField.ANY_PORT_IN) {
                out.add(f.name);
            }
        }
        return out;
    }

    public RequestForm() {}

    /** A blank new form, prefilled from a link such as {@code /requests/new?port=938}. */
    static RequestForm prefilled(
            String kind, String port, List<String> transports, String targetService) {
        RequestForm f = new RequestForm();
        RequestKind k = RequestKind.parse(kind).orElse(RequestKind.NEW_ASSIGNMENT);
        f.kind = k.slug;
        f.port = trim(port);
        f.portChoice = SPECIFIC;
        f.transports = splitTransports(transports);
        f.targetService = trim(targetService);
        return f;
    }

    /** The form of a stored request, for editing. */
    static RequestForm of(RequestViews.RequestView r) {
        RequestInput in = r.content();
        RequestForm f = new RequestForm();
        f.kind = r.kind().slug;
        f.serviceName = in.serviceName();
        f.port = in.port();
        f.portChoice =
                in.port() != null
                        ? SPECIFIC
                        : in.anyPortIn() != null
                                ? in.anyPortIn()
                                : r.kind() == RequestKind.NEW_ASSIGNMENT ? NO_PORT : SPECIFIC;
        f.transports =
                in.transports() == null ? new ArrayList<>() : new ArrayList<>(in.transports());
        f.track = in.track();
        f.description = in.description();
        if (in.assignee() != null) {
            f.assigneeName = in.assignee().name();
            f.assigneeOrg = in.assignee().org();
            f.assigneeEmail = in.assignee().email();
        }
        if (in.contact() != null) {
            f.contactName = in.contact().name();
            f.contactOrg = in.contact().org();
            f.contactEmail = in.contact().email();
        }
        f.reference = in.reference();
        f.castStatement = in.castStatement();
        f.ietfDocument = in.ietfDocument();
        f.chairStatement = in.chairStatement();
        f.justification = in.justification();
        f.systemJustification = in.systemJustification();
        f.stableSpecification = in.stableSpecification();
        f.reservedReason = in.reservedReason();
        f.serviceCode = in.serviceCode();
        f.unauthorizedUses = in.unauthorizedUses();
        f.notes = in.notes();
        f.targetService = in.targetService();
        f.id = Long.toString(r.id());
        f.version = Integer.toString(r.version());
        return f;
    }

    /**
     * What the workflow takes. "transfer" goes through as typed, so {@link RequestContent#parse}
     * refuses it with the RFC 6335 §8.5 explanation; an unknown kind is refused there too.
     */
    RequestInput toInput() {
        RequestKind k = parsedKind().orElse(null);
        Set<String> uses = fieldsOf(k == null ? RequestKind.NEW_ASSIGNMENT : k);
        boolean newAssignment =
                k == null || k == RequestKind.NEW_ASSIGNMENT || k == RequestKind.EARLY_ALLOCATION;
        String choice = choice();
        String portValue = null;
        String anyPortIn = null;
        if (newAssignment) {
            switch (choice) {
                case ANY_SYSTEM, ANY_USER -> anyPortIn = choice;
                case NO_PORT -> {}
                default -> portValue = trim(port);
            }
        }
        return new RequestInput(
                trim(kind),
                pick(uses, "serviceName", serviceName),
                portValue,
                anyPortIn,
                uses.contains("transports") ? transportList() : List.of(),
                chosenTrack(),
                pick(uses, "description", description),
                uses.contains("assignee")
                        ? new Party(assigneeName, assigneeOrg, assigneeEmail)
                        : null,
                uses.contains("contact") ? new Party(contactName, contactOrg, contactEmail) : null,
                pick(uses, "reference", reference),
                pick(uses, "castStatement", castStatement),
                pick(uses, "ietfDocument", ietfDocument),
                pick(uses, "chairStatement", chairStatement),
                pick(uses, "justification", justification),
                pick(uses, "systemJustification", systemJustification),
                pick(uses, "stableSpecification", stableSpecification),
                pick(uses, "reservedReason", reservedReason),
                pick(uses, "serviceCode", serviceCode),
                pick(uses, "unauthorizedUses", unauthorizedUses),
                trim(notes),
                pick(uses, "targetService", targetService));
    }

    /** The track the person chose: none when they left the derived one as it was. */
    String chosenTrack() {
        String t = trim(track);
        return t != null && t.equalsIgnoreCase(String.valueOf(trim(trackDerived))) ? null : t;
    }

    /**
     * True when a new assignment asks for a specific port but none is typed: the form would
     * otherwise read as a request for a name only.
     */
    boolean portMissing() {
        return parsedKind().orElse(RequestKind.NEW_ASSIGNMENT) == RequestKind.NEW_ASSIGNMENT
                && !RequestForm.TRANSFER.equalsIgnoreCase(String.valueOf(trim(kind)))
                && choice().equals(SPECIFIC)
                && trim(port) == null;
    }

    /** The kind chosen, if it is one (not "transfer", not garbage). */
    java.util.Optional<RequestKind> parsedKind() {
        return RequestKind.parse(kind);
    }

    /** The kind's slug, new-assignment when none was sent. */
    public String kindSlug() {
        String k = trim(kind);
        return k == null ? RequestKind.NEW_ASSIGNMENT.slug : k.toLowerCase();
    }

    public boolean isKind(String slug) {
        return kindSlug().equalsIgnoreCase(slug);
    }

    /** The port choice, a specific port when none (or something unknown) was sent. */
    public String choice() {
        String c = trim(portChoice);
        if (c == null) {
            return SPECIFIC;
        }
        c = c.toLowerCase();
        return switch (c) {
            case ANY_SYSTEM, ANY_USER, NO_PORT -> c;
            default -> SPECIFIC;
        };
    }

    public boolean isPortChoice(String choice) {
        return choice().equals(choice);
    }

    public boolean hasTransport(String slug) {
        return transportList().contains(slug);
    }

    /**
     * The range the port choice points into, or null when it cannot be told yet (no number typed,
     * or not a number) or when no port is asked for.
     */
    PortRange range() {
        String choice = choice();
        if (choice.equals(ANY_SYSTEM)) {
            return PortRange.SYSTEM;
        }
        if (choice.equals(ANY_USER)) {
            return PortRange.USER;
        }
        if (choice.equals(NO_PORT) || trim(port) == null) {
            return null;
        }
        try {
            return PortRange.of(Ports.parse(port.trim()).from());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when a port is asked for, whatever the range. */
    boolean asksForPort() {
        return !choice().equals(NO_PORT);
    }

    /** The transports ticked, in the registry's order, lower case, without duplicates. */
    List<String> transportList() {
        Set<String> out = new LinkedHashSet<>();
        for (String t : transports == null ? List.<String>of() : transports) {
            if (t != null && !t.isBlank()) {
                out.add(t.trim().toLowerCase());
            }
        }
        List<String> sorted = new ArrayList<>();
        for (Transport t : Transport.ALL) {
            if (out.remove(t.slug())) {
                sorted.add(t.slug());
            }
        }
        sorted.addAll(out); // unknown ones go through, so the workflow names them
        return sorted;
    }

    /** The fields the chosen kind uses (those of a new assignment while the kind is unknown). */
    Set<String> fieldsOfKind() {
        return fieldsOf(parsedKind().orElse(RequestKind.NEW_ASSIGNMENT));
    }

    /** Kinds a form may offer: revocations only to operators. */
    static Set<RequestKind> offered(boolean operator) {
        return operator
                ? EnumSet.allOf(RequestKind.class)
                : EnumSet.complementOf(EnumSet.of(RequestKind.REVOKE));
    }

    /** "tcp,udp" or repeated parameters, as a link may give them. */
    static List<String> splitTransports(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v == null) {
                    continue;
                }
                for (String part : v.split("[,\\s]+")) {
                    if (!part.isBlank() && Transport.parse(part).isPresent()) {
                        out.add(part.trim().toLowerCase());
                    }
                }
            }
        }
        return out;
    }

    private static String pick(Set<String> uses, String field, String value) {
        return uses.contains(field) ? trim(value) : null;
    }

    static String trim(String s) {
        return RequestContent.trimToNull(s);
    }
}
