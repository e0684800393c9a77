package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The account API's Bean Validation constraints (AccountConstraints): a body whose syntax is wrong
 * answers 400 with each field as the client named it and the reason the rules give, never 500.
 */
@QuarkusTest
class AccountConstraintsTest {

    @Inject TestAccounts accounts;

    private static RequestSpecification basic(String user) {
        return given().auth()
                .preemptive()
                .basic(user, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON);
    }

    @Test
    void aRegistrationNamesEachBadFieldInFormOrder() {
        Map<String, Object> body = new HashMap<>();
        body.put("username", "No Spaces Please");
        body.put("password", "x".repeat(73));
        body.put("name", "Ada\u0007");
        body.put("email", "ada@example.org");
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid input"))
                .body("errors.field", equalTo(List.of("username", "name", "password")))
                .body(
                        "errors.message",
                        equalTo(
                                List.of(
                                        "may contain only letters a-z, digits, '.', '_' and '-'",
                                        "must not contain control characters",
                                        "is too long: use at most 72 bytes")))
                .body(
                        "detail",
                        equalTo(
                                "username: may contain only letters a-z, digits, '.', '_' and"
                                        + " '-'; name: must not contain control characters;"
                                        + " password: is too long: use at most 72 bytes"));
    }

    @Test
    void aUsernameIsCheckedAsTheServiceStoresIt() {
        // Upper case and surrounding spaces are fine: the service lower-cases and strips them.
        String username = TestAccounts.uniqueName();
        given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "username",
                                "  " + username.toUpperCase() + " ",
                                "password",
                                "difference engine 1843",
                                "name",
                                "Ada",
                                "email",
                                username + "@example.org"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201)
                .body("username", equalTo(username));
    }

    @Test
    void aNewPasswordOfTheWrongShapeIsRefusedByName() {
        String member = accounts.create();
        basic(member)
                .body(Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "short"))
                .put("/api/v1/accounts/me/password")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("newPassword")))
                .body("errors[0].message", equalTo("is too short: use at least 10 characters"));
    }

    @Test
    void aTokenNeedsANameAndALifetimeInRange() {
        String member = accounts.create();
        basic(member)
                .body(Map.of("name", "n".repeat(101), "expiresInDays", 366))
                .post("/api/v1/accounts/me/tokens")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("name", "expiresInDays")))
                .body(
                        "errors.message",
                        equalTo(
                                List.of(
                                        "must be at most 100 characters long",
                                        "must be between 1 and 365 days")));
        basic(member)
                .body(Map.of("name", "ci\u001b[31m", "expiresInDays", 30))
                .post("/api/v1/accounts/me/tokens")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("name"))
                .body(
                        "errors[0].message",
                        equalTo(
                                "must not contain control characters (U+001B at character 3);"
                                        + " only line breaks are allowed"));
    }
}
