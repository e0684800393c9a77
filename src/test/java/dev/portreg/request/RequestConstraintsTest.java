package dev.portreg.request;

import static dev.portreg.request.RequestFixtures.as;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RequestInput's Bean Validation constraints on the API (@Valid): 400 with the field as the client
 * named it (nested and indexed too) and the reason TextRules gives, in form order, never 500.
 */
@QuarkusTest
class RequestConstraintsTest {

    @Inject RequestFixtures fixtures;

    @BeforeEach
    void registry() {
        fixtures.sampleRegistry();
    }

    @Test
    void aCreateNamesEveryBadFieldInFormOrder() {
        String requester = fixtures.account();
        Map<String, Object> body =
                RequestFixtures.request(RequestFixtures.name(), "40090", null, "tcp");
        body.put("serviceName", "s".repeat(RequestInput.NAME + 1));
        body.put("transports", List.of("tcp", "u".repeat(RequestInput.SHORT + 1)));
        body.put("contact", Map.of("name", "Ann", "email", "ann@example.org\u0000"));
        as(requester)
                .body(body)
                .post("/api/v1/requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        equalTo(List.of("serviceName", "transports[1]", "contact.email")))
                .body(
                        "errors.message",
                        equalTo(
                                List.of(
                                        "is too long: 64 characters, at most 63",
                                        "is too long: 33 characters, at most 32",
                                        "must not contain control characters (U+0000 at"
                                                + " character 16); only line breaks are allowed")));
    }

    @Test
    void anEditIsCheckedAsACreateIs() {
        String requester = fixtures.account();
        int id =
                as(requester)
                        .body(RequestFixtures.request(RequestFixtures.name(), "40091", null, "tcp"))
                        .post("/api/v1/requests")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        Map<String, Object> body =
                RequestFixtures.request(RequestFixtures.name(), "40091", null, "tcp");
        body.put(
                "transports",
                List.of("tcp", "udp", "sctp", "dccp", "tcp", "udp", "sctp", "dccp", "tcp"));
        as(requester)
                .body(body)
                .put("/api/v1/requests/" + id)
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("transports")))
                .body("errors[0].message", equalTo("lists more than 8 items"))
                .body("detail", equalTo("transports: lists more than 8 items"));
    }
}
