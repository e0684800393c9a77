package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.portreg.support.FormSession;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a completed request writes is exactly IANA's fields: the requester's notes to reviewers and
 * statement of unauthorized uses stay on the request; the entry's notes are the operator's, given
 * at completion. The completed request links to its entries.
 */
@QuarkusTest
class RequestEntryApiTest {

    @Inject RequestFixtures fixtures;

    private String owner;
    private String expert;
    private String operator;

    @BeforeEach
    void accounts() {
        fixtures.sampleRegistry();
        owner = fixtures.account();
        expert = fixtures.account("expert");
        operator = fixtures.account("iana");
    }

    @Test
    void theEntryHoldsIanaFieldsAndTheOperatorsNotes() {
        String name = RequestFixtures.name();
        Map<String, Object> body =
                RequestFixtures.requestBy(RequestFixtures.email(owner), name, "40071", null, "tcp");
        body.put("notes", "Reviewers: the draft is in WG last call.");
        body.put("unauthorizedUses", "None known.");
        int id = approved(body);

        as(operator)
                .body(Map.of("notes", "Assigned for the Frob working group"))
                .post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"))
                .body("entries.href", hasItem("/ports/40071"))
                .body("entries.entry", hasItem(org.hamcrest.Matchers.startsWith("40071/tcp")))
                // The requester's statements stay on the request.
                .body("content.notes", equalTo("Reviewers: the draft is in WG last call."))
                .body("content.unauthorizedUses", equalTo("None known."));

        given().get("/api/v1/services/" + name)
                .then()
                .statusCode(200)
                .body("entries[0].notes", equalTo("Assigned for the Frob working group"))
                .body("entries[0].unauthorized", nullValue())
                .body("entries[0].description", equalTo("Frobnication protocol"));
        // The port page names the request behind the entry, and the request its entry.
        given().get("/ports/40071")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/requests/" + id));
        FormSession.signedIn(owner, RequestFixtures.PASSWORD)
                .get("/requests/" + id)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("id=\"entries\""))
                .body(org.hamcrest.Matchers.containsString("<a href=\"/ports/40071\">40071/tcp"));
    }

    @Test
    void withoutOperatorsNotesTheEntryHasNone() {
        String name = RequestFixtures.name();
        Map<String, Object> body =
                RequestFixtures.requestBy(RequestFixtures.email(owner), name, "40072", null, "tcp");
        body.put("notes", "Only for reviewers.");
        int id = approved(body);
        as(operator)
                .post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("entries.href", equalTo(List.of("/ports/40072")));
        given().get("/api/v1/services/" + name)
                .then()
                .body("entries[0].notes", nullValue())
                .body("entries[0].unauthorized", nullValue());
    }

    @Test
    void tooLongNotesAre400AndNothingIsWritten() {
        String name = RequestFixtures.name();
        int id =
                approved(
                        RequestFixtures.requestBy(
                                RequestFixtures.email(owner), name, "40073", null, "tcp"));
        as(operator)
                .body(Map.of("notes", "x".repeat(2001)))
                .post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("notes"));
        as(operator)
                .get("/api/v1/requests/" + id)
                .then()
                .body("status", equalTo("approved"))
                .body("entries", equalTo(List.of()));
        given().get("/api/v1/services/" + name).then().statusCode(404);
    }

    @Test
    void theAssigneeAloneIsOfferedTheWaysToChangeIt() {
        String name = RequestFixtures.name();
        int id =
                approved(
                        RequestFixtures.requestBy(
                                RequestFixtures.email(owner), name, "40074", null, "tcp"));
        as(operator).post("/api/v1/requests/" + id + "/complete").then().statusCode(200);
        // The pages carry the place for the links, filled in for whoever holds the service.
        given().get("/services/" + name)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("data-owner-service=\"" + name + "\""))
                .body(org.hamcrest.Matchers.containsString("/js/owner-links.js"));
        FormSession mine = FormSession.signedIn(owner, RequestFixtures.PASSWORD);
        mine.get("/requests/changes-for?service=" + name.toUpperCase())
                .then()
                .statusCode(200)
                .body("kind", equalTo(List.of("modify", "add-transport", "de-assign")))
                .body("href", hasItem("/requests/new?kind=de-assign&targetService=" + name));
        mine.get("/requests/new?kind=modify&targetService=" + name)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("value=\"" + name + "\""));
        // Someone else, or an unknown service: nothing.
        FormSession other = FormSession.signedIn(fixtures.account(), RequestFixtures.PASSWORD);
        other.get("/requests/changes-for?service=" + name)
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        mine.get("/requests/changes-for?service=nosuchservice")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theRequestPageCompletesWithTheOperatorsNotes() {
        String name = RequestFixtures.name();
        int id =
                approved(
                        RequestFixtures.requestBy(
                                RequestFixtures.email(owner), name, "40075", null, "tcp"));
        int version = as(operator).get("/api/v1/requests/" + id).then().extract().path("version");
        FormSession op = FormSession.signedIn(operator, RequestFixtures.PASSWORD);
        op.get("/requests/" + id)
                .then()
                .body(org.hamcrest.Matchers.containsString("name=\"notes\""));
        op.submit(
                        "/requests/" + id + "/complete",
                        Map.of("version", Integer.toString(version), "notes", "Worded by IANA"))
                .then()
                .statusCode(303);
        given().get("/api/v1/services/" + name)
                .then()
                .body("entries[0].notes", equalTo("Worded by IANA"));
    }

    private int approved(Map<String, Object> body) {
        int id =
                as(owner)
                        .body(body)
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        as(owner).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        as(expert)
                .body(Map.of("decision", "approve"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"));
        return id;
    }
}
