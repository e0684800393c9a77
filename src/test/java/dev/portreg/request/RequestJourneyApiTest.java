package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole mission through the API: draft 938, IESG ballot, registry action, mails. */
@QuarkusTest
class RequestJourneyApiTest {

    @Inject RequestFixtures fixtures;
    @Inject MockMailbox mailbox;

    @BeforeEach
    void registry() {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        fixtures.sampleRegistry();
        mailbox.clear();
    }

    @AfterEach
    void retire() {
        fixtures.retireIesg();
    }

    @Test
    void port938FromDraftToAssigned() {
        String requester = fixtures.account();
        RequestFixtures.Iesg iesg = fixtures.iesg(3);
        String m1 = iesg.member(0), m2 = iesg.member(1), m3 = iesg.member(2);
        String operator = fixtures.account("iana");
        String name = RequestFixtures.name();

        // A draft: the track is shown before submission.
        Map<String, Object> body =
                RequestFixtures.request(name, "938", "iesg-approval", "tcp", "udp");
        int id =
                as(requester)
                        .body(body)
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .body("status", equalTo("draft"))
                        .body("track", equalTo(null))
                        .body("assessment.track", equalTo("iesg-approval"))
                        .body(
                                "assessment.policy",
                                containsString("System port: IETF Review or IESG Approval"))
                        .body(
                                "assessment.preview.status",
                                equalTo(
                                        List.of(
                                                "unassigned",
                                                "unassigned",
                                                "unassigned",
                                                "assigned",
                                                "assigned",
                                                "reserved",
                                                "reserved")))
                        .body(
                                "assessment.preview.action",
                                equalTo(
                                        List.of(
                                                "remove", "add", "add", "add", "add", "add",
                                                "add")))
                        .body("allowedActions", hasItems("edit", "submit", "withdraw"))
                        .extract()
                        .path("id");

        as(requester)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("iesg-evaluation"))
                .body("track", equalTo("iesg-approval"))
                .body("ballot.tally.members", equalTo(iesg.counted(3)))
                .body("ballot.tally.needed", equalTo(iesg.needed(2)));
        assertEquals(1, mailbox.getMailsSentTo(requester + "@example.org").size());
        assertEquals(1, mailbox.getMailsSentTo(m1 + "@example.org").size());
        iesg.outweighOthers(id);

        // Nobody ballots on their own request; a Discuss needs text.
        as(m1).body(Map.of("position", "discuss"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("comment"));

        as(m1).body(Map.of("position", "abstain"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200)
                .body("status", equalTo("iesg-evaluation"))
                .body("ballot.tally.reason", equalTo("Needs a YES."));
        as(m2).body(Map.of("position", "yes", "comment", "Fine by me"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200)
                .body("status", equalTo("iesg-evaluation"));
        as(m3).body(Map.of("position", "no-objection"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"))
                .body("ballot.tally.passes", equalTo(true))
                .body("ballot.positions.position", hasItems("abstain", "yes", "no-objection"));

        // The operator performs the registry action.
        as(operator)
                .post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body(
                        "events.kind",
                        hasItems("created", "submitted", "ballot", "approved", "completed"));

        given().get("/api/v1/ports/938")
                .then()
                .statusCode(200)
                .body(
                        "transports.status",
                        equalTo(List.of("assigned", "assigned", "reserved", "reserved")))
                .body("transports[0].services", equalTo(List.of(name)))
                .body("free", equalTo(false));
        // The gap was split around the new assignment.
        given().queryParam("from", 900)
                .queryParam("to", 960)
                .get("/api/v1/gaps")
                .then()
                .body("from", hasItems(916, 939))
                .body("to", hasItems(937, 952));
        given().get("/api/v1/services/" + name.toUpperCase())
                .then()
                .statusCode(200)
                .body("entries[0].registered", not(equalTo(null)))
                .body("entries[0].assignee.email", equalTo("ann@example.org"));

        assertTrue(
                mailbox.getMailsSentTo(requester + "@example.org").stream()
                        .anyMatch(m -> m.getSubject().contains("Registry updated")));
    }

    @Test
    void expertRequestsChangesAndSeesWhatChangedOnResubmission() {
        String requester = fixtures.account();
        String expert = fixtures.account("expert");
        String name = RequestFixtures.name();
        int id =
                as(requester)
                        .body(RequestFixtures.request(name, "40001", null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(requester)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("expert-review"));

        // The requester is not a reviewer; an expert without a comment is refused.
        as(requester)
                .body(Map.of("decision", "approve"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(403);
        as(expert)
                .body(Map.of("decision", "request-changes"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(400);
        as(expert)
                .body(
                        Map.of(
                                "decision",
                                "request-changes",
                                "comment",
                                "Say why a Dynamic port will not do, precisely."))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("changes-requested"));
        assertTrue(
                mailbox.getMailsSentTo(requester + "@example.org").stream()
                        .anyMatch(m -> m.getText().contains("precisely")));

        Map<String, Object> edited = RequestFixtures.request(name, "40001", null, "tcp");
        edited.put("justification", "Devices are configured once, offline, with a fixed port.");
        as(requester).body(edited).put("/api/v1/requests/" + id).then().statusCode(200);
        as(requester)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("expert-review"))
                .body(
                        "events.find { it.kind == 'resubmitted' }.data.changes.justification[1]",
                        equalTo("Devices are configured once, offline, with a fixed port."));

        as(expert)
                .body(Map.of("decision", "approve"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"));
        // A second decision on a decided request is an illegal transition.
        as(expert)
                .body(Map.of("decision", "reject", "comment", "no"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(409)
                .body("type", equalTo("/problems#wrong-state"));
    }

    @Test
    void submissionListsWhatIsMissing() {
        String requester = fixtures.account();
        Map<String, Object> body =
                RequestFixtures.request(RequestFixtures.name(), "938", null, "tcp");
        body.remove("castStatement");
        int id =
                as(requester)
                        .body(body)
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(requester)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("castStatement", "track"));
    }

    @Test
    void transfersAndMalformedInputAreClearErrors() {
        String requester = fixtures.account();
        as(requester)
                .body(Map.of("kind", "transfer"))
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .body("detail", containsString("§8.5"));
        as(requester)
                .body(Map.of("port", "abc", "transports", List.of("quic")))
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .body("errors.field", hasItems("port", "transports"));
        given().contentType("application/json")
                .body("{}")
                .post("/api/v1/requests")
                .then()
                .statusCode(401);
        as(requester).get("/api/v1/requests/999999").then().statusCode(404);
    }
}
