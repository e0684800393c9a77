package dev.portreg.request;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.registry.Entry;
import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.RequestPolicy;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import dev.portreg.request.RequestChecks.Context;
import dev.portreg.request.RequestChecks.OpenRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the checks of one request found so far (errors, warnings, the tracks that apply, free ports
 * to suggest, competing requests), and the rules several kinds share: a party's fields, the DCCP
 * service code, competing requests on the same ports, who holds a port.
 */
final class CheckFindings {

    /** DCCP service codes 0x3F000000-0x3FFFFFFF are for private use (RFC 5595). */
    private static final long PRIVATE_CODES_FROM = 0x3F000000L;

    private static final long PRIVATE_CODES_TO = 0x3FFFFFFFL;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    final RequestContent c;
    final Context ctx;
    final RegistrySnapshot reg;
    final List<FieldError> errors = new ArrayList<>();
    final List<FieldError> warnings = new ArrayList<>();
    final Set<Integer> suggestions = new LinkedHashSet<>();
    final Set<Long> competing = new LinkedHashSet<>();
    Set<Track> allowed = EnumSet.noneOf(Track.class);
    String policy;

    /** Whether the request acts on entries of the IESG or the IETF Chair. */
    boolean iesgEntries;

    CheckFindings(RequestContent content, Context ctx) {
        this.c = content;
        this.ctx = ctx;
        this.reg = ctx.registry();
    }

    /** The tracks that apply and the sentence that says why. */
    void tracks(Set<Track> tracks, String sentence) {
        allowed = EnumSet.copyOf(tracks);
        policy = sentence;
    }

    /** The tracks and the sentence of one row of the port policy table. */
    void apply(RequestPolicy.Case row) {
        allowed = EnumSet.noneOf(Track.class);
        for (var p : row.policy.policies()) {
            allowed.add(Track.of(p));
        }
        policy = row.policy.sentence();
    }

    void checkParty(String field, Party p) {
        require(field + ".name", p.name(), "is required");
        if (p.email() == null) {
            error(field + ".email", "is required");
        } else if (!EMAIL.matcher(p.email()).matches()) {
            error(field + ".email", "\"" + p.email() + "\" is not an email address");
        }
    }

    /** DCCP service-code rules (RFC 6335 §8.1.1, RFC 5595). */
    void serviceCode() {
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

    /** Warns of other open requests for any of {@code ports} on one of {@code transports}. */
    void competitorsOnPorts(Ports ports, List<Transport> transports) {
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

    /** Who holds a port that is not free: "assigned to http", or its status. */
    String holderText(int port, Transport t) {
        for (StoredEntry se : reg.entriesAt(port)) {
            Entry e = se.entry();
            if (e.covers(t) && e.serviceName() != null) {
                return "assigned to " + e.serviceName();
            }
        }
        return "not free (" + reg.status(port, t).label + ")";
    }

    void require(String field, String value, String message) {
        if (value == null || value.isBlank()) {
            error(field, message);
        }
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    void warn(String field, String message) {
        warnings.add(new FieldError(field, message));
    }
}
