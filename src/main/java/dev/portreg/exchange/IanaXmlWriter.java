package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.Reference;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.Note;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes the registry in IANA's XML format: the same namespace, element names and order as {@code
 * service-names-port-numbers.xml} (header, records, footnotes, people), so {@link IanaXmlReader}
 * reads it back to the same registry.
 *
 * <p>Within a record: name, protocol, assignee (when it differs from the contact), the contact's
 * person xref, the references, description, number, note, sc, unauthorized. In notes, the bracketed
 * tokens the reader flattened ("[RFC6335]", "[Bernie_Volz]", "[https://...]") become xrefs again.
 */
public final class IanaXmlWriter {

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();
    private static final Pattern TOKEN = Pattern.compile("\\[([^\\]\\s]+)\\]");
    private static final Pattern RFC = Pattern.compile("RFC(\\d+)");
    private static final Pattern URI = Pattern.compile("https?://\\S+");

    /** Writes the whole registry as UTF-8. */
    public void write(RegistrySnapshot snapshot, OutputStream out) throws XMLStreamException {
        XMLStreamWriter w = FACTORY.createXMLStreamWriter(out, "UTF-8");
        Map<String, Person> people = snapshot.people();
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.writeStartElement("registry");
        w.writeDefaultNamespace(IanaFields.NAMESPACE);
        w.writeAttribute("id", IanaFields.REGISTRY_ID);
        RegistryInfo info = snapshot.info().orElse(null);
        if (info != null) {
            element(w, 1, "title", info.title());
            element(w, 1, "category", info.category());
            element(w, 1, "updated", info.updated() == null ? null : info.updated().toString());
        }
        indent(w, 1);
        w.writeEmptyElement("xref");
        w.writeAttribute("type", "rfc");
        w.writeAttribute("data", "rfc6335");
        if (info != null) {
            element(w, 1, "expert", info.expert());
            for (Note n : info.notes()) {
                indent(w, 1);
                w.writeStartElement("note");
                if (n.title() != null) {
                    w.writeAttribute("title", clean(n.title()));
                }
                mixed(w, n.text(), people);
                w.writeEndElement();
            }
        }
        for (StoredEntry se : snapshot.entries()) {
            record(w, se.entry(), people);
        }
        if (info != null) {
            for (Note f : info.footnotes()) {
                indent(w, 1);
                w.writeStartElement("footnote");
                if (f.title() != null) {
                    w.writeAttribute("anchor", clean(f.title()));
                }
                w.writeCharacters(clean(f.text()));
                w.writeEndElement();
            }
        }
        indent(w, 1);
        w.writeStartElement("people");
        List<Person> sorted = new ArrayList<>(people.values());
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        for (Person p : sorted) {
            person(w, p);
        }
        indent(w, 1);
        w.writeEndElement();
        w.writeCharacters("\n");
        w.writeEndElement();
        w.writeCharacters("\n");
        w.writeEndDocument();
        w.flush();
    }

    private void record(XMLStreamWriter w, Entry e, Map<String, Person> people)
            throws XMLStreamException {
        indent(w, 1);
        w.writeStartElement("record");
        if (e.registered() != null) {
            w.writeAttribute("date", e.registered());
        }
        if (e.modified() != null) {
            w.writeAttribute("updated", e.modified());
        }
        element(w, 2, "name", e.serviceName());
        element(w, 2, "protocol", e.transport() == null ? null : e.transport().slug());
        if (e.assigneeId() != null && !e.assigneeId().equals(e.contactId())) {
            indent(w, 2);
            w.writeStartElement("assignee");
            indent(w, 3);
            personXref(w, e.assigneeId());
            indent(w, 2);
            w.writeEndElement();
        }
        if (e.contactId() != null) {
            indent(w, 2);
            personXref(w, e.contactId());
        }
        for (Reference r : e.references()) {
            indent(w, 2);
            xref(w, r);
        }
        indent(w, 2);
        if (e.description().isEmpty()) {
            w.writeEmptyElement("description");
        } else {
            w.writeStartElement("description");
            w.writeCharacters(clean(e.description()));
            w.writeEndElement();
        }
        element(w, 2, "number", e.ports() == null ? null : e.ports().toString());
        if (e.notes() != null) {
            indent(w, 2);
            w.writeStartElement("note");
            mixed(w, e.notes(), people);
            w.writeEndElement();
        }
        element(w, 2, "sc", e.serviceCode() == null ? null : e.serviceCode().toString());
        element(w, 2, "unauthorized", e.unauthorized());
        indent(w, 1);
        w.writeEndElement();
    }

