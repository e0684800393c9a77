package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.Reference;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.Note;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads IANA's {@code service-names-port-numbers.xml} with a streaming StAX parser. DTDs and
 * external entities are refused, so a file cannot make the parser read local files or URLs (XXE).
 *
 * <p>Record children come in any order. {@code <assignee><xref type="person"/></assignee>} is the
 * Assignee; the first bare {@code <xref type="person"/>} is the Contact (and the Assignee when
 * there is no {@code <assignee>}); further person xrefs and the rfc, draft, uri, text and note
 * xrefs are the references, in file order. A {@code <note>} with inline xrefs is flattened to text
 * the way IANA's CSV does ("previously compressnet by [Bernie_Volz]").
 */
public final class IanaXmlReader {

    private static final XMLInputFactory FACTORY = factory();

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        try {
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (IllegalArgumentException e) {
            // not supported by this implementation; DTDs are off anyway
        }
        return f;
    }

    /**
     * Reads a whole registry.
     *
     * @param source where the file came from, kept in the registry info
     * @throws ImportException naming the record and line when the file is not a valid registry
     */
    public RegistryDocument read(InputStream in, String source) {
        Parse p = new Parse();
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(in);
            p.document(r);
        } catch (XMLStreamException e) {
            throw p.error(
                    e.getLocation(), "is not well-formed XML: " + cleanMessage(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // A field broke a rule: the record's own line says where.
            throw p.error(null, e.getMessage());
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException e) {
                    // nothing more to read
                }
            }
        }
        RegistryInfo info =
                new RegistryInfo(
                        source,
                        SourceFormat.IANA_XML,
                        false,
                        p.title,
                        p.category,
                        p.updated,
                        p.expert,
                        p.notes,
                        p.footnotes,
                        Instant.now());
        return new RegistryDocument(info, p.entries, p.people);
    }

    private static String cleanMessage(String message) {
        if (message == null) {
            return "unreadable";
        }
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; the location is ours.
        int i = message.indexOf("Message: ");
        return (i >= 0 ? message.substring(i + 9) : message).strip();
    }

    /** The state of one parse. */
    private static final class Parse {
        final List<Entry> entries = new ArrayList<>(16_000);
        final List<Person> people = new ArrayList<>(8_000);
        final List<Note> notes = new ArrayList<>();
        final List<Note> footnotes = new ArrayList<>();
        String title;
        String category;
        LocalDate updated;
        String expert;
        int record;
        int recordLine;
        boolean inRecord;
        boolean sawRegistry;

        ImportException error(Location at, String reason) {
            int line = at == null ? -1 : at.getLineNumber();
            StringBuilder where = new StringBuilder();
            if (inRecord) {
                where.append("record ").append(record).append(" (line ").append(recordLine);
                if (line > 0 && line != recordLine) {
                    where.append(", error at line ").append(line);
                }
                where.append(")");
            } else {
                where.append("XML");
                if (line > 0) {
                    where.append(" line ").append(line);
                }
            }
            return new ImportException(where + ": " + reason);
        }

        void document(XMLStreamReader r) throws XMLStreamException {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw error(
                            r.getLocation(),
                            "DOCTYPE declarations are not allowed (they could make the parser"
                                    + " read other files)");
                }
                if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw error(
                            r.getLocation(), "entity \"" + r.getLocalName() + "\" is not allowed");
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    root(r);
                    sawRegistry = true;
                    registry(r);
                }
            }
            if (!sawRegistry) {
                throw error(null, "has no <registry> element");
            }
        }

        /**
         * Refuses a root element that is not IANA's port registry, saying what it is instead:
         * another XML document, or another of IANA's registries (protocol-numbers, ...).
         */
        void root(XMLStreamReader r) {
            String name = r.getLocalName();
            String ns = r.getNamespaceURI();
            if ("html".equalsIgnoreCase(name)) {
                throw RegistryReaders.notARegistry(RegistryReaders.htmlPage(null));
            }
            if (!"registry".equals(name) || !IanaFields.NAMESPACE.equals(ns)) {
                String prefix =
                        r.getPrefix() == null || r.getPrefix().isEmpty() ? "" : r.getPrefix() + ":";
                throw RegistryReaders.notARegistry(
                        "an XML document whose root element is <"
                                + prefix
                                + name
                                + ">"
                                + (ns == null || ns.isEmpty() ? "" : " (namespace " + ns + ")")
                                + ", not IANA's <registry xmlns=\""
                                + IanaFields.NAMESPACE
                                + "\">",
                        "an XML document whose root element is not IANA's <registry xmlns=\""
                                + IanaFields.NAMESPACE
                                + "\">");
            }
            String id = r.getAttributeValue(null, "id");
            if (id != null && !id.isBlank() && !IanaFields.REGISTRY_ID.equals(id.strip())) {
                throw RegistryReaders.notARegistry(
                        "IANA's \""
                                + id.strip()
                                + "\" registry, not the \""
                                + IanaFields.REGISTRY_ID
                                + "\" one (Service Name and Transport Protocol Port Number"
                                + " Registry)",
                        "another of IANA's registries, not the \""
                                + IanaFields.REGISTRY_ID
                                + "\" one");
            }
        }

        /** The children of a registry (and of any sub-registry). */
        void registry(XMLStreamReader r) throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int ev = next(r);
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "title" -> title = IanaFields.blankToNull(text(r));
                    case "category" -> category = IanaFields.blankToNull(text(r));
                    case "updated" -> updated = registryDate(r);
                    case "expert" -> expert = IanaFields.blankToNull(text(r));
                    case "note" -> {
                        String t = r.getAttributeValue(null, "title");
                        String text = IanaFields.blankToNull(text(r));
                        if (text != null || t != null) {
                            notes.add(new Note(t, text == null ? "" : text));
                        }
                    }
                    case "footnote" -> {
                        String anchor = r.getAttributeValue(null, "anchor");
                        String text = IanaFields.blankToNull(text(r));
                        footnotes.add(new Note(anchor, text == null ? "" : text));
                    }
                    case "record" -> record(r);
                    case "people" -> people(r);
                    case "registry" -> depth++;
                    default -> skip(r);
                }
            }
        }

        LocalDate registryDate(XMLStreamReader r) throws XMLStreamException {
            String s = IanaFields.blankToNull(text(r));
            if (s == null) {
                return null;
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw error(
                        r.getLocation(),
                        "registry <updated> \"" + s + "\" is not a date (YYYY-MM-DD)");
            }
        }

        void record(XMLStreamReader r) throws XMLStreamException {
            record++;
            recordLine = r.getLocation().getLineNumber();
            inRecord = true;
            String registered = IanaFields.date(r.getAttributeValue(null, "date"), "date");
            String modified = IanaFields.date(r.getAttributeValue(null, "updated"), "updated");
            String name = null;
            String protocol = null;
            String description = null;
            String number = null;
            String assignee = null;
            String contact = null;
            String note = null;
            String sc = null;
            String unauthorized = null;
            List<Reference> refs = new ArrayList<>(2);
            while (true) {
                int ev = next(r);
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "name" -> name = text(r);
                    case "protocol" -> protocol = text(r);
                    case "description" -> description = text(r);
                    case "number" -> number = text(r);
                    case "note" -> note = text(r);
                    case "sc" -> sc = text(r);
                    case "unauthorized" -> unauthorized = text(r);
                    case "assignee" -> assignee = assignee(r);
                    case "xref" -> {
                        Reference ref = xref(r);
                        if ("person".equals(ref.type()) && contact == null) {
                            contact = IanaFields.personId(ref.data());
                        } else {
                            refs.add(ref);
                        }
                    }
                    default -> skip(r);
                }
            }
            if (description == null) {
                throw error(r.getLocation(), "has no <description>");
            }
            Entry e =
                    IanaFields.check(
                            new Entry(
                                    IanaFields.name(name),
                                    IanaFields.ports(number),
                                    IanaFields.transport(protocol),
                                    description.strip(),
                                    assignee != null ? assignee : contact,
                                    contact,
                                    registered,
                                    modified,
                                    refs,
                                    IanaFields.serviceCode(sc),
                                    IanaFields.blankToNull(unauthorized),
                                    IanaFields.blankToNull(note)));
            entries.add(e);
            inRecord = false;
        }

        /** {@code <assignee><xref type="person" data="ID"/></assignee>}: the id. */
        String assignee(XMLStreamReader r) throws XMLStreamException {
            String id = null;
            while (true) {
                int ev = next(r);
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if ("xref".equals(r.getLocalName())) {
                        Reference ref = xref(r);
                        if (id == null && ref.data() != null) {
                            id = ref.data();
                        }
                    } else {
                        skip(r);
                    }
                }
            }
            if (id == null) {
                throw error(r.getLocation(), "<assignee> names no person");
            }
            return IanaFields.personId(id);
        }

        /** An xref at its start element; consumes it up to its end element. */
        Reference xref(XMLStreamReader r) throws XMLStreamException {
            String type = r.getAttributeValue(null, "type");
            String data = r.getAttributeValue(null, "data");
            String section = r.getAttributeValue(null, "section");
            if (type == null || type.isBlank()) {
                throw error(r.getLocation(), "an <xref> has no type");
            }
            String text = IanaFields.blankToNull(text(r));
            return new Reference(type, IanaFields.blankToNull(data), section, text);
        }

        void people(XMLStreamReader r) throws XMLStreamException {
            while (true) {
                int ev = next(r);
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    return;
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if ("person".equals(r.getLocalName())) {
                        person(r);
                    } else {
                        skip(r);
                    }
                }
            }
        }

        void person(XMLStreamReader r) throws XMLStreamException {
            int line = r.getLocation().getLineNumber();
            String id = r.getAttributeValue(null, "id");
            if (id == null || id.isBlank()) {
                throw error(r.getLocation(), "a <person> has no id");
            }
            String name = null;
            String org = null;
            String email = null;
            String uri = null;
            String updated = null;
            while (true) {
                int ev = next(r);
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    break;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "name" -> name = IanaFields.blankToNull(text(r));
                    case "org" -> org = IanaFields.blankToNull(text(r));
                    case "updated" -> {
                        try {
                            updated = IanaFields.date(text(r), "updated");
                        } catch (IllegalArgumentException e) {
                            throw error(
                                    r.getLocation(),
                                    "person " + id + " (line " + line + "): " + e.getMessage());
                        }
                    }
                    case "uri" -> {
                        String u = IanaFields.blankToNull(text(r));
                        if (u == null) {
                            break;
                        }
                        boolean mailto = u.regionMatches(true, 0, "mailto:", 0, 7);
                        if (mailto && email == null) {
                            email = u.substring(7).replace('&', '@');
                        } else {
                            String other = mailto ? u.replace('&', '@') : u;
                            uri = uri == null ? other : uri + " " + other;
                        }
                    }
                    default -> skip(r);
                }
            }
            people.add(new Person(id.strip(), name, org, email, uri, updated));
        }

        /**
         * The text of the element at its start, up to its end element, with inline xrefs written as
         * IANA's CSV writes them ("[RFC6335]", "[Bernie_Volz]").
         */
        String text(XMLStreamReader r) throws XMLStreamException {
            StringBuilder out = new StringBuilder();
            int depth = 1;
            while (depth > 0) {
                int ev = next(r);
                switch (ev) {
                    case XMLStreamConstants.CHARACTERS,
                            XMLStreamConstants.CDATA,
                            XMLStreamConstants.SPACE ->
                            out.append(r.getText());
                    case XMLStreamConstants.START_ELEMENT -> {
                        if ("xref".equals(r.getLocalName())) {
                            Reference ref = xref(r);
                            out.append('[').append(IanaFields.token(ref)).append(']');
                        } else {
                            depth++;
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> depth--;
                    default -> {}
                }
            }
            return out.toString();
        }

        void skip(XMLStreamReader r) throws XMLStreamException {
            int depth = 1;
            while (depth > 0) {
                int ev = next(r);
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        }

        int next(XMLStreamReader r) throws XMLStreamException {
            if (!r.hasNext()) {
                throw error(r.getLocation(), "the file ends in the middle of the registry");
            }
            int ev = r.next();
            if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                throw error(r.getLocation(), "entity \"" + r.getLocalName() + "\" is not allowed");
            }
            if (ev == XMLStreamConstants.END_DOCUMENT) {
                throw error(r.getLocation(), "the file ends in the middle of the registry");
            }
            return ev;
        }
    }
}
