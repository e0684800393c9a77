package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.PortRange;
import dev.portreg.registry.Ports;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.Note;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import dev.portreg.registry.Transport;
import io.quarkus.logging.Log;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the glibc {@code /etc/services} format: {@code name port/proto [aliases...] [# comment]}.
 * Each alias becomes an entry of its own on the same port and transport. The result is a partial
 * registry: ports the file does not list are not free, only unknown.
 *
 * <p>Lines that break the syntax are refused with their line number. Lines the registry cannot hold
 * are skipped with a warning: transports other than tcp, udp, sctp and dccp (ddp), Dynamic ports
 * (49152-65535, never assigned) and names longer than any registry holds ({@link
 * IanaFields#LEGACY_NAME_MAX_LENGTH}). Names that break today's syntax, such as the 16-character
 * {@code clc-build-daemon} of Debian's file, are kept as they are and shown as legacy names.
 */
public final class EtcServicesReader {

    static final String TITLE = "Partial registry from /etc/services";

    private static final Pattern PORT_PROTO = Pattern.compile("(\\d{1,6})/(\\S+)");

    /**
     * Reads a whole services file.
     *
     * @throws ImportException naming the line when a line is not in the services format
     */
    public RegistryDocument read(Reader in, String source) {
        List<Entry> entries = new ArrayList<>(1_000);
        int skipped = 0;
        int lineNo = 0;
        try (BufferedReader r = new BufferedReader(in)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                skipped += readLine(line, "line " + lineNo + ": ", source, entries);
            }
        } catch (IOException e) {
            throw new ImportException("cannot read " + source + ": " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new ImportException("line " + lineNo + ": the file lists no services");
        }
        if (skipped > 0) {
            Log.infof("%s: %d services skipped that the registry cannot hold", source, skipped);
        }
        return new RegistryDocument(header(source), entries, List.of());
    }

    /**
     * Adds the entries of one line (none for a blank or comment line); returns how many services of
     * it were skipped.
     *
     * @param where "line N: ", the start of every message about the line
     */
    private static int readLine(String line, String where, String source, List<Entry> entries) {
        String comment = null;
        int hash = line.indexOf('#');
        if (hash >= 0) {
            comment = IanaFields.blankToNull(line.substring(hash + 1));
            line = line.substring(0, hash);
        }
        String[] fields = line.strip().split("\\s+");
        if (fields.length == 1 && fields[0].isEmpty()) {
            return 0;
        }
        if (fields.length < 2) {
            throw new ImportException(
                    where + "\"" + line.strip() + "\" is not \"name port/protocol\"");
        }
        Matcher m = PORT_PROTO.matcher(fields[1]);
        if (!m.matches()) {
            throw new ImportException(
                    where + "\"" + fields[1] + "\" is not a port/protocol such as 80/tcp");
        }
        int port = Integer.parseInt(m.group(1));
        if (port > PortRange.MAX_PORT) {
            throw new ImportException(where + "port \"" + m.group(1) + "\" is outside 0-65535");
        }
        Transport transport = Transport.parse(m.group(2)).orElse(null);
        String why = null;
        if (transport == null) {
            why = "protocol " + m.group(2) + " is not tcp, udp, sctp or dccp";
        } else if (port > PortRange.USER.to) {
            why = "port " + port + " is in the Dynamic range, which is never assigned";
        }
        if (why != null) {
            Log.warnf("%s of %s skipped: %s", where.strip(), source, why);
            return 1;
        }
        return addNames(fields, port, transport, comment, where, source, entries);
    }

    /**
     * Adds an entry for the line's name and one for each alias; returns how many names were too
     * long to keep.
     */
    private static int addNames(
            String[] fields,
            int port,
            Transport transport,
            String comment,
            String where,
            String source,
            List<Entry> entries) {
        int skipped = 0;
        String primary = fields[0];
        for (int i = 0; i < fields.length; i++) {
            if (i == 1) {
                continue;
            }
            String name = fields[i];
            if (name.length() > IanaFields.LEGACY_NAME_MAX_LENGTH) {
                Log.warnf(
                        "%s of %s: name %s skipped: longer than %d characters",
                        where.strip(), source, name, IanaFields.LEGACY_NAME_MAX_LENGTH);
                skipped++;
                continue;
            }
            entries.add(
                    new Entry(
                            name,
                            Ports.of(port),
                            transport,
                            comment == null ? "" : comment,
                            null,
                            null,
                            null,
                            null,
                            List.of(),
                            null,
                            null,
                            i == 0 ? null : "Alias of " + primary + " in /etc/services"));
        }
        return skipped;
    }

    /** The header of a registry read from a services file: partial, with a note saying so. */
    private static RegistryInfo header(String source) {
        return new RegistryInfo(
                source,
                SourceFormat.ETC_SERVICES,
                true,
                TITLE,
                null,
                null,
                null,
                List.of(
                        new Note(
                                "Partial registry",
                                "Read from "
                                        + source
                                        + " in the /etc/services format. It lists only"
                                        + " some services: a port it does not list is"
                                        + " unknown, not free.")),
                List.of(),
                Instant.now());
    }
}
