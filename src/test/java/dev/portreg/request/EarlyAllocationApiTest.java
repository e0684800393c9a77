package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.EarlyAllocation;
import dev.portreg.registry.EarlyAllocationClock;
import dev.portreg.support.TestClock;
import dev.portreg.support.TestDb;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole life of an early allocation (RFC 7120) through the API, on the injected clock: the
 * working group chair asks, the expert approves, the operator allocates (TEMPORARY for a year); a
 * reminder a month before expiry; one renewal decided by the IESG; then either permanent with the
 * RFC, or expiry that gives the port back.
 */
@QuarkusTest
class EarlyAllocationApiTest {

    @Inject RequestFixtures fixtures;
    @Inject TestClock clock;
    @Inject TestDb db;
    @Inject EarlyAllocationClock daily;
    @Inject MockMailbox mailbox;

    private String chair;
    private String expert;
    private String operator;

    @BeforeEach
    void accounts() {
        fixtures.sampleRegistry();
        db.update("DELETE FROM early_allocation_reminder");
        mailbox.clear();
        chair = fixtures.account();
        expert = fixtures.account("expert");
        operator = fixtures.account("iana");
    }

    @AfterEach
    void time() {
        clock.reset();
        fixtures.sampleRegistry();
        fixtures.retireIesg();
    }

    @Test
    void allocateRemindRenewOnceAndMakePermanent() {
        String name = RequestFixtures.name();
        LocalDate made = LocalDate.now(clock);
        int id = allocate(name, "40081");
        String marker = EarlyAllocation.granted(made).marker();
        given().get("/api/v1/services/" + name)
                .then()
                .statusCode(200)
                .body("entries[0].description", containsString(marker))
                .body("entries[0].description", containsString("(TEMPORARY - registered " + made))
                .body("entries[0].references.type", hasItem("draft"));
        as(chair)
                .get("/api/v1/requests/" + id)
                .then()
                .body("entries.href", hasItem("/ports/40081"));

        // A month before expiry the daily check reminds the chair, once.
        clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(made, made.plusYears(1)) - 20));
        assertTrue(daily.check().reminded().contains(name));
        assertTrue(
                mailbox.getMailsSentTo(RequestFixtures.email(chair)).stream()
                        .anyMatch(m -> m.getSubject().contains(name)));
        assertEquals(List.of(), daily.check().reminded());

        // One renewal: the IESG decides.
        LocalDate renewedOn = LocalDate.now(clock);
        int renewal = create(Map.of("kind", "early-renewal", "targetService", name));
        submit(renewal, "iesg-approval");
        ballot(renewal);
        complete(renewal);
        given().get("/api/v1/services/" + name)
                .then()
                .body("entries[0].description", containsString("extension registered " + renewedOn))
                .body("entries[0].description", containsString("expires " + made.plusYears(2)));

        // A second renewal is refused: RFC 7120 allows one.
        int again = create(Map.of("kind", "early-renewal", "targetService", name));
        as(chair)
                .post("/api/v1/requests/" + again + "/submit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("targetService"));

        // Published: permanent, citing the RFC instead of the draft.
        int permanent =
                create(
                        Map.of(
                                "kind",
                                "make-permanent",
                                "targetService",
                                name,
                                "reference",
                                "RFC 9692"));
        submit(permanent, "fcfs");
        complete(permanent);
        given().get("/api/v1/services/" + name)
                .then()
                .body("entries[0].description", not(containsString("TEMPORARY")))
                .body("entries[0].references.type", not(hasItem("draft")))
                .body("entries[0].references.type", hasItem("rfc"));
        // It no longer expires.
        clock.advance(Duration.ofDays(800));
        assertEquals(List.of(), daily.check().expired());
        given().get("/api/v1/ports/40081")
                .then()
                .body("transports.find { it.transport == 'udp' }.status", equalTo("assigned"));
    }

    @Test
    void unrenewedItExpiresAndThePortIsFreeAgain() {
        String name = RequestFixtures.name();
        LocalDate made = LocalDate.now(clock);
        allocate(name, "40082");
        clock.advance(Duration.ofDays(ChronoUnit.DAYS.between(made, made.plusYears(1)) + 1));
        assertEquals(List.of(name), daily.check().expired());
        given().get("/api/v1/ports/40082")
                .then()
                .body("transports.status", not(hasItem("assigned")))
                .body("free", equalTo(true));
        given().get("/api/v1/services/" + name).then().statusCode(404);
        // Expired, it cannot be renewed any more.
        int late = create(Map.of("kind", "early-renewal", "targetService", name));
        as(chair).post("/api/v1/requests/" + late + "/submit").then().statusCode(400);
    }

    @Test
    void theDraftAndTheChairsRequestAreRequired() {
        Map<String, Object> body = early(RequestFixtures.name(), "40083");
        body.put("ietfDocument", "RFC 9999");
        body.remove("chairStatement");
        int id = create(body);
        as(chair)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("ietfDocument"))
                .body("errors.field", hasItem("chairStatement"));
        // Fields of a new assignment the early allocation does not use are refused by name.
        Map<String, Object> withSpec = early(RequestFixtures.name(), "40084");
        withSpec.put("unauthorizedUses", "None known.");
        as(chair)
                .body(withSpec)
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("unauthorizedUses"));
    }

    private int allocate(String name, String port) {
        int id = create(early(name, port));
        submit(id, "expert-review");
        as(expert)
                .body(Map.of("decision", "approve", "comment", "Stable enough; the WG agrees."))
                .post("/api/v1/requests/" + id + "/review")
                .then()
                .statusCode(200)
                .body("status", equalTo("approved"));
        complete(id);
        return id;
    }

    private Map<String, Object> early(String name, String port) {
        String email = RequestFixtures.email(chair);
        Map<String, Object> m = new HashMap<>();
        m.put("kind", "early-allocation");
        m.put("serviceName", name);
        m.put("port", port);
        m.put("transports", List.of("udp"));
        m.put("description", "Routing in Fat Trees");
        m.put("assignee", Map.of("name", "Rita Chair", "org", "RIFT WG", "email", email));
        m.put("contact", Map.of("name", "Rita Chair", "email", email));
        m.put("castStatement", "Link-local multicast for discovery.");
        m.put("justification", "Routers discover each other before any configuration.");
        m.put("ietfDocument", "draft-ietf-rift-rift-24");
        m.put("chairStatement", "Rita Chair, RIFT WG chair: the WG agrees it is stable.");
        return m;
    }

    private int create(Map<String, Object> body) {
        return as(chair)
                .body(body)
                .post("/api/v1/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void submit(int id, String track) {
        as(chair)
                .post("/api/v1/requests/" + id + "/submit")
                .then()
                .statusCode(200)
                .body("track", equalTo(track));
    }

    /** The IESG ballots until the renewal passes. */
    private void ballot(int id) {
        RequestFixtures.Iesg iesg = fixtures.iesg(3);
        iesg.outweighOthers(id);
        String status = null;
        for (String member : iesg.members()) {
            status =
                    as(member)
                            .body(Map.of("position", "yes"))
                            .post("/api/v1/requests/" + id + "/ballot")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status");
            if ("approved".equals(status)) {
                break;
            }
        }
        assertEquals("approved", status);
    }

    private void complete(int id) {
        as(operator)
                .post("/api/v1/requests/" + id + "/complete")
                .then()
                .statusCode(200)
                .body("status", equalTo("completed"));
    }
}
