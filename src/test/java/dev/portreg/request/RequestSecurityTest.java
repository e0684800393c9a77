package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portreg.support.FormSession;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, findings 1, 2, 7 and 11: who may act for a registry entry, who sees a submitted request,
 * how long its text may be, and which ballot positions count.
 */
@QuarkusTest
class RequestSecurityTest {

    @Inject RequestFixtures fixtures;
    @Inject TestDb db;

    @BeforeEach
    void registry() {
        fixtures.ownershipRegistry();
    }

    @AfterEach
    void retire() {
        fixtures.retireIesg();
    }

    private static Map<String, Object> deAssign(String service) {
        return Map.of("kind", "de-assign", "targetService", service);
    }

    private static int create(String user, Object body) {
        return as(user).body(body)
                .post("/api/v1/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    // --- finding 1: ownership ---------------------------------------------------------------

    @Test
    void anUnverifiedAddressOwnsNothingAndCannotSubmit() {
        String gordon = fixtures.accountWithEmail("gordon@example.net", false);
        int id = create(gordon, deAssign("gordsvc"));
        as(gordon)
                .get("/api/v1/requests/" + id)
                .then()
                .body("assessment.errors.field", hasItem("targetService"));
        as(gordon)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(403)
                .body("detail", containsString("verify your email address first"));
    }

    @Test
    void aVerifiedAddressOwnsThatPersonsEntries() {
        String gordon = fixtures.accountWithEmail("gordon@example.net", true);
        int id = create(gordon, deAssign("gordsvc"));
        as(gordon)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("status", equalTo("iana-review"));
    }

    @Test
    void theIesgsAddressMakesNobodyTheAssigneeOfTheIesgsEntries() {
        // Anyone could register with iesg@ietf.org and de-assign imaps.
        String claimant = fixtures.accountWithEmail("iesg@ietf.org", true);
        int id = create(claimant, deAssign("imaps"));
        as(claimant)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("targetService"))
                .body("errors[0].message", containsString("IESG"));
        String chair = fixtures.accountWithEmail("chair@ietf.org", true);
        int id2 = create(chair, deAssign("imaps"));
        as(chair).post("/api/v1/requests/" + id2 + "/submit").then().statusCode(400);
    }

    @Test
    void theIesgsEntriesChangeOnlyThroughTheIesgTrack() {
        String member = fixtures.iesgMember();
        int id = create(member, deAssign("imaps"));
        as(member)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("track", equalTo("iesg-approval"))
                .body("status", equalTo("iesg-evaluation"));
        // Naming another track is refused.
        Map<String, Object> fcfs = new HashMap<>(deAssign("imaps"));
        fcfs.put("track", "fcfs");
        int id2 = create(member, fcfs);
        as(member)
                .post("/api/v1/requests/" + id2 + "/submit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("track"));
    }

    @Test
    void holdingOneEntryOfANameDoesNotUnlockAnotherAssigneesEntry() {
        // Gordon holds pop3s/udp; pop3s/tcp is the IESG's.
        String gordon = fixtures.accountWithEmail("gordon@example.net", true);
        int id = create(gordon, deAssign("pop3s"));
        as(gordon)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("targetService"))
                .body("errors[0].message", containsString("995/tcp"));
        // Nor does the IESG's part unlock Gordon's.
        String member = fixtures.iesgMember();
        int id2 = create(member, deAssign("pop3s"));
        as(member)
                .post("/api/v1/requests/" + id2 + "/submit")
                .then()
                .statusCode(400)
                .body("errors[0].message", containsString("995/udp"));
    }

    @Test
    void anOperatorLinksAnAccountToARegistryPersonAndItIsAudited() {
        String operator = fixtures.account("iana");
        String holder = fixtures.account();
        int id = create(holder, deAssign("gordsvc"));
        as(holder).post("/api/v1/requests/" + id + "/submit").then().statusCode(400);
        as(holder)
                .put("/api/v1/accounts/" + holder + "/people/Gordon_Mangione")
                .then()
                .statusCode(403);
        as(operator)
                .put("/api/v1/accounts/" + holder + "/people/Gordon_Mangione")
                .then()
                .statusCode(200)
                .body("$", equalTo(List.of("Gordon_Mangione")));
        as(operator)
                .put("/api/v1/accounts/" + holder + "/people/IESG")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("person"));
        as(holder)
                .get("/api/v1/accounts/" + holder + "/people")
                .then()
                .statusCode(200)
                .body("$", equalTo(List.of("Gordon_Mangione")));
        as(holder).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        as(operator)
                .queryParam("subject", holder)
                .queryParam("kind", "person-linked")
                .get("/api/v1/audit")
                .then()
                .body("[0].actor", equalTo(operator))
                .body("[0].detail.person", equalTo("Gordon_Mangione"));
        as(operator)
                .delete("/api/v1/accounts/" + holder + "/people/Gordon_Mangione")
                .then()
                .statusCode(200)
                .body("$", equalTo(List.of()));
        as(operator)
                .delete("/api/v1/accounts/" + holder + "/people/Gordon_Mangione")
                .then()
                .statusCode(404);
    }

