package dev.portreg.web;

import dev.portreg.common.Urls;
import dev.portreg.registry.PortStatus;
import dev.portreg.registry.RegistrationPolicy;
import dev.portreg.registry.RegistryViews.EntryView;
import dev.portreg.registry.RegistryViews.PersonView;
import dev.portreg.registry.RegistryViews.TransportStatus;
import dev.portreg.registry.Transport;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Display logic the templates share, so no template formats a number or a label by itself. */
@TemplateExtension
public final class TemplateExtensions {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                    .withZone(ZoneOffset.UTC);

    private TemplateExtensions() {}

    /** 42446 → "42,446". */
    static String grouped(int n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    static String grouped(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    /** 37 → "37 ports", 1 → "1 port". */
    static String ports(int n) {
        return grouped(n) + (n == 1 ? " port" : " ports");
    }

    /** "TCP". */
    static String label(Transport t) {
        return t.name();
    }

    /** "TCP, UDP and SCTP". */
    static String labels(List<Transport> ts) {
        List<String> names = ts.stream().map(Transport::name).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1))
                + " and "
                + names.get(names.size() - 1);
    }

    /** The badge text: Other's label explains itself elsewhere, the badge stays short. */
    static String badge(PortStatus s) {
        return s == PortStatus.OTHER ? "Other" : s.label;
    }

    /** What a status means, one line, for legends and tooltips. */
    static String meaning(PortStatus s) {
        return switch (s) {
            case ASSIGNED -> "In use by the service named in the registry.";
            case RESERVED ->
                    "Held by IANA: range edges, de-assigned ports, transports not requested."
                            + " Not free.";
            case UNASSIGNED -> "Free: can be assigned on request.";
            case OTHER ->
                    "Listed without a service name and without a status word (e.g. \"Possibly"
                            + " used by Sun Solaris????\"). Treated as not free.";
            case UNLISTED ->
                    "The registry lists nothing for it (the whole Dynamic range, most SCTP and DCCP"
                            + " ports, a few TCP/UDP ports). Not free, though not Reserved either:"
                            + " a request goes as for a Reserved port.";
        };
    }

    /** The transports on which the registry lists nothing for a port, in transport order. */
    static List<Transport> unlisted(List<TransportStatus> statuses) {
        return statuses.stream()
                .filter(t -> t.status() == PortStatus.UNLISTED)
                .map(TransportStatus::transport)
                .toList();
    }

    /** "tcp", or "all transports" when the entry names none; "" for a name-only entry. */
    static String transportText(EntryView e) {
        if (e.transport() != null) {
            return e.transport();
        }
        return e.port() == null ? "" : "all transports";
    }

    /**
     * True when the description is only the status word ("Unassigned", "Reserved"), which the badge
     * already says.
     */
    static boolean statusWord(EntryView e) {
        String d = e.description() == null ? "" : e.description().strip();
        return d.equalsIgnoreCase(e.status().label) || d.isEmpty();
    }

    /** "_http._tcp" for a conforming name with a transport; null otherwise. */
    static String srvLabel(EntryView e) {
        if (e.serviceName() == null || e.legacyName() || e.transport() == null) {
            return null;
        }
        return "_" + e.serviceName().toLowerCase(Locale.ROOT) + "._" + e.transport();
    }

    /** The service page of an entry's name. */
    static String serviceUrl(EntryView e) {
        return e.serviceName() == null ? null : "/services/" + Urls.segment(e.serviceName());
    }

    static String serviceUrl(String name) {
        return "/services/" + Urls.segment(name);
    }

    /** A person's web address when it is an http(s) URL, so no other scheme becomes a link. */
    static String link(PersonView p) {
        String uri = p.uri();
        return uri != null && (uri.startsWith("https://") || uri.startsWith("http://"))
                ? uri
                : null;
    }

    /**
     * A bar length class for a gap of {@code size} ports: 1 for a single port, one more for each
     * doubling, up to 10, so a 37-port gap and a 3-port gap differ at a glance.
     */
    static int bucket(int size) {
        int b = 1;
        for (int n = size; n > 1 && b < 10; n >>= 1) {
            b++;
        }
        return b;
    }

    /** Notes longer than this fold away behind their first line. */
    static final int LONG_TEXT = 400;

    /** True for notes long enough to fold (DNS-SD key lists run to dozens of lines). */
    static boolean longText(String text) {
        return text.length() > LONG_TEXT;
    }

    /** The first line of a text, cut to a readable length, to summarise it. */
    static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 117) + "…" : line;
    }

    /** A query-string value: "sql*net" → "sql*net", "a b" → "a+b". */
    static String param(String text) {
        return Urls.param(text);
    }

    /** What a policy means, one line (RFC 8126 §4). */
    static String meaning(RegistrationPolicy p) {
        return switch (p) {
            case FIRST_COME_FIRST_SERVED ->
                    "Anyone gets a value if the request is well-formed, does not duplicate an"
                            + " existing entry, and gives a contact and a short description. No"
                            + " review of substance. Used for service names without a port.";
            case EXPERT_REVIEW ->
                    "A designated expert, appointed by the IESG, reviews and approves. No formal"
                            + " document is required, but enough information to judge is. Used"
                            + " for User ports.";
            case IETF_REVIEW ->
                    "Only through an IETF-stream RFC that passed IETF Last Call and IESG"
                            + " approval. Required for System ports.";
            case STANDARDS_ACTION ->
                    "Only through a Standards Track or BCP RFC of the IETF stream. One way to"
                            + " get a Reserved port.";
            case IESG_APPROVAL ->
                    "The IESG approves, with no RFC required: a rarely used fallback when other"
                            + " routes cannot work in time.";
        };
    }

    /** An import time, to the minute, in UTC. */
    static String utc(Instant i) {
        return i == null ? "" : UTC.format(i);
    }
}
