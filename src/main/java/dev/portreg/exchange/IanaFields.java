package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.PortRange;
import dev.portreg.registry.Ports;
import dev.portreg.registry.Reference;
import dev.portreg.registry.Transport;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field rules shared by the readers and writers of IANA's formats. Parsers throw {@link
 * IllegalArgumentException} with a reason; the readers add where it happened.
 */
final class IanaFields {

    static final String NAMESPACE = "http://www.iana.org/assignments";
    static final String REGISTRY_ID = "service-names-port-numbers";

    static final List<String> CSV_HEADER =
            List.of(
                    "Service Name",
                    "Port Number",
                    "Transport Protocol",
                    "Description",
                    "Assignee",
                    "Contact",
                    "Registration Date",
                    "Modification Date",
                    "Reference",
                    "Service Code",
                    "Unauthorized Use Reported",
                    "Assignment Notes");

    /** Column 11's name in copies before September 2020. */
    static final String OLD_UNAUTHORIZED = "Known Unauthorized Uses";

    private static final Pattern DATE = Pattern.compile("(\\d{4})-(\\d{2})(-(\\d{2}))?");
    private static final Pattern PORTS = Pattern.compile("(\\d+)(?:\\s*-\\s*(\\d+))?");
    private static final Pattern TOKENS = Pattern.compile("(\\[[^\\]]*\\])+");
    private static final Pattern TOKEN = Pattern.compile("\\[([^\\]]*)\\]");
    private static final Pattern RFC =
            Pattern.compile("RFC(\\d+)(?:, Section (.+))?", Pattern.DOTALL);
    private static final Pattern DRAFT =
            Pattern.compile("((?:RFC-|draft-)\\S+?)(?:, Section (.+))?", Pattern.DOTALL);
    private static final Pattern URI = Pattern.compile("https?://\\S+");
    private static final Pattern FOOTNOTE = Pattern.compile("\\d+");

    private IanaFields() {}

    /** The text stripped, or null when blank. */
    static String blankToNull(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        return s.isEmpty() ? null : s;
    }

    /**
     * The longest service name a registry file may hold. New names have at most 15 characters (RFC
     * 6335 §5.1, {@link dev.portreg.registry.ServiceNames}), but IANA's files kept older ones that
     * are longer: "Apple Remote Desktop (Net Assistant)" (36) on 3283 until 2025-01-23. The bound
     * only catches a column that is not a name at all; V7 checks the same in the database.
     */
    static final int LEGACY_NAME_MAX_LENGTH = 64;

