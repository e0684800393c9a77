package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.Reference;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads IANA's {@code service-names-port-numbers.csv} (12 columns, RFC 4180 quoting, fields with
 * newlines) with commons-csv.
 *
 * <p>Assignee and Contact hold {@code [Person_Id]} tokens: the first of each is the entry's
 * Assignee or Contact, further ones become person references (first in the references). The
 * Reference column holds bracketed tokens run together. The CSV lists no people, so {@link
 * RegistryDocument#people()} holds an id-only person for every id it mentions.
 */
public final class IanaCsvReader {

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).setTrim(false).get();

    /**
     * Reads a whole CSV registry.
     *
     * @throws ImportException naming the CSV record (1 = first data row) and line when the file is
     *     not IANA's CSV
     */
    public RegistryDocument read(Reader in, String source) {
        List<Entry> entries = new ArrayList<>(16_000);
        Set<String> personIds = new LinkedHashSet<>();
        long line = 1;
        int record = 0;
        try (CSVParser parser = FORMAT.parse(in)) {
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new ImportException("CSV line 1: the file is empty, expected IANA's header");
            }
            header(it.next());
            while (true) {
                line = parser.getCurrentLineNumber() + 1;
                if (!it.hasNext()) {
                    break;
                }
                CSVRecord row = it.next();
                record++;
                try {
                    Entry e = entry(row);
                    entries.add(e);
                    addPersonIds(e, personIds);
                } catch (IllegalArgumentException e) {
                    throw new ImportException(
                            "CSV record " + record + " (line " + line + "): " + e.getMessage());
                }
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new ImportException(
                    "CSV record "
                            + (record + 1)
                            + " (line "
                            + line
                            + "): cannot be parsed: "
                            + rootMessage(e));
        } catch (IOException e) {
            throw new ImportException("cannot read the CSV: " + e.getMessage(), e);
        }
        List<Person> people = new ArrayList<>(personIds.size());
        for (String id : personIds) {
            people.add(Person.idOnly(id));
        }
        return new RegistryDocument(registryInfo(source), entries, people);
    }

    /** Adds the ids of the people an entry names: assignee, contact and person references. */
    private static void addPersonIds(Entry e, Set<String> personIds) {
        if (e.assigneeId() != null) {
            personIds.add(e.assigneeId());
        }
        if (e.contactId() != null) {
            personIds.add(e.contactId());
        }
        for (Reference r : e.references()) {
            if ("person".equals(r.type())) {
                personIds.add(r.data());
            }
        }
    }

    /** The header of a registry read from IANA's CSV, which carries no title or notes. */
    private static RegistryInfo registryInfo(String source) {
        return new RegistryInfo(
                source,
                SourceFormat.IANA_CSV,
                false,
                "Service Name and Transport Protocol Port Number Registry",
                null,
                null,
                null,
                List.of(),
                List.of(),
                Instant.now());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static void header(CSVRecord row) {
        List<String> names = new ArrayList<>(row.size());
        for (String v : row) {
            names.add(v.strip());
        }
        if (!names.isEmpty() && names.get(0).startsWith("\uFEFF")) {
            names.set(0, names.get(0).substring(1));
        }
        if (names.size() == 12 && IanaFields.OLD_UNAUTHORIZED.equals(names.get(10))) {
            names.set(10, IanaFields.CSV_HEADER.get(10));
        }
        if (!names.equals(IanaFields.CSV_HEADER)) {
            String found = String.join(",", names);
            throw RegistryReaders.notARegistry(
                    "a CSV file whose header is not IANA's: expected \""
                            + String.join(",", IanaFields.CSV_HEADER)
                            + "\", found \""
                            + (found.length() > 300 ? found.substring(0, 299) + "…" : found)
                            + "\"",
                    "a CSV file whose header is not IANA's: expected \""
                            + String.join(",", IanaFields.CSV_HEADER)
                            + "\"");
        }
    }

    private static Entry entry(CSVRecord row) {
        if (row.size() != 12) {
            throw new IllegalArgumentException("has " + row.size() + " fields, IANA's CSV has 12");
        }
        List<String> assignees = people(row.get(4), "Assignee");
        List<String> contacts = people(row.get(5), "Contact");
        List<Reference> refs = new ArrayList<>();
        for (int i = 1; i < contacts.size(); i++) {
            refs.add(new Reference("person", contacts.get(i), null, null));
        }
        for (int i = 1; i < assignees.size(); i++) {
            if (!contacts.contains(assignees.get(i))) {
                refs.add(new Reference("person", assignees.get(i), null, null));
            }
        }
        String refColumn = row.get(8);
        if (!refColumn.isBlank()) {
            List<String> tokens = IanaFields.tokens(refColumn);
            if (tokens == null) {
                refs.add(new Reference("text", null, null, refColumn.strip()));
            } else {
                for (String t : tokens) {
                    refs.add(IanaFields.parseToken(t));
                }
            }
        }
        return IanaFields.check(
                new Entry(
                        IanaFields.name(row.get(0)),
                        IanaFields.ports(row.get(1)),
                        IanaFields.transport(row.get(2)),
                        row.get(3).strip(),
                        assignees.isEmpty() ? null : assignees.get(0),
                        contacts.isEmpty() ? null : contacts.get(0),
                        IanaFields.date(row.get(6), "registration date"),
                        IanaFields.date(row.get(7), "modification date"),
                        refs,
                        IanaFields.serviceCode(row.get(9)),
                        IanaFields.blankToNull(row.get(10)),
                        IanaFields.blankToNull(row.get(11))));
    }

    private static List<String> people(String column, String what) {
        if (column.isBlank()) {
            return List.of();
        }
        List<String> tokens = IanaFields.tokens(column);
        if (tokens == null) {
            throw new IllegalArgumentException(
                    what + " \"" + column.strip() + "\" is not a list of [Person_Id] references");
        }
        List<String> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            out.add(IanaFields.personId(t));
        }
        return out;
    }
}
