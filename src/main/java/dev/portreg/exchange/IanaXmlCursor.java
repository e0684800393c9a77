package dev.portreg.exchange;

import dev.portreg.registry.Reference;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks IANA's XML one element at a time for {@link IanaXmlReader}: the next event (refusing
 * entities and an early end), an element's text (inline xrefs written as IANA's CSV writes them),
 * skipping an element, reading an xref; and where the parse is, so an error names the record and
 * its line.
 */
final class IanaXmlCursor {

    /** The number of the record being read (from 1), and its first line. */
    private int record;

    private int recordLine;
    private boolean inRecord;

    /** A record starts at the reader's position. */
    void startRecord(XMLStreamReader r) {
        record++;
        recordLine = r.getLocation().getLineNumber();
        inRecord = true;
    }

    /** The record is read. */
    void endRecord() {
        inRecord = false;
    }

    /** An error at {@code at} (null: the record's line, or nowhere), naming the record. */
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
