package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portreg.support.FormSession;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The message bundle (messages/msg.properties): every holder has its words, the timeline's words
 * take their arguments verbatim, and pages show them.
 */
@QuarkusTest
class RequestMessagesTest {

    @Inject RequestFixtures fixtures;

    @Test
    void everyHolderHasItsWords() {
        assertEquals(
                List.of(
                        "With the requester",
                        "With the expert",
                        "With the IESG",
                        "With IANA",
                        "Closed"),
                List.of(Decider.values()).stream()
                        .map(d -> MessageBundles.get(RequestMessages.class).holder(d))
                        .toList());
    }

    @Test
    void everyTrackAndKindHasItsHint() {
        RequestMessages msg = MessageBundles.get(RequestMessages.class);
        for (Track t : Track.values()) {
            assertFalse(RequestFormPage.trackHint(msg, t).isBlank(), t.name());
        }
        for (RequestKind k : RequestKind.values()) {
            assertFalse(RequestFormPage.kindHint(msg, k).isBlank(), k.name());
        }
        assertEquals(
                "The IESG approves it by ballot (RFC 8126 §4.10).",
                RequestFormPage.trackHint(msg, Track.IESG_APPROVAL));
    }

    @Test
    void theRequestPageNamesItsHolderFromTheBundle() {
        fixtures.sampleRegistry();
        String requester = fixtures.account();
        int id =
                as(requester)
                        .body(RequestFixtures.request(RequestFixtures.name(), "40095", null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        Document page =
                Jsoup.parse(
                        FormSession.signedIn(requester, RequestFixtures.PASSWORD)
                                .get("/requests/" + id)
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString());
        // Submitted at once: only the expert has held it.
        assertEquals(List.of("With the expert"), page.select("div.clock dt").eachText());
        // The timeline's titles come from the bundle (event*), oldest first.
        assertEquals(
                List.of("Created the draft", "Submitted for Expert Review"),
                page.select("strong.tl-title").eachText());
    }

    @Test
    void theFormExplainsTracksAndKindsFromTheBundle() {
        fixtures.sampleRegistry();
        Document page =
                Jsoup.parse(
                        FormSession.signedIn(fixtures.account(), RequestFixtures.PASSWORD)
                                .get("/requests/new?port=938&transports=tcp,udp")
                                .then()
                                .statusCode(200)
                                .extract()
                                .asString());
        assertEquals(
                "An IETF-stream RFC asks for it; name the document below (RFC 8126 §4.8).",
                hint(page, "track", "ietf-review"));
        assertEquals(
                "The IESG approves it by ballot (RFC 8126 §4.10).",
                hint(page, "track", "iesg-approval"));
        assertEquals(
                "A service name, with a port, any free port of a range, or none.",
                hint(page, "kind", "new-assignment"));
        assertEquals(
                "A new description or contact for a service you hold (§8.6); the assignee stays.",
                hint(page, "kind", "modify"));
        assertEquals(
                "Transfer to another party",
                page.selectFirst("label:has(input[name=kind][value=transfer]) .choice-label")
                        .text());
        assertEquals(
                "Not possible (RFC 6335 §8.5): the assignee de-assigns, and the new party files a"
                        + " new assignment request.",
                hint(page, "kind", "transfer"));
    }

    /** The hint beside a radio button of the form. */
    private static String hint(Document page, String name, String value) {
        return page.selectFirst(
                        "label:has(input[name="
                                + name
                                + "][value="
                                + value
                                + "]) small.choice-hint")
                .text();
    }

    @Test
    void timelineWordsTakeTheirArgumentsAsTheyAre() {
        RequestMessages msg = MessageBundles.get(RequestMessages.class);
        // A name is put in verbatim: the page escapes it once, the bundle must not.
        assertEquals(
                "Took the request over from O'Neil & <Co>", msg.eventTakenOver("O'Neil & <Co>"));
        assertEquals("Ballot position: No Objection", msg.eventBallot("No Objection"));
        assertEquals("Submitted for Expert Review", msg.eventSubmitted("Expert Review"));
    }
}