    /**
     * A service name exactly as IANA keeps it, or null when blank: legacy names with characters
     * today's syntax refuses, inner spaces and more than 15 characters are kept (they are marked
     * legacy, {@link Entry#legacyName()}). Refused: control characters (a line break inside a
     * name), white space other than a plain space, and more than {@link #LEGACY_NAME_MAX_LENGTH}
     * characters.
     */
    static String name(String text) {
        String s = blankToNull(text);
        if (s == null) {
            return null;
        }
        if (s.length() > LEGACY_NAME_MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "service name \""
                            + s.substring(0, 40)
                            + "…\" is longer than "
                            + LEGACY_NAME_MAX_LENGTH
                            + " characters, longer than any name IANA has registered");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || (Character.isWhitespace(c) && c != ' ')) {
                throw new IllegalArgumentException(
                        "service name \""
                                + s.replaceAll("\\p{Cntrl}", " ")
                                + "\" contains a line break, a tab or another control character");
            }
        }
        return s;
    }

    /** A port or range: "938", "916-952"; null when blank. Dynamic ports are refused. */
    static Ports ports(String text) {
        String s = blankToNull(text);
        if (s == null) {
            return null;
        }
        Matcher m = PORTS.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "port \"" + s + "\" is not a port number or a range such as 6000-6063");
        }
        int from = port(m.group(1));
        int to = m.group(2) == null ? from : port(m.group(2));
        if (from > to) {
            throw new IllegalArgumentException("port range \"" + s + "\" runs backwards");
        }
        if (to > PortRange.USER.to) {
            throw new IllegalArgumentException(
                    "port \""
                            + s
                            + "\" is in the Dynamic range 49152-65535, which is never assigned"
                            + " (RFC 6335 §6)");
        }
        return new Ports(from, to);
    }

    private static int port(String digits) {
        if (digits.length() > 5 || Integer.parseInt(digits) > PortRange.MAX_PORT) {
            throw new IllegalArgumentException("port \"" + digits + "\" is outside 0-65535");
        }
        return Integer.parseInt(digits);
    }

    /** tcp, udp, sctp or dccp (any case); null when blank. */
    static Transport transport(String text) {
        String s = blankToNull(text);
        if (s == null) {
            return null;
        }
        return Transport.parse(s)
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        "transport protocol \""
                                                + s
                                                + "\" is not one of tcp, udp, sctp, dccp"));
    }

    /** A date as IANA writes it, YYYY-MM or YYYY-MM-DD, kept at its precision; null when blank. */
    static String date(String text, String what) {
        String s = blankToNull(text);
        if (s == null) {
            return null;
        }
        Matcher m = DATE.matcher(s);
        boolean valid = m.matches();
        if (valid) {
            try {
                if (m.group(4) == null) {
                    YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                } else {
                    LocalDate.parse(s);
                }
            } catch (DateTimeException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(
                    what + " \"" + s + "\" is not a date (YYYY-MM or YYYY-MM-DD)");
        }
        return s;
    }

    /** A DCCP service code (RFC 5595): 0-4294967295; null when blank. */
    static Long serviceCode(String text) {
        String s = blankToNull(text);
        if (s == null) {
            return null;
        }
        try {
            long v = Long.parseLong(s);
            if (v >= 0 && v <= 4294967295L) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "service code \"" + s + "\" is not a number in 0-4294967295");
    }

    /** A person id as IANA writes it (Jon_Postel). */
    static String personId(String text) {
        String s = blankToNull(text);
        if (s == null) {
            throw new IllegalArgumentException("a person reference has no id");
        }
        return s;
    }

    /** Checks what every entry needs, whatever the format. */
    static Entry check(Entry e) {
        if (e.serviceName() == null && e.ports() == null) {
            throw new IllegalArgumentException("has neither a service name nor a port number");
        }
        return e;
    }

    /**
     * The bracketed tokens of a CSV column run together ("[RFC3501][RFC8314]"), or null when the
     * column is not made of bracketed tokens alone.
     */
    static List<String> tokens(String column) {
        String s = column.strip();
        if (!TOKENS.matcher(s).matches()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /**
     * A reference from its CSV token: RFC1234 (with ", Section x"), RFC-... or draft-... drafts,
     * URLs, footnote numbers, and anything else as text.
     */
    static Reference parseToken(String token) {
        Matcher m = RFC.matcher(token);
        if (m.matches()) {
            String data = "rfc" + m.group(1);
            return m.group(2) == null
                    ? new Reference("rfc", data, null, null)
                    : new Reference("rfc", data, m.group(2), token);
        }
        m = DRAFT.matcher(token);
        if (m.matches()) {
            return m.group(2) == null
                    ? new Reference("draft", token, null, null)
                    : new Reference("draft", m.group(1), m.group(2), token);
        }
        if (URI.matcher(token).matches()) {
            return new Reference("uri", token, null, null);
        }
        if (FOOTNOTE.matcher(token).matches()) {
            return new Reference("note", token, null, null);
        }
        return new Reference("text", null, null, token);
    }

    /**
     * How IANA's CSV writes a reference between brackets: its text when it has one, else "RFC1234"
     * for an RFC and the data (draft name, URL, footnote anchor, person id) for the others.
     */
    static String token(Reference r) {
        if (r.text() != null && !r.text().isBlank()) {
            return r.text();
        }
        if (r.data() == null) {
            return "";
        }
        if ("rfc".equals(r.type())) {
            return r.data().toUpperCase(Locale.ROOT);
        }
        return r.data();
    }
}
