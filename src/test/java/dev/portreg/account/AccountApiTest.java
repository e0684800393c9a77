package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountApiTest {

    @Inject TestAccounts testAccounts;

    private static Map<String, String> newAccount(String username, String password) {
        return Map.of(
                "username",
                username,
                "password",
                password,
                "name",
                "Ada Lovelace",
                "email",
                "ada@example.org");
    }

    @Test
    void registersARequesterAndAnswersWithTheAccountButNoPassword() {
        String username = TestAccounts.uniqueName();
        given().contentType(ContentType.JSON)
                .body(newAccount(username, "difference engine 1843"))
                .when()
                .post("/api/v1/accounts")
                .then()
                .statusCode(201)
                .header("Location", endsWith("/api/v1/accounts/" + username))
                .body("username", equalTo(username))
                .body("name", equalTo("Ada Lovelace"))
                .body("email", equalTo("ada@example.org"))
                .body("roles", equalTo(List.of("requester")))
                .body("password", nullValue())
                .body("passwordHash", nullValue());

        // The new account can use the API at once, with the password it chose.
        given().auth()
                .preemptive()
                .basic(username, "difference engine 1843")
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200)
                .body("username", equalTo(username))
                .body("roles", equalTo(List.of("requester")));
    }

    @Test
    void storesUsernamesLowerCase() {
        String username = TestAccounts.uniqueName();
        given().contentType(ContentType.JSON)
                .body(newAccount(username.toUpperCase(), "difference engine 1843"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201)
                .body("username", equalTo(username));
    }

    @Test
    void refusesAWeakPasswordNamingTheFieldAndTheReason() {
        String username = TestAccounts.uniqueName();
        given().contentType(ContentType.JSON)
                .body(newAccount(username, "password123"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("password"))
                .body("errors[0].message", containsString("too common"))
                .body("detail", containsString("password"));
        given().contentType(ContentType.JSON)
                .body(newAccount(username, "short1!"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("password"))
                .body("errors[0].message", containsString("at least 10 characters"));
        given().contentType(ContentType.JSON)
                .body(newAccount(username, username + "-is-my-password"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("password"))
                .body("errors[0].message", equalTo("must not contain the username"));
        assertFalse(testAccounts.existsNow(username), "nothing was created");
    }

    @Test
    void reservesOfficialLookingUsernames() {
        given().contentType(ContentType.JSON)
                .body(newAccount("IANA", "difference engine 1843"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("username"))
                .body("errors[0].message", containsString("reserved"));
    }

    @Test
    void refusesABadEmail() {
        String username = TestAccounts.uniqueName();
        given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "username",
                                username,
                                "password",
                                "difference engine 1843",
                                "name",
                                "Ada",
                                "email",
                                "ada-at-example.org"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("email")))
                .body("errors[0].message", equalTo("is not a valid email address"));
    }

    @Test
    void listsEveryBadFieldAndAMissingBody() {
        given().contentType(ContentType.JSON)
                .body(Map.of("username", "x"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .body("errors.field", equalTo(List.of("username", "name", "email", "password")));
        given().contentType(ContentType.JSON)
                .post("/api/v1/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void refusesATakenUsernameIgnoringCase() {
        String username = testAccounts.create();
        given().contentType(ContentType.JSON)
                .body(newAccount(username.toUpperCase(), "difference engine 1843"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("taken"))
                .body("errors[0].field", equalTo("username"));
    }

    @Test
    void meNeedsBasicCredentials() {
        given().get("/api/v1/accounts/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic realm="))
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void aWrongPasswordIs401WithAChallenge() {
        String username = testAccounts.create();
        given().auth()
                .preemptive()
                .basic(username, "not the password at all")
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic realm="))
                .contentType("application/problem+json")
                .body("detail", equalTo("Wrong username or password"));
        given().auth()
                .preemptive()
                .basic("no-such-user-" + username, TestAccounts.PASSWORD)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(401);
    }

    @Test
    void meShowsTheAccountAndItsRoles() {
        String username = testAccounts.create(Roles.IESG);
        given().auth()
                .preemptive()
                .basic(username, TestAccounts.PASSWORD)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200)
                .body("username", equalTo(username))
                .body("name", equalTo("Test " + username))
                .body("email", equalTo(username + "@example.org"))
                .body("roles", equalTo(List.of("requester", "iesg")));
    }

    @Test
    void theSessionCookieOfThePagesIsNotAcceptedByTheApi() {
        String username = testAccounts.create();
        String session =
                dev.portreg.support.FormSession.signedIn(username, TestAccounts.PASSWORD)
                        .cookie("portreg-session");
        given().cookie("portreg-session", session)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(401);
    }

    @Test
    void anOperatorSetsRoles() {
        String operator = testAccounts.create(Roles.IANA);
        String member = testAccounts.create();
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(List.of("iesg", "expert"))
                .put("/api/v1/accounts/" + member + "/roles")
                .then()
                .statusCode(200)
                .body("username", equalTo(member))
                .body("roles", equalTo(List.of("requester", "expert", "iesg")));
        // The list is the whole set: what is not listed is taken away; requester stays.
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(List.of())
                .put("/api/v1/accounts/" + member + "/roles")
                .then()
                .statusCode(200)
                .body("roles", equalTo(List.of("requester")));
        // The member's own view agrees, at once.
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .get("/api/v1/accounts/me")
                .then()
                .body("roles", equalTo(List.of("requester")));
    }

    @Test
    void onlyOperatorsSetRoles() {
        String member = testAccounts.create();
        for (String role : List.of(Roles.REQUESTER, Roles.EXPERT, Roles.IESG)) {
            String other = testAccounts.create(role);
            given().auth()
                    .preemptive()
                    .basic(other, TestAccounts.PASSWORD)
                    .contentType(ContentType.JSON)
                    .body(List.of("iana"))
                    .put("/api/v1/accounts/" + member + "/roles")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON)
                .body(List.of("iana"))
                .put("/api/v1/accounts/" + member + "/roles")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic realm="));
        assertEquals(List.of("requester"), testAccounts.rolesNow(member));
    }

    @Test
    void settingRolesOfAnUnknownAccountIs404() {
        String operator = testAccounts.create(Roles.IANA);
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(List.of("iesg"))
                .put("/api/v1/accounts/nobody-" + TestAccounts.uniqueName() + "/roles")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownRoleIs400AndChangesNothing() {
        String operator = testAccounts.create(Roles.IANA);
        String member = testAccounts.create(Roles.EXPERT);
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(List.of("iesg", "admin"))
                .put("/api/v1/accounts/" + member + "/roles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("roles[1]"))
                .body("errors[0].message", containsString("unknown role 'admin'"));
        assertEquals(List.of("requester", "expert"), testAccounts.rolesNow(member));
    }

    @Test
    void operatorsListAccountsAndOthersMayNot() {
        String operator = testAccounts.create(Roles.IANA);
        String member = testAccounts.create();
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .get("/api/v1/accounts")
                .then()
                .statusCode(200)
                .body("username", hasItem(member));
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .get("/api/v1/accounts")
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .get("/api/v1/accounts/" + operator)
                .then()
                .statusCode(403);
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .get("/api/v1/accounts/" + member)
                .then()
                .statusCode(200)
                .body("username", equalTo(member));
    }

    @Test
    void theConfiguredOperatorExistsHoldsIanaAndMustChangeItsPasswordFirst() {
        // %test.portreg.admin.* in application.properties
        given().auth()
                .preemptive()
                .basic("test-operator", "Kestrel orbit marmalade 42")
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200)
                .body("roles", hasItem("iana"));
        given().auth()
                .preemptive()
                .basic("test-operator", "Kestrel orbit marmalade 42")
                .get("/api/v1/accounts")
                .then()
                .statusCode(403)
                .body("detail", containsString("Change the password"));
    }

    @Test
    void publicApiStaysOpenAndSetsNoCookie() {
        given().get("/api/v1/ping")
                .then()
                .statusCode(200)
                .header("Set-Cookie", nullValue())
                .body(equalTo("ok"));
    }

    @Test
    void crossSitePostsToTheApiAreRefused() {
        given().contentType(ContentType.JSON)
                .header("Sec-Fetch-Site", "cross-site")
                .body(newAccount(TestAccounts.uniqueName(), "difference engine 1843"))
                .post("/api/v1/accounts")
                .then()
                .statusCode(403)
                .body("detail", not(equalTo("")));
    }
}
