package dev.portreg.exchange;

import dev.portreg.registry.Entry;
import dev.portreg.registry.Person;
import dev.portreg.registry.Reference;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The records and people of IANA's XML, for {@link IanaXmlReader}: a {@code <record>} as an {@link
 * Entry} (its children in any order; see the reader for which xref is which), a {@code <person>} as
 * a {@link Person}. Each field is checked by {@link IanaFields}.
 */
final class IanaXmlRecords {

    private final IanaXmlCursor cursor;

    IanaXmlRecords(IanaXmlCursor cursor) {
        this.cursor = cursor;
    }

    /** The fields of one record as the file gives them. */
    private static final class Fields {
        String name;
        String protocol;
        String description;
        String number;
        String assignee;
        String contact;
        String note;
        String sc;
        String unauthorized;
        final List<Reference> refs = new ArrayList<>(2);
    }

    /** A {@code <record>} at its start element, up to its end element. */
    Entry record(XMLStreamReader r) throws XMLStreamException {
        cursor.startRecord(r);
        String registered = IanaFields.date(r.getAttributeValue(null, "date"), "date");
        String modified = IanaFields.date(r.getAttributeValue(null, "updated"), "updated");
        Fields f = fields(r);
        if (f.description == null) {
            throw cursor.error(r.getLocation(), "has no <description>");
        }
        Entry e =
                IanaFields.check(
                        new Entry(
                                IanaFields.name(f.name),
                                IanaFields.ports(f.number),
                                IanaFields.transport(f.protocol),
                                f.description.strip(),
                                f.assignee != null ? f.assignee : f.contact,
                                f.contact,
                                registered,
                                modified,
                                f.refs,
                                IanaFields.serviceCode(f.sc),
                                IanaFields.blankToNull(f.unauthorized),
                                IanaFields.blankToNull(f.note)));
        cursor.endRecord();
        return e;
    }

    /** The children of a record, up to its end element. */
    private Fields fields(XMLStreamReader r) throws XMLStreamException {
        Fields f = new Fields();
        while (true) {
            int ev = cursor.next(r);
            if (ev == XMLStreamConstants.END_ELEMENT) {
                return f;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "name" -> f.name = cursor.text(r);
                case "protocol" -> f.protocol = cursor.text(r);
                case "description" -> f.description = cursor.text(r);
                case "number" -> f.number = cursor.text(r);
                case "note" -> f.note = cursor.text(r);
                case "sc" -> f.sc = cursor.text(r);
                case "unauthorized" -> f.unauthorized = cursor.text(r);
                case "assignee" -> f.assignee = assignee(r);
                case "xref" -> {
                    Reference ref = cursor.xref(r);
                    if ("person".equals(ref.type()) && f.contact == null) {
                        f.contact = IanaFields.personId(ref.data());
                    } else {
                        f.refs.add(ref);
                    }
                }
                default -> cursor.skip(r);
            }
        }
    }

    /** {@code <assignee><xref type="person" data="ID"/></assignee>}: the id. */
    private String assignee(XMLStreamReader r) throws XMLStreamException {
        String id = null;
        while (true) {
            int ev = cursor.next(r);
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if ("xref".equals(r.getLocalName())) {
                    Reference ref = cursor.xref(r);
                    if (id == null && ref.data() != null) {
                        id = ref.data();
                    }
                } else {
                    cursor.skip(r);
                }
            }
        }
        if (id == null) {
            throw cursor.error(r.getLocation(), "<assignee> names no person");
        }
        return IanaFields.personId(id);
    }

    /** A {@code <person>} at its start element, up to its end element. */
    Person person(XMLStreamReader r) throws XMLStreamException {
        int line = r.getLocation().getLineNumber();
        String id = r.getAttributeValue(null, "id");
        if (id == null || id.isBlank()) {
            throw cursor.error(r.getLocation(), "a <person> has no id");
        }
        String name = null;
        String org = null;
        String email = null;
        String uri = null;
        String updated = null;
        while (true) {
            int ev = cursor.next(r);
            if (ev == XMLStreamConstants.END_ELEMENT) {
                break;
            }
            if (ev != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            switch (r.getLocalName()) {
                case "name" -> name = IanaFields.blankToNull(cursor.text(r));
                case "org" -> org = IanaFields.blankToNull(cursor.text(r));
                case "updated" -> {
                    try {
                        updated = IanaFields.date(cursor.text(r), "updated");
                    } catch (IllegalArgumentException e) {
                        throw cursor.error(
                                r.getLocation(),
                                "person " + id + " (line " + line + "): " + e.getMessage());
                    }
                }
                case "uri" -> {
                    String u = IanaFields.blankToNull(cursor.text(r));
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
                default -> cursor.skip(r);
            }
        }
        return new Person(id.strip(), name, org, email, uri, updated);
    }
}
