package dev.portreg.request;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.PortRange;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Transport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a request says, with every value well-formed but not necessarily complete: a draft may leave
 * fields empty. Completeness and the registry rules are {@link RequestChecks}' job.
 *
 * @param ports the port or range asked for, or null
 * @param anyPortIn the range IANA should pick a port from (System or User), or null
 * @param track the track the requester chose, or null to derive it
 * @param chairStatement the working group chair's request for an early allocation (RFC 7120)
 * @param castStatement whether IP broadcast, multicast or anycast is used (§8.1.1 Reference)
 * @param justification why a Dynamic port will not do (User and System ports)
 * @param systemJustification why a User port will not do (System ports)
 * @param stableSpecification the stable protocol specification a System port must cite
 * @param reservedReason why a Reserved port is appropriate (RFC 6335 §8.1)
 * @param targetService the existing service an add-transport, modify, de-assign or revoke is about
 */
public record RequestContent(
        RequestKind kind,
        String serviceName,
        Ports ports,
        PortRange anyPortIn,
        List<Transport> transports,
        Track track,
        String description,
        Party assignee,
        Party contact,
        String reference,
        String castStatement,
        String ietfDocument,
        String chairStatement,
        String justification,
        String systemJustification,
        String stableSpecification,
        String reservedReason,
        Long serviceCode,
        String unauthorizedUses,
        String notes,
        String targetService) {

    public static final long MAX_SERVICE_CODE = 4_294_967_295L;

    public RequestContent {
        transports = transports == null ? List.of() : List.copyOf(transports);
        assignee = assignee == null ? Party.EMPTY : assignee;
        contact = contact == null ? Party.EMPTY : contact;
    }

    /**
     * Reads an input, refusing what is malformed (a port that is not a number, an unknown
     * transport, kind or track) with a 400 naming every bad field. Transfers are refused with the
     * RFC 6335 §8.5 explanation.
     */
    public static RequestContent parse(RequestInput in) {
        List<FieldError> limits = in.problems();
        if (!limits.isEmpty()) {
            // Before anything else: nothing too long or unprintable is echoed back or stored.
            throw ProblemException.badInput(limits);
        }
        List<FieldError> errors = new ArrayList<>();
        RequestKind kind = readKind(trimToNull(in.kind()), errors);
        Ports ports = readPorts(trimToNull(in.port()), errors);
        PortRange anyPortIn = readAnyPortIn(trimToNull(in.anyPortIn()), errors);
        List<Transport> transports = readTransports(in.transports(), errors);
        Track track = readTrack(trimToNull(in.track()), errors);
        Long serviceCode = readServiceCode(trimToNull(in.serviceCode()), errors);
        String name = trimToNull(in.serviceName());
        if (!errors.isEmpty()) {
            throw ProblemException.badInput(errors);
        }
        RequestContent content =
                new RequestContent(
                        kind,
                        name,
                        ports,
                        anyPortIn,
                        transports,
                        track,
                        trimToNull(in.description()),
                        in.assignee(),
                        in.contact(),
                        trimToNull(in.reference()),
                        trimToNull(in.castStatement()),
                        trimToNull(in.ietfDocument()),
                        trimToNull(in.chairStatement()),
                        trimToNull(in.justification()),
                        trimToNull(in.systemJustification()),
                        trimToNull(in.stableSpecification()),
                        trimToNull(in.reservedReason()),
                        serviceCode,
                        trimToNull(in.unauthorizedUses()),
                        trimToNull(in.notes()),
                        trimToNull(in.targetService()));
        List<FieldError> unused = content.unusedFields();
        if (!unused.isEmpty()) {
            throw ProblemException.badInput(unused);
        }
        return content;
    }

    private static RequestKind readKind(String text, List<FieldError> errors) {
        if (text == null) {
            return RequestKind.NEW_ASSIGNMENT;
        }
        if (text.equalsIgnoreCase("transfer")) {
            throw ProblemException.badInput("kind", RequestKind.TRANSFER_REFUSED);
        }
        RequestKind kind = RequestKind.parse(text).orElse(null);
        if (kind == null) {
            errors.add(
                    new FieldError(
                            "kind",
                            "unknown kind \""
                                    + text
                                    + "\"; use new-assignment, add-transport, modify,"
                                    + " de-assign, revoke, early-allocation, early-renewal or"
                                    + " make-permanent"));
        }
        return kind;
    }

    private static Ports readPorts(String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return Ports.parse(text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("port", e.getMessage()));
            return null;
        }
    }

    private static PortRange readAnyPortIn(String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        PortRange range = PortRange.parse(text).orElse(null);
        if (range == null || range == PortRange.DYNAMIC) {
            errors.add(
                    new FieldError(
                            "anyPortIn",
                            "must be system or user: Dynamic ports are never assigned"));
            return null;
        }
        return range;
    }

    /** The transports named, each once, in the registry's order. */
    private static List<Transport> readTransports(List<String> texts, List<FieldError> errors) {
        List<Transport> transports = new ArrayList<>();
        for (String t : texts == null ? List.<String>of() : texts) {
            if (t == null || t.isBlank()) {
                continue;
            }
            Transport parsed = Transport.parse(t).orElse(null);
            if (parsed == null) {
                errors.add(
                        new FieldError(
                                "transports",
                                "unknown transport \""
                                        + t.trim()
                                        + "\"; use tcp, udp, sctp or dccp"));
            } else if (!transports.contains(parsed)) {
                transports.add(parsed);
            }
        }
        transports.sort(null);
        return transports;
    }

    private static Track readTrack(String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        Track track = Track.parse(text).orElse(null);
        if (track == null) {
            errors.add(
                    new FieldError(
                            "track",
                            "unknown track \""
                                    + text
                                    + "\"; use fcfs, expert-review, ietf-review,"
                                    + " iesg-approval or standards-action"));
        }
        return track;
    }

    /** A DCCP service code, decimal or hexadecimal (0x...), 32 bits. */
    private static Long readServiceCode(String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            long code =
                    text.toLowerCase(java.util.Locale.ROOT).startsWith("0x")
                            ? Long.parseLong(text.substring(2), 16)
                            : Long.parseLong(text);
            if (code < 0 || code > MAX_SERVICE_CODE) {
                errors.add(
                        new FieldError("serviceCode", "must be a 32-bit number (0 to 4294967295)"));
            }
            return code;
        } catch (NumberFormatException e) {
            errors.add(
                    new FieldError(
                            "serviceCode",
                            "must be a number, decimal or hexadecimal (0x...), not \""
                                    + text
                                    + "\""));
            return null;
        }
    }

    /**
     * A stored request's content: as {@link #parse}, but a field its kind does not use (stored
     * before such fields were refused) is dropped rather than refused.
     */
    public static RequestContent stored(RequestInput in) {
        RequestKind kind = RequestKind.parse(in.kind()).orElse(RequestKind.NEW_ASSIGNMENT);
        return parse(in.keepOnly(kind));
    }

    /** The fields that hold a value although the kind does not use them, in form order. */
    List<FieldError> unusedFields() {
        List<FieldError> out = new ArrayList<>();
        for (RequestField f : RequestField.values()) {
            if (!f.usedBy(kind) && value(f) != null) {
                out.add(
                        new FieldError(
                                f.name,
                                "a "
                                        + kind.slug
                                        + " request does not use this field; leave it out"));
            }
        }
        return out;
    }

    /** A field's value as display text, or null when empty. */
    public String value(RequestField f) {
        return switch (f) {
            case KIND -> kind.slug;
            case TARGET_SERVICE -> targetService;
            case SERVICE_NAME -> serviceName;
            case TRANSPORTS ->
                    transports.isEmpty()
                            ? null
                            : String.join(", ", transports.stream().map(Transport::slug).toList());
            case PORT -> ports == null ? null : ports.toString();
            case ANY_PORT_IN -> anyPortIn == null ? null : anyPortIn.slug();
            case TRACK -> track == null ? null : track.slug();
            case DESCRIPTION -> description;
            case ASSIGNEE -> assignee.isEmpty() ? null : assignee.display();
            case CONTACT -> contact.isEmpty() ? null : contact.display();
            case REFERENCE -> reference;
            case CAST_STATEMENT -> castStatement;
            case IETF_DOCUMENT -> ietfDocument;
            case CHAIR_STATEMENT -> chairStatement;
            case JUSTIFICATION -> justification;
            case SYSTEM_JUSTIFICATION -> systemJustification;
            case STABLE_SPECIFICATION -> stableSpecification;
            case RESERVED_REASON -> reservedReason;
            case SERVICE_CODE -> serviceCode == null ? null : serviceCode.toString();
            case UNAUTHORIZED_USES -> unauthorizedUses;
            case NOTES -> notes;
        };
    }

    /** The same content as the API writes it. */
    public RequestInput toInput() {
        return new RequestInput(
                kind.slug,
                serviceName,
                ports == null ? null : ports.toString(),
                anyPortIn == null ? null : anyPortIn.slug(),
                transports.stream().map(Transport::slug).toList(),
                track == null ? null : track.slug(),
                description,
                assignee,
                contact,
                reference,
                castStatement,
                ietfDocument,
                chairStatement,
                justification,
                systemJustification,
                stableSpecification,
                reservedReason,
                serviceCode == null ? null : serviceCode.toString(),
                unauthorizedUses,
                notes,
                targetService);
    }

    /** Field by field, what differs between {@code before} and this: {field: [old, new]}. */
    public Map<String, List<String>> changesSince(RequestContent before) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Map<String, String> a = before.fields();
        Map<String, String> b = fields();
        for (Map.Entry<String, String> e : b.entrySet()) {
            String old = a.get(e.getKey());
            if (!Objects.equals(old, e.getValue())) {
                List<String> pair = new ArrayList<>(2);
                pair.add(old);
                pair.add(e.getValue());
                out.put(e.getKey(), pair);
            }
        }
        return out;
    }

    /** Every field as display text, by API name, in form order. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        for (RequestField f : RequestField.values()) {
            m.put(f.name, value(f));
        }
        return m;
    }

    static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
