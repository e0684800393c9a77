package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.portreg.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The life of an assignment after it is made: add a transport, modify, de-assign, revoke. */
@QuarkusTest
class RequestKindsApiTest {

    @Inject RequestFixtures fixtures;
    @Inject TestClock clock;

    private String owner;
    private String expert;
    private String operator;
    private String name;

    @BeforeEach
    void assignment() {
        fixtures.sampleRegistry();
        owner = fixtures.account();
        expert = fixtures.account("expert");
        operator = fixtures.account("iana");
        name = RequestFixtures.name();
        int id =
                create(
                        owner,
                        RequestFixtures.requestBy(
                                RequestFixtures.email(owner), name, "40010", null, "tcp"));
        submit(owner, id, "expert-review");
        decide(expert, id, "approve");
        complete(operator, id);
        given().get("/api/v1/ports/40010")
                .then()
                .body(
                        "transports.status",
                        equalTo(List.of("assigned", "reserved", "reserved", "reserved")));
    }

    @AfterEach
    void time() {
        clock.reset();
        fixtures.retireIesg();
    }

    @Test
    void theAssigneeClaimsItsReservedCounterpart() {
        int id =
                create(
                        owner,
                        Map.of(
                                "kind",
                                "add-transport",
                                "targetService",
                                name,
                                "transports",
                                List.of("udp")));
        submit(owner, id, "expert-review");
        decide(expert, id, "approve");
        complete(operator, id);
        given().get("/api/v1/ports/40010")
                .then()
                .body(
                        "transports.status",
                        equalTo(List.of("assigned", "assigned", "reserved", "reserved")))
                .body("transports[1].services", equalTo(List.of(name)));
    }

    @Test
    void someoneElseCannotAddATransport() {
        String stranger = fixtures.account();
        int id =
                create(
                        stranger,
                        Map.of(
                                "kind",
                                "add-transport",
                                "targetService",
                                name,
                                "transports",
                                List.of("udp")));
        as(stranger)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("targetService"));
    }

    @Test
    void descriptionChangesButTheAssigneeCannot() {
        int bad =
                create(
                        owner,
                        Map.of(
                                "kind",
                                "modify",
                                "targetService",
                                name,
                                "description",
                                "New words",
                                "assignee",
                                Map.of("name", "Someone Else", "email", "else@example.org")));
        as(owner)
                .post("/api/v1/requests/" + bad + "/submit")
                .then()
                .statusCode(400)
                .body("detail", containsString("cannot be changed"));

        int id =
                create(
                        owner,
                        Map.of(
                                "kind",
                                "modify",
                                "targetService",
                                name,
                                "description",
                                "Frobnication, second edition"));
        submit(owner, id, "fcfs");
        complete(operator, id);
        given().get("/api/v1/services/" + name)
                .then()
                .body("entries[0].description", equalTo("Frobnication, second edition"));
    }

    /** The field model: a field the kind does not use is refused, by create and by edit alike. */
    @Test
    void aFieldTheKindDoesNotUseIsRefused() {
        as(owner)
                .body(
                        Map.of(
                                "kind",
                                "modify",
                                "targetService",
                                name,
                                "description",
                                "New words",
                                "port",
                                "40011"))
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .body("type", equalTo("/problems#invalid-input"))
                .body("errors.field", equalTo(List.of("port")))
                .body(
                        "errors[0].message",
                        equalTo("a modify request does not use this field; leave it out"));

        int id = create(owner, Map.of("kind", "de-assign", "targetService", name));
        as(owner)
                .body(
                        Map.of(
                                "kind",
                                "de-assign",
                                "targetService",
                                name,
                                "serviceName",
                                "other-name",
                                "transports",
                                List.of("udp")))
                .put("/api/v1/requests/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("serviceName", "transports")));
        // Nothing was stored: the request still says only what a de-assignment uses.
        as(owner)
                .get("/api/v1/requests/" + id)
                .then()
                .statusCode(200)
                .body("content.serviceName", equalTo(null))
                .body("content.transports", equalTo(List.of()))
                .body("events.kind", equalTo(List.of("created")));
    }

    /** Three 409s a client can tell apart by their type. */
    @Test
    void conflictsSayWhichConflictTheyAre() {
        int id =
                create(
                        owner,
                        Map.of(
                                "kind",
                                "modify",
                                "targetService",
                                name,
                                "description",
                                "Frobnication, third edition"));
        as(owner)
                .header("If-Match", "99")
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(409)
                .body("type", equalTo("/problems#stale-version"));
        submit(owner, id, "fcfs");
        as(owner)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(409)
                .body("type", equalTo("/problems#wrong-state"));
        // The registry changes under the request: another modify of the same service completes
        // first... the description is then what this one asks for, so it no longer changes it.
        int first =
                create(
                        owner,
                        Map.of(
                                "kind",
                                "modify",
                                "targetService",
                                name,
                                "description",
                                "Frobnication, third edition"));
        submit(owner, first, "fcfs");
        complete(operator, first);
        as(operator)
                .post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(409)
                .body("type", equalTo("/problems#registry-conflict"));
    }

    @Test
    void deAssignmentLeavesTheNameAndReservesThePort() {
        int id = create(owner, Map.of("kind", "de-assign", "targetService", name));
        submit(owner, id, "fcfs");
        complete(operator, id);
        given().get("/api/v1/ports/40010")
                .then()
                .body("transports[0].status", equalTo("reserved"))
                .body("entries.notes", hasItem(containsString("De-assigned on")));
        given().get("/api/v1/services/" + name)
                .then()
                .statusCode(200)
                .body("entries[0].port", equalTo(null));
    }

    @Test
    void revocationWaitsFourWeeksThenTheIesgDecides() {
        RequestFixtures.Iesg iesg = fixtures.iesg(1);
        String operator2 = fixtures.account("iana");
        as(owner)
                .body(Map.of("kind", "revoke", "targetService", name, "notes", "Unused for years"))
                .post("/api/v1/requests")
                .then()
                .statusCode(403);

        int id =
                create(
                        operator,
                        Map.of(
                                "kind",
                                "revoke",
                                "targetService",
                                name,
                                "notes",
                                "Unused for years"));
        as(operator)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("community-call"))
                .body("callEndsAt", org.hamcrest.Matchers.notNullValue());
        as(operator)
                .post("/api/v1/requests/" + id + "/end-call")
                .then()
                .statusCode(409)
                .body("detail", containsString("runs until"));

        clock.advance(Duration.ofDays(29));
        as(operator)
                .post("/api/v1/requests/" + id + "/end-call")
                .then()
                .statusCode(200)
                .body("status", equalTo("iesg-evaluation"));
        iesg.outweighOthers(id);
        as(iesg.member(0))
                .body(Map.of("position", "yes"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"));
        // Separation of duties: the operator who started it does not complete it.
        as(operator).post("/api/v1/requests/" + id + "/complete").then().statusCode(403);
        complete(operator2, id);
        given().get("/api/v1/ports/40010")
                .then()
                .body("transports[0].status", equalTo("reserved"))
                .body("entries.notes", hasItem(containsString("Revoked on")));
    }

    private static int create(String who, Map<String, Object> body) {
        return as(who).body(body)
                .post("/api/v1/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void submit(String who, int id, String track) {
        as(who).post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("track", equalTo(track));
    }

    private static void decide(String who, int id, String decision) {
        as(who).body(Map.of("decision", decision))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200);
    }

    private static void complete(String who, int id) {
        as(who).post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
    }
}
