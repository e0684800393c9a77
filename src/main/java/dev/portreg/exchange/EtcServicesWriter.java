package dev.portreg.exchange;

import dev.portreg.common.Sources;
import dev.portreg.registry.Entry;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import dev.portreg.registry.Transport;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the registry in the glibc {@code /etc/services} format: {@code name port/proto
 * [aliases...] [# description]}, one line per port and transport, in port order.
 *
 * <p>All names on one port and transport go on one line: the first listed is the service, the
 * others its aliases ({@code http 80/tcp www www-http}). Ranges are written one line per port.
 * Name-only entries, unnamed status rows and legacy names with spaces (which the format cannot
 * hold) are left out. An entry without a transport covers all four, so it is written for tcp, udp,
 * sctp and dccp (glibc reads any protocol name).
 */
public final class EtcServicesWriter {

    private record Line(List<String> names, String description) {}

    public void write(RegistrySnapshot snapshot, Writer out) throws IOException {
        Map<Integer, Line> lines = new TreeMap<>();
        for (StoredEntry se : snapshot.entries()) {
            Entry e = se.entry();
            if (e.serviceName() == null || e.ports() == null || hasSpace(e.serviceName())) {
                // A legacy name with spaces ("Apple Remote Desktop (Net Assistant)", 3283
                // until 2025) cannot be written in a format that separates fields by spaces.
                continue;
            }
            for (Transport t : e.transports()) {
                for (int p = e.ports().from(); p <= e.ports().to(); p++) {
                    Line line =
                            lines.computeIfAbsent(
                                    p * Transport.ALL.size() + t.ordinal(),
                                    k -> new Line(new ArrayList<>(2), comment(e.description())));
                    if (line.names().stream().noneMatch(n -> n.equalsIgnoreCase(e.serviceName()))) {
                        line.names().add(e.serviceName());
                    }
                }
            }
        }
        RegistryInfo info = snapshot.info().orElse(null);
        out.write("# Network services, Internet style: written by Port Registry");
        if (info != null) {
            out.write(" from " + comment(Sources.display(info.source())));
            if (info.updated() != null) {
                out.write(" (IANA registry updated " + info.updated() + ")");
            }
        }
        out.write(".\n# name port/protocol [aliases ...] [# description]\n");
        for (Map.Entry<Integer, Line> l : lines.entrySet()) {
            int port = l.getKey() / Transport.ALL.size();
            Transport t = Transport.ALL.get(l.getKey() % Transport.ALL.size());
            List<String> names = l.getValue().names();
            StringBuilder sb = new StringBuilder(80);
            sb.append(String.format(Locale.ROOT, "%-15s %s", names.get(0), port + "/" + t.slug()));
            for (int i = 1; i < names.size(); i++) {
                sb.append(' ').append(names.get(i));
            }
            if (!l.getValue().description().isEmpty()) {
                sb.append("\t# ").append(l.getValue().description());
            }
            out.write(sb.append('\n').toString());
        }
        out.flush();
    }

    private static boolean hasSpace(String name) {
        return name.chars().anyMatch(Character::isWhitespace);
    }

    /** The text on one line, white space runs folded to one space. */
    private static String comment(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }
}
