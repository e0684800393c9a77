package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void timelineWordsTakeTheirArgumentsAsTheyAre() {
        RequestMessages msg = MessageBundles.get(RequestMessages.class);
        // A name is put in verbatim: the page escapes it once, the bundle must not.
        assertEquals(
                "Took the request over from O'Neil & <Co>", msg.eventTakenOver("O'Neil & <Co>"));
        assertEquals("Ballot position: No Objection", msg.eventBallot("No Objection"));
        assertEquals("Submitted for Expert Review", msg.eventSubmitted("Expert Review"));
    }
}
