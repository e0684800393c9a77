package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.HistoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** /changes.atom parsed with the JDK and checked against what Atom 1.0 (RFC 4287) requires. */
@QuarkusTest
class ChangesFeedTest {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String BASE = "http://localhost:8080"; // portreg.base-url in tests

    @Inject HistoryFixtures fixtures;
    @Inject RegistryChanges changes;

    long changeId;
    long[] action;

    @BeforeEach
    void seedModifyAndAct() {
        changeId = fixtures.sampleThenModified().modified().changeId();
        action = fixtures.registryAction(changes);
    }

    @AfterEach
    void leaveTheSample() {
        fixtures.leaveTheSample();
    }

    private static Document feed() throws Exception {
        Response r = given().get("/changes.atom");
        assertEquals(200, r.statusCode());
        assertTrue(r.contentType().startsWith("application/atom+xml"), r.contentType());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.asByteArray()));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e
                    && ATOM.equals(e.getNamespaceURI())
                    && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static String one(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "exactly one atom:" + name + " in " + parent.getLocalName());
        String text = found.get(0).getTextContent();
        assertFalse(text.isBlank(), "atom:" + name + " is empty");
        return text;
    }

    private static Element link(Element parent, String rel) {
        return children(parent, "link").stream()
                .filter(l -> rel.equals(l.getAttribute("rel")))
                .findFirst()
                .orElse(null);
    }

    @Test
    void isAValidAtomFeedWithOneEntryPerChange() throws Exception {
        Element feed = feed().getDocumentElement();
        assertEquals(ATOM, feed.getNamespaceURI());
        assertEquals("feed", feed.getLocalName());
        assertTrue(one(feed, "id").startsWith("tag:localhost,2026:"));
        one(feed, "title");
        OffsetDateTime.parse(one(feed, "updated"));
        Element self = link(feed, "self");
        assertNotNull(self, "a self link");
        assertEquals(BASE + "/changes.atom", self.getAttribute("href"));
        assertEquals(BASE + "/changes", link(feed, "alternate").getAttribute("href"));

        List<Element> entries = children(feed, "entry");
        assertFalse(entries.isEmpty());
        assertTrue(entries.size() <= 50);
        Set<String> ids = new HashSet<>();
        for (Element e : entries) {
            String id = one(e, "id");
            assertTrue(id.matches("tag:localhost,2026:change/\\d+"), id);
            assertTrue(ids.add(id), "entry ids are unique: " + id);
            one(e, "title");
            OffsetDateTime.parse(one(e, "updated"));
            Element author = children(e, "author").get(0);
            one(author, "name");
            Element alternate = link(e, "alternate");
            assertTrue(alternate.getAttribute("href").startsWith(BASE + "/changes/"));
            Element content = children(e, "content").get(0);
            assertEquals("xhtml", content.getAttribute("type"));
            Element div = (Element) content.getElementsByTagNameNS("*", "div").item(0);
            assertEquals("http://www.w3.org/1999/xhtml", div.getNamespaceURI());
        }
        assertTrue(ids.contains("tag:localhost,2026:change/" + changeId));
    }

    @Test
    void anEntryListsItsItemsAndLinksToItsChangeOrRequest() throws Exception {
        Element feed = feed().getDocumentElement();
        Element mine = entry(feed, changeId);
        assertEquals(
                // The feed shows a file by its name, not the server's path (issue 7).
                "Imported sample-modified.xml (IANA XML of 2026-08-17): 1 added, 1 changed,"
                        + " 1 removed",
                one(mine, "title"));
        assertEquals("tester", one(children(mine, "author").get(0), "name"));
        assertEquals(BASE + "/changes/" + changeId, link(mine, "alternate").getAttribute("href"));
        String content = children(mine, "content").get(0).getTextContent();
        assertTrue(content.contains("added newsvc 938 tcp"), content);
        assertTrue(
                content.contains(
                        "Description: BIND9 remote name daemon controller → BIND9 remote name"
                                + " daemon controller (rndc)"),
                content);
        assertTrue(content.contains("removed www-http 80 udp"), content);

        Element act = entry(feed, action[0]);
        assertEquals(BASE + "/requests/" + action[1], link(act, "related").getAttribute("href"));
        assertEquals("iana-operator", one(children(act, "author").get(0), "name"));
    }

    private static Element entry(Element feed, long id) {
        return children(feed, "entry").stream()
                .filter(e -> one(e, "id").endsWith(":change/" + id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry for change " + id));
    }
}
