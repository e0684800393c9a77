package dev.portreg.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry's header as IANA's page shows it above the table: title, category, Last Updated,
 * registration procedures, reference, experts and notes. Title, dates, experts and notes come from
 * the loaded file; the procedures are RFC 6335's, as this app applies them.
 *
 * @param experts one line per transport group, as IANA writes them
 */
public record RegistryHeader(
        String title,
        String category,
        LocalDate updated,
        List<Procedure> procedures,
        List<String> experts,
        List<NoteView> notes) {

    static final String DEFAULT_TITLE = "Service Name and Transport Protocol Port Number Registry";

    /** A registration procedure: what it applies to, and the policies. */
    public record Procedure(String scope, String policy, String reference) {}

    /** A registry note with its references made links. */
    public record NoteView(String title, List<Segment> segments) {}

    /** Part of a note's text: plain, or a reference with the address it points to. */
    public record Segment(String text, String url) {}

    static RegistryHeader of(RegistrySnapshot s) {
        RegistryInfo info = s.info().orElse(null);
        List<Procedure> procedures = new ArrayList<>();
        procedures.add(
                new Procedure("Service names", "First Come First Served", "RFC 6335 §8.1.1"));
        for (PortRange r : PortRange.values()) {
            RequestPolicy p = RequestPolicy.forRange(r);
            procedures.add(
                    new Procedure(
                            r.label + " ports (" + r.from + "-" + r.to + ")",
                            policyOnly(p),
                            p.reference()));
        }
        if (info == null) {
            return new RegistryHeader(DEFAULT_TITLE, null, null, procedures, List.of(), List.of());
        }
        List<String> experts = info.expert() == null ? List.of() : joinedLines(info.expert());
        List<NoteView> notes =
                info.notes().stream()
                        .map(n -> new NoteView(n.title(), segments(n.text())))
                        .toList();
        return new RegistryHeader(
                info.title() == null ? DEFAULT_TITLE : info.title(),
                info.category(),
                info.updated(),
                procedures,
                experts,
                notes);
    }

    /** "System port: IETF Review or IESG Approval" without what comes before the colon. */
    private static String policyOnly(RequestPolicy p) {
        int colon = p.summary().indexOf(':');
        return colon < 0 ? p.summary() : p.summary().substring(colon + 1).strip();
    }

    /**
     * IANA wraps the experts' line inside a group ("Wes Eddy, Brian Trammell,\nand Michael
     * Scharf"); a new group starts with "SCTP:", "DCCP:".
     */
    static List<String> joinedLines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.strip().split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (!out.isEmpty() && !l.matches("^[A-Za-z/ ]{2,20}:.*")) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + l);
            } else {
                out.add(l);
            }
        }
        return List.copyOf(out);
    }

    private static final Pattern REF =
            Pattern.compile("\\[(RFC(\\d{1,5})|(https?://[^\\]\\s]+))\\]");

    /** Splits a note's text at its references: "[RFC6335]" and "[https://...]" become links. */
    static List<Segment> segments(String text) {
        List<Segment> out = new ArrayList<>();
        Matcher m = REF.matcher(text == null ? "" : text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                out.add(new Segment(text.substring(at, m.start()), null));
            }
            if (m.group(2) != null) {
                out.add(
                        new Segment(
                                "RFC " + m.group(2),
                                "https://www.rfc-editor.org/rfc/rfc" + m.group(2)));
            } else {
                out.add(new Segment(m.group(3), m.group(3)));
            }
            at = m.end();
        }
        if (at < (text == null ? 0 : text.length())) {
            out.add(new Segment(text.substring(at), null));
        }
        return List.copyOf(out);
    }
}
