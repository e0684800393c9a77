package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static dev.portreg.request.RequestFixtures.email;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.FormSession;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Review as a conversation (issue 9): a Discuss answered by the requester, the answer mailed to the
 * people concerned and in the timeline with the mails sent, the Discuss cleared as its own event,
 * earlier positions kept; the rejection of an IESG-track request is the operator's record.
 */
@QuarkusTest
class ConversationApiTest {

    @Inject RequestFixtures fixtures;
    @Inject MockMailbox mailbox;

    @BeforeEach
    void registry() {
        fixtures.sampleRegistry();
        mailbox.clear();
    }

    @AfterEach
    void retire() {
        fixtures.retireIesg();
    }

    @Test
    void aDiscussAnsweredByTheRequesterThenClearedThenApprovedByTheBallot() {
        String requester = fixtures.account();
        RequestFixtures.Iesg iesg = fixtures.iesg(2);
        String m1 = iesg.member(0), m2 = iesg.member(1);
        int id = submitted(requester);
        iesg.outweighOthers(id);

        as(m1).body(Map.of("position", "discuss", "comment", "Why not a Dynamic port?"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200);
        long discuss = lastEventId(requester, id);
        as(m1).get("/api/v1/queues/iesg")
                .then()
                .body("find { it.id == " + id + " }.yourPosition", equalTo("Discuss"));
        as(m2).get("/api/v1/queues/iesg")
                .then()
                .body("find { it.id == " + id + " }.yourPosition", equalTo("No Record"));
        mailbox.clear();
        as(requester)
                .body(Map.of("inReplyTo", discuss, "comment", "Servers must be found by port."))
                .post("/api/v1/requests/" + id + "/replies")
                .then()
                .statusCode(200)
                .body("events[-1].kind", equalTo("reply"))
                .body("events[-1].data.inReplyTo", equalTo((int) discuss))
                .body("status", equalTo("iesg-evaluation"));
        // The Discuss's author and the other member are told; the writer is not.
        assertEquals(1, mailbox.getMailsSentTo(email(m1)).size());
        assertEquals(1, mailbox.getMailsSentTo(email(m2)).size());
        assertEquals(0, mailbox.getMailsSentTo(email(requester)).size());
        assertTrue(mailbox.getMailsSentTo(email(m1)).get(0).getText().contains("found by port"));

        as(m1).body(Map.of("position", "yes"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200)
                .body("events.kind", hasItem("discuss-cleared"))
                .body(
                        "ballot.positions.find { it.member.username == '"
                                + m1
                                + "' }.earlier[0]"
                                + ".position",
                        equalTo("discuss"))
                .body(
                        "ballot.positions.find { it.member.username == '" + m1 + "' }.givenOn",
                        equalTo(1));
        as(m2).body(Map.of("position", "no-objection"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"))
                .body("events[-1].kind", equalTo("approved"))
                .body("events[-1].actor", equalTo(null));

        String page = page(requester, "/requests/" + id);
        assertTrue(page.contains("Answered a Discuss"), page);
        assertTrue(page.contains("Cleared their Discuss: Yes"), page);
        assertTrue(page.contains("Approved by the IESG ballot"), page);
        assertTrue(page.contains("Mailed “[Port Registry] Reply on request #" + id), page);
    }

    @Test
    void aReplyAnswersOnlyADiscussOrAChangeRequestOfItsRequest() {
        String requester = fixtures.account();
        RequestFixtures.Iesg iesg = fixtures.iesg(1);
        String m1 = iesg.member(0);
        int id = submitted(requester);
        iesg.outweighOthers(id);
        as(m1).body(Map.of("position", "yes"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200);
        long yes = lastEventId(requester, id);
        as(requester)
                .body(Map.of("inReplyTo", yes, "comment", "Thanks"))
                .post("/api/v1/requests/" + id + "/replies")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("inReplyTo"));
        as(requester)
                .body(Map.of("comment", " "))
                .post("/api/v1/requests/" + id + "/replies")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("comment"));
        as(fixtures.account())
                .body(Map.of("comment", "Me too"))
                .post("/api/v1/requests/" + id + "/replies")
                .then()
                .statusCode(404);
        as(m1).body(Map.of("comment", "A question for the requester"))
                .post("/api/v1/requests/" + id + "/replies")
                .then()
                .statusCode(200)
                .body("events[-1].kind", equalTo("reply"));
    }

    @Test
    void noSingleMemberRejectsTheOperatorRecordsTheIesgsRejection() {
        String requester = fixtures.account();
        String m1 = fixtures.iesgMember();
        String operator = fixtures.account("iana");
        int id = submitted(requester);
        as(m1).get("/api/v1/requests/" + id)
                .then()
                .body("allowedActions", org.hamcrest.Matchers.not(hasItem("reject")));
        as(m1).body(Map.of("decision", "reject", "comment", "No."))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(403);
        as(operator)
                .body(Map.of("decision", "reject", "comment", "The IESG declined (telechat)."))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("rejected"));
        assertTrue(page(m1, "/requests/" + id).contains("The IESG declined"));
    }

    private int submitted(String requester) {
        int id =
                as(requester)
                        .body(
                                RequestFixtures.request(
                                        RequestFixtures.name(), "938", "iesg-approval", "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        return id;
    }

    private static String page(String who, String path) {
        return FormSession.signedIn(who, RequestFixtures.PASSWORD).get(path).asString();
    }

    private static long lastEventId(String who, int id) {
        List<Integer> ids =
                as(who).get("/api/v1/requests/" + id).then().extract().path("events.id");
        return ids.get(ids.size() - 1);
    }
}
