package dev.portreg.registry;

import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.HistoryViews.FieldDiff;
import dev.portreg.registry.HistoryViews.ItemView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The registry changes as an Atom 1.0 feed (RFC 4287): one entry per registry change, newest first,
 * with links made absolute from {@code portreg.base-url}.
 *
 * <p>Ids are tag URIs (RFC 4151) built from the base URL's host, so they stay the same across
 * restarts and pages: {@code tag:registry.example,2026:change/42}. Each entry links to the change's
 * own page, and to the request when a request made it.
 */
@Path("/changes.atom")
public class ChangesFeed {

    public static final String ATOM = "http://www.w3.org/2005/Atom";
    public static final String XHTML = "http://www.w3.org/1999/xhtml";
    public static final String MEDIA_TYPE = "application/atom+xml";

    /** Entries in the feed. */
    static final int ENTRIES = 50;

    /** Items listed in one entry's content; the change's page lists them all. */
    static final int ITEMS = 50;

    /** The year in the tag URIs' tagging entity; never changes, or every id would. */
    private static final String TAG_DATE = "2026";

    private final RegistryHistory history;
    private final String base;
    private final String tagPrefix;

    ChangesFeed(
            RegistryHistory history, @ConfigProperty(name = "portreg.base-url") String baseUrl) {
        this.history = history;
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        String host = URI.create(this.base).getHost();
        this.tagPrefix =
                "tag:"
                        + (host == null ? "localhost" : host.toLowerCase(Locale.ROOT))
                        + ","
                        + TAG_DATE
                        + ":";
    }

    @GET
    @Produces(MEDIA_TYPE)
    public String feed() {
        return write(history.latest(ENTRIES, ITEMS));
    }

    String write(List<ChangeView> changes) {
        StringWriter out = new StringWriter(16_384);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("feed");
            x.writeDefaultNamespace(ATOM);
            text(x, "id", tagPrefix + "changes");
            text(x, "title", "Port Registry: registry changes");
            text(
                    x,
                    "subtitle",
                    "Seeds, imports and registry actions of the IANA Service Name and Transport"
                            + " Protocol Port Number Registry");
            Instant updated = changes.isEmpty() ? Instant.EPOCH : changes.get(0).changedAt();
            text(x, "updated", updated.toString());
            link(x, "self", base + "/changes.atom", MEDIA_TYPE);
            link(x, "alternate", base + "/changes", "text/html");
            x.writeStartElement("author");
            text(x, "name", "Port Registry");
            text(x, "uri", base + "/");
            x.writeEndElement();
            x.writeStartElement("generator");
            x.writeAttribute("uri", base + "/");
            chars(x, "Port Registry");
            x.writeEndElement();
            for (ChangeView c : changes) {
                entry(x, c);
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the Atom feed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    private void entry(XMLStreamWriter x, ChangeView c) throws XMLStreamException {
        x.writeStartElement("entry");
        text(x, "id", tagPrefix + "change/" + c.id());
        text(x, "title", c.summary());
        text(x, "updated", c.changedAt().toString());
        text(x, "published", c.changedAt().toString());
        x.writeStartElement("author");
        text(x, "name", c.actor());
        x.writeEndElement();
        x.writeEmptyElement("category");
        x.writeAttribute("term", c.kind());
        x.writeAttribute("label", c.kindLabel());
        link(x, "alternate", base + c.url(), "text/html");
        if (c.requestUrl() != null) {
            link(x, "related", base + c.requestUrl(), "text/html");
        }
        x.writeStartElement("content");
        x.writeAttribute("type", "xhtml");
        x.writeStartElement("div");
        x.writeDefaultNamespace(XHTML);
        p(
                x,
                c.kindLabel()
                        + " by "
                        + c.actor()
                        + ": "
                        + c.added()
                        + " added, "
                        + c.changed()
                        + " changed, "
                        + c.removed()
                        + " removed.");
        if (c.kind().equals("seed")) {
            p(x, "A seed lists no items: the registry was empty, and every entry was added.");
        }
        if (!c.items().isEmpty()) {
            x.writeStartElement("ul");
            for (ItemView i : c.items()) {
                item(x, i);
            }
            x.writeEndElement();
        }
        if (c.more() > 0) {
            x.writeStartElement("p");
            x.writeStartElement("a");
            x.writeAttribute("href", base + c.url());
            chars(x, "All " + c.itemCount() + " items");
            x.writeEndElement();
            x.writeEndElement();
        }
        x.writeEndElement(); // div
        x.writeEndElement(); // content
        x.writeEndElement(); // entry
    }

    private void item(XMLStreamWriter x, ItemView i) throws XMLStreamException {
        x.writeStartElement("li");
        chars(x, i.action() + " ");
        if (i.serviceName() != null) {
            x.writeStartElement("a");
            x.writeAttribute("href", base + i.serviceUrl());
            chars(x, i.serviceName());
            x.writeEndElement();
            chars(x, " ");
        }
        if (i.ports() != null) {
            x.writeStartElement("a");
            x.writeAttribute("href", base + i.portUrl());
            chars(x, i.ports());
            x.writeEndElement();
            chars(x, " " + i.transportText());
        }
        if (!i.fields().isEmpty()) {
            x.writeStartElement("ul");
            for (FieldDiff f : i.fields()) {
                x.writeStartElement("li");
                chars(
                        x,
                        f.label()
                                + ": "
                                + (f.before() == null ? "(empty)" : f.before())
                                + " → "
                                + (f.after() == null ? "(empty)" : f.after()));
                x.writeEndElement();
            }
            x.writeEndElement();
        } else if (i.description() != null) {
            chars(x, " — " + i.description());
        }
        x.writeEndElement();
    }

    private static void text(XMLStreamWriter x, String name, String value)
            throws XMLStreamException {
        x.writeStartElement(name);
        chars(x, value == null ? "" : value);
        x.writeEndElement();
    }

    /** Text without the characters XML 1.0 cannot hold (control characters from a CSV file). */
    private static void chars(XMLStreamWriter x, String value) throws XMLStreamException {
        StringBuilder b = null;
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            boolean ok =
                    ch == '\t'
                            || ch == '\n'
                            || ch == '\r'
                            || (ch >= 0x20 && ch <= 0xD7FF)
                            || (ch >= 0xE000 && ch <= 0xFFFD)
                            || Character.isSurrogate(ch);
            if (!ok && b == null) {
                b = new StringBuilder(value.length()).append(value, 0, i);
            } else if (ok && b != null) {
                b.append(ch);
            }
        }
        x.writeCharacters(b == null ? value : b.toString());
    }

    private static void p(XMLStreamWriter x, String value) throws XMLStreamException {
        text(x, "p", value);
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type)
            throws XMLStreamException {
        x.writeEmptyElement("link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeAttribute("type", type);
    }
}
