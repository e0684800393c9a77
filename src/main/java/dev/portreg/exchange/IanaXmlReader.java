package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
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
 *
 * <p>This class reads the document and the registry's header; {@link IanaXmlRecords} reads records
 * and people, {@link IanaXmlCursor} walks the elements and says where an error is.
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
            throw p.cursor.error(
                    e.getLocation(), "is not well-formed XML: " + cleanMessage(e.getMessage()));
        } catch (IllegalArgumentException e) {
            // A field broke a rule: the record's own line says where.
            throw p.cursor.error(null, e.getMessage());
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
        final IanaXmlCursor cursor = new IanaXmlCursor();
        final IanaXmlRecords records = new IanaXmlRecords(cursor);
        final List<Entry> entries = new ArrayList<>(16_000);
        final List<Person> people = new ArrayList<>(8_000);
        final List<Note> notes = new ArrayList<>();
        final List<Note> footnotes = new ArrayList<>();
        String title;
        String category;
        LocalDate updated;
        String expert;
        boolean sawRegistry;

        void document(XMLStreamReader r) throws XMLStreamException {
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw cursor.error(
                            r.getLocation(),
                            "DOCTYPE declarations are not allowed (they could make the parser"
                                    + " read other files)");
                }
                if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw cursor.error(
                            r.getLocation(), "entity \"" + r.getLocalName() + "\" is not allowed");
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    root(r);
                    sawRegistry = true;
                    registry(r);
                }
            }
            if (!sawRegistry) {
                throw cursor.error(null, "has no <registry> element");
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
                int ev = cursor.next(r);
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    continue;
                }
                if (ev != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (r.getLocalName()) {
                    case "title" -> title = IanaFields.blankToNull(cursor.text(r));
                    case "category" -> category = IanaFields.blankToNull(cursor.text(r));
                    case "updated" -> updated = registryDate(r);
                    case "expert" -> expert = IanaFields.blankToNull(cursor.text(r));
                    case "note" -> {
                        String t = r.getAttributeValue(null, "title");
                        String text = IanaFields.blankToNull(cursor.text(r));
                        if (text != null || t != null) {
                            notes.add(new Note(t, text == null ? "" : text));
                        }
                    }
                    case "footnote" -> {
                        String anchor = r.getAttributeValue(null, "anchor");
                        String text = IanaFields.blankToNull(cursor.text(r));
                        footnotes.add(new Note(anchor, text == null ? "" : text));
                    }
                    case "record" -> entries.add(records.record(r));
                    case "people" -> people(r);
                    case "registry" -> depth++;
                    default -> cursor.skip(r);
                }
            }
        }

        LocalDate registryDate(XMLStreamReader r) throws XMLStreamException {
            String s = IanaFields.blankToNull(cursor.text(r));
            if (s == null) {
                return null;
            }
            try {
                return LocalDate.parse(s);
            } catch (DateTimeParseException e) {
                throw cursor.error(
                        r.getLocation(),
                        "registry <updated> \"" + s + "\" is not a date (YYYY-MM-DD)");
            }
        }

        void people(XMLStreamReader r) throws XMLStreamException {
            while (true) {
                int ev = cursor.next(r);
                if (ev == XMLStreamConstants.END_ELEMENT) {
                    return;
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    if ("person".equals(r.getLocalName())) {
                        people.add(records.person(r));
                    } else {
                        cursor.skip(r);
                    }
                }
            }
        }
    }
}