    private void person(XMLStreamWriter w, Person p) throws XMLStreamException {
        indent(w, 2);
        w.writeStartElement("person");
        w.writeAttribute("id", clean(p.id()));
        element(w, 3, "name", p.name());
        element(w, 3, "org", p.org());
        if (p.email() != null) {
            element(w, 3, "uri", "mailto:" + p.email().replace('@', '&'));
        }
        if (p.uri() != null) {
            for (String u : uris(p.uri())) {
                element(
                        w,
                        3,
                        "uri",
                        u.regionMatches(true, 0, "mailto:", 0, 7) ? u.replace('@', '&') : u);
            }
        }
        element(w, 3, "updated", p.updated());
        indent(w, 2);
        w.writeEndElement();
    }

    /** The URIs the reader joined with spaces, when every part looks like one. */
    private static List<String> uris(String joined) {
        String[] parts = joined.split(" ");
        for (String part : parts) {
            if (!part.contains(":")) {
                return List.of(joined);
            }
        }
        return List.of(parts);
    }

    private static void personXref(XMLStreamWriter w, String id) throws XMLStreamException {
        w.writeEmptyElement("xref");
        w.writeAttribute("type", "person");
        w.writeAttribute("data", clean(id));
    }

    private static void xref(XMLStreamWriter w, Reference r) throws XMLStreamException {
        boolean hasText = r.text() != null && !r.text().isEmpty();
        if (hasText) {
            w.writeStartElement("xref");
        } else {
            w.writeEmptyElement("xref");
        }
        w.writeAttribute("type", clean(r.type()));
        if (r.data() != null) {
            w.writeAttribute("data", clean(r.data()));
        }
        if (r.section() != null) {
            w.writeAttribute("section", clean(r.section()));
        }
        if (hasText) {
            w.writeCharacters(clean(r.text()));
            w.writeEndElement();
        }
    }

    /** Text in which "[RFC1234]", "[Known_Person]" and "[https://...]" become xrefs again. */
    private static void mixed(XMLStreamWriter w, String text, Map<String, Person> people)
            throws XMLStreamException {
        String t = clean(text);
        Matcher m = TOKEN.matcher(t);
        int at = 0;
        while (m.find()) {
            String token = m.group(1);
            Reference ref = null;
            Matcher rfc = RFC.matcher(token);
            if (rfc.matches()) {
                ref = new Reference("rfc", "rfc" + rfc.group(1), null, null);
            } else if (URI.matcher(token).matches()) {
                ref = new Reference("uri", token, null, null);
            } else if (people.containsKey(token)) {
                ref = new Reference("person", token, null, null);
            }
            if (ref != null) {
                w.writeCharacters(t.substring(at, m.start()));
                xref(w, ref);
                at = m.end();
            }
        }
        w.writeCharacters(t.substring(at));
    }

    private static void element(XMLStreamWriter w, int depth, String name, String text)
            throws XMLStreamException {
        if (text == null) {
            return;
        }
        indent(w, depth);
        w.writeStartElement(name);
        w.writeCharacters(clean(text));
        w.writeEndElement();
    }

    private static void indent(XMLStreamWriter w, int depth) throws XMLStreamException {
        w.writeCharacters("\n" + "  ".repeat(depth));
    }

    /** Drops the characters XML 1.0 cannot hold (control characters other than tab and newline). */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    c >= 0x20 ? c != 0xFFFE && c != 0xFFFF : c == '\t' || c == '\n' || c == '\r';
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            } else if (ok && out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