    // --- finding 2: visibility ---------------------------------------------------------------

    @Test
    void aSubmittedRequestIsSeenByItsRequesterItsReviewersAndOperatorsOnly() {
        fixtures.sampleRegistry();
        String requester = fixtures.account();
        String other = fixtures.account();
        String expert = fixtures.account("expert");
        String member = fixtures.iesgMember();
        String operator = fixtures.account("iana");
        int expertTrack =
                create(
                        requester,
                        RequestFixtures.request(RequestFixtures.name(), "40040", null, "tcp"));
        as(requester).post("/api/v1/requests/" + expertTrack + "/submit").then().statusCode(200);
        int iesgTrack =
                create(
                        requester,
                        RequestFixtures.request(
                                RequestFixtures.name(), "938", "iesg-approval", "tcp"));
        as(requester).post("/api/v1/requests/" + iesgTrack + "/submit").then().statusCode(200);

        Map<String, int[]> seen =
                Map.of(
                        requester, new int[] {200, 200},
                        other, new int[] {404, 404},
                        expert, new int[] {200, 404},
                        member, new int[] {404, 200},
                        operator, new int[] {200, 200});
        seen.forEach(
                (user, statuses) -> {
                    as(user).get("/api/v1/requests/" + expertTrack).then().statusCode(statuses[0]);
                    as(user).get("/api/v1/requests/" + iesgTrack).then().statusCode(statuses[1]);
                    FormSession s = FormSession.signedIn(user, RequestFixtures.PASSWORD);
                    s.get("/requests/" + expertTrack).then().statusCode(statuses[0]);
                    s.get("/requests/" + iesgTrack).then().statusCode(statuses[1]);
                });
        // The page of a request you may not see says only that there is none.
        FormSession.signedIn(other, RequestFixtures.PASSWORD)
                .get("/requests/" + expertTrack)
                .then()
                .body(containsString("There is no request #" + expertTrack + " you can see"));
    }

    // --- finding 7: bounded text ---------------------------------------------------------------

