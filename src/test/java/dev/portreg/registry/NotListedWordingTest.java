package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.portreg.exchange.RegistryImporter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A (port, transport) that no entry covers is "Not listed": the API's policy and the port page say
 * what that is (not free, not Reserved) and what a request would need, never the Reserved text. On
 * the sample registry: 5000 and 3 have no row at all; 23 has telnet on TCP and UDP only.
 */
@QuarkusTest
class NotListedWordingTest {

    private static final String SAMPLE =
            Path.of("src/test/resources/iana/sample.xml").toAbsolutePath().toString();
    private static final String SERVICES =
            Path.of("src/test/resources/iana/services").toAbsolutePath().toString();

    @Inject RegistryImporter importer;
    @Inject dev.portreg.support.TestDb db;

    @BeforeEach
    @AfterEach
    void sample() {
        db.resetTo(SAMPLE);
    }

    @Test
    void theApiSaysNotListedAndWhatARequestNeeds() {
        for (int port : List.of(3, 5000)) {
            given().get("/api/v1/ports/" + port)
                    .then()
                    .statusCode(200)
                    .body("free", equalTo(false))
                    .body("transports.status", everyItem(equalTo("unlisted")))
                    .body(
                            "policy.summary",
                            startsWith(
                                    "Not listed: the registry has no entry for it, so it is not"
                                            + " free, though not Reserved either. A request goes"
                                            + " as for a Reserved port"))
                    .body("policy.summary", not(containsString("only its assignee")))
                    .body(
                            "policy.policies",
                            equalTo(List.of("expert-review", "standards-action", "iesg-approval")))
                    .body("policy.reference", equalTo("RFC 6335 §6, §7.2, §8.1"));
        }
        // A Reserved port keeps the Reserved text.
        given().get("/api/v1/ports/1023")
                .then()
                .body("policy.summary", startsWith("Reserved: only its assignee"));
    }

    @Test
    void thePortPageSaysWhichTransportsAreNotListedAndWhatThatMeans() {
        given().get("/ports/5000")
                .then()
                .statusCode(200)
                .body(containsString("<span class=\"badge st-unlisted\""))
                .body(
                        containsString(
                                "Not listed on TCP, UDP, SCTP and DCCP: the registry has no entry"
                                        + " for port 5000 there. Such a port is not free, though"
                                        + " not Reserved either; a request for it goes as for a"
                                        + " Reserved port."))
                .body(containsString("<p class=\"policy-summary\">Not listed: the registry"))
                .body(not(containsString("Reserved: only its assignee")));
        given().get("/ports/23")
                .then()
                .statusCode(200)
                .body(containsString("Not listed on SCTP and DCCP: the registry has no entry"))
                .body(containsString("<p class=\"policy-summary\">Assigned: not available"));
        given().get("/ports/938").then().body(not(containsString("id=\"unlisted-note\"")));
        given().get("/ports/50000").then().body(not(containsString("id=\"unlisted-note\"")));
    }

    @Test
    void aPartialRegistrySaysItLeavesPortsOut() {
        try {
            importer.importFrom(SERVICES, "test");
            given().get("/ports/938")
                    .then()
                    .statusCode(200)
                    .body(
                            containsString(
                                    "Not listed on TCP, UDP, SCTP and DCCP: the registry has no"
                                            + " entry for port 938 there (it was read from a"
                                            + " partial source, which leaves most ports out)."))
                    .body(not(containsString("Reserved: only its assignee")));
        } finally {
            db.resetTo(SAMPLE);
        }
    }
}