    @Test
    void requestTextIsBoundedAndControlCharactersAreRefused() {
        fixtures.sampleRegistry();
        String requester = fixtures.account();
        long before = db.count("SELECT count(*) FROM port_request");
        Map<String, Object> huge =
                RequestFixtures.request(RequestFixtures.name(), "40041", null, "tcp");
        huge.put("description", "x".repeat(10 * 1024 * 1024));
        as(requester)
                .body(huge)
                .post("/api/v1/requests")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        Map<String, Object> tooLong =
                RequestFixtures.request(RequestFixtures.name(), "40041", null, "tcp");
        tooLong.put("description", "y".repeat(1001));
        as(requester)
                .body(tooLong)
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("description"))
                .body("errors[0].message", containsString("at most 1000"));
        Map<String, Object> nul =
                RequestFixtures.request(RequestFixtures.name(), "40041", null, "tcp");
        nul.put("notes", "before\u0000after");
        as(requester)
                .body(nul)
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("notes"))
                .body("errors[0].message", containsString("control characters"));
        Map<String, Object> party =
                RequestFixtures.request(RequestFixtures.name(), "40041", null, "tcp");
        party.put("assignee", Map.of("name", "Eve\u001b[31m", "email", "eve@example.org"));
        as(requester)
                .body(party)
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("assignee.name"));
        // A NUL inside the JSON text itself is a 400 too, never a 500.
        given().auth()
                .preemptive()
                .basic(requester, RequestFixtures.PASSWORD)
                .contentType(ContentType.JSON)
                .body("{\"kind\":\"new-assignment\",\"description\":\"a\u0000b\"}")
                .post("/api/v1/requests")
                .then()
                .statusCode(400);
        // Newlines are fine.
        Map<String, Object> lines =
                RequestFixtures.request(RequestFixtures.name(), "40041", null, "tcp");
        lines.put("notes", "line one\r\nline two\n");
        as(requester).body(lines).post("/api/v1/requests").then().statusCode(201);
        assertEquals(before + 1, db.count("SELECT count(*) FROM port_request"));
        // A long comment is refused as well.
        int id =
                create(
                        requester,
                        RequestFixtures.request(RequestFixtures.name(), "40042", null, "tcp"));
        as(requester)
                .body(Map.of("comment", "z".repeat(8001)))
                .post("/api/v1/requests/" + id + "/withdraw")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("comment"));
    }

    @Test
    void theLimitsAreInTheOpenApiDocument() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(
                        "components.schemas.RequestInput.properties.description.maxLength",
                        equalTo(1000))
                .body("components.schemas.RequestInput.properties.notes.maxLength", equalTo(8000))
                .body("components.schemas.Party.properties.email.maxLength", equalTo(254));
    }

    // --- finding 11: the ballot ------------------------------------------------------------------

    @Test
    void onlyCurrentIesgMembersPositionsOnThisVersionCount() {
        fixtures.sampleRegistry();
        String requester = fixtures.account();
        String operator = fixtures.account("iana");
        RequestFixtures.Iesg iesg = fixtures.iesg(3);
        String m1 = iesg.member(0), m2 = iesg.member(1), m3 = iesg.member(2);
        int id =
                create(
                        requester,
                        RequestFixtures.request(
                                RequestFixtures.name(), "938", "iesg-approval", "tcp"));
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        iesg.outweighOthers(id);
        as(m1).body(Map.of("position", "yes"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200);
        // m1 leaves the IESG: the Yes stays on the ballot, marked, and no longer counts.
        as(operator)
                .body(List.of())
                .put("/api/v1/accounts/" + m1 + "/roles")
                .then()
                .statusCode(200);
        as(requester)
                .get("/api/v1/requests/" + id)
                .then()
                .body("ballot.tally.yes", equalTo(0))
                .body("ballot.tally.members", equalTo(iesg.counted(2)))
                .body(
                        "ballot.positions.find { it.member.username == '" + m1 + "' }.note",
                        equalTo("no longer an IESG member"));
        // m2 says Yes; then the port changes (changes requested, edited, resubmitted).
        as(m2).body(Map.of("position", "yes"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200);
        as(m3).body(Map.of("decision", "request-changes", "comment", "Use 940"))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200);
        Map<String, Object> moved = RequestFixtures.request("x", "940", "iesg-approval", "tcp");
        moved.put(
                "serviceName",
                as(requester)
                        .get("/api/v1/requests/" + id)
                        .then()
                        .extract()
                        .path("content.serviceName"));
        as(requester).body(moved).put("/api/v1/requests/" + id).then().statusCode(200);
        as(requester).post("/api/v1/requests/" + id + "/submit").then().statusCode(200);
        as(requester)
                .get("/api/v1/requests/" + id)
                .then()
                .body("status", equalTo("iesg-evaluation"))
                .body("ballot.tally.yes", equalTo(0))
                .body(
                        "ballot.positions.find { it.member.username == '" + m2 + "' }.note",
                        containsString("older version"));
        FormSession.signedIn(requester, RequestFixtures.PASSWORD)
                .get("/requests/" + id)
                .then()
                .body(containsString("not counted: given on an older version"));
        iesg.outweighOthers(id);
        // Positions on the new version count: m2 again and m3 pass it (2 members need 2).
        as(m2).body(Map.of("position", "yes"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200);
        as(m3).body(Map.of("position", "no-objection"))
                .post("/api/v1/requests/" + id + "/ballot")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"));
    }
}
