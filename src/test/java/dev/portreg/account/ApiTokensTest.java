package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.portreg.support.FormSession;
import dev.portreg.support.TestClock;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Personal API tokens: made once, kept as a hash, used as Bearer with the account's roles. */
@QuarkusTest
class ApiTokensTest {

    @Inject TestAccounts accounts;
    @Inject TestDb db;
    @Inject TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static RequestSpecification basic(String user) {
        return given().auth().preemptive().basic(user, TestAccounts.PASSWORD);
    }

    private static RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static Map<String, Object> make(String user, String name, Integer days) {
        return basic(user)
                .contentType(ContentType.JSON)
                .body(
                        days == null
                                ? Map.of("name", name)
                                : Map.of("name", name, "expiresInDays", days))
                .post("/api/v1/accounts/me/tokens")
                .then()
                .statusCode(201)
                .body("token", startsWith("prt_"))
                .body("name", equalTo(name))
                .extract()
                .as(Map.class);
    }

    @Test
    void aTokenIsShownOnceKeptAsAHashAndActsWithTheAccountsRoles() throws Exception {
        String operator = accounts.create(Roles.IANA);
        Map<String, Object> created = make(operator, "ci job", 30);
        String token = (String) created.get("token");
        bearer(token)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200)
                .body("username", equalTo(operator));
        // An operator's token is an operator: an iana-only endpoint.
        bearer(token).get("/api/v1/accounts").then().statusCode(200);
        // Listing shows the name and the last characters, never the token.
        basic(operator)
                .get("/api/v1/accounts/me/tokens")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].name", equalTo("ci job"))
                .body("[0].hint", equalTo("…" + token.substring(token.length() - 4)))
                .body("[0].token", nullValue());
        // Only SHA-256 of the token is stored.
        String sha =
                HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256")
                                        .digest(token.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                1L,
                db.count(
                        "SELECT count(*) FROM api_token WHERE encode(token_hash, 'hex') = ?", sha));
        assertEquals(
                0L,
                db.count(
                        "SELECT count(*) FROM api_token t WHERE t::text LIKE ?",
                        "%" + token.substring(4, 20) + "%"));
    }

    @Test
    void aRequestersTokenIsARequesterAndWorksOnEveryApiEndpointButNotOnPages() {
        String member = accounts.create();
        String token = (String) make(member, "laptop", null).get("token");
        bearer(token).get("/api/v1/accounts").then().statusCode(403);
        bearer(token).get("/api/v1/requests").then().statusCode(200);
        bearer(token).get("/api/v1/ports/938").then().statusCode(200);
        // Pages never take a token.
        bearer(token).redirects().follow(false).get("/account").then().statusCode(302);
        // A token cannot make another token.
        bearer(token)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "second"))
                .post("/api/v1/accounts/me/tokens")
                .then()
                .statusCode(403);
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        String member = accounts.create();
        Map<String, Object> created = make(member, "to revoke", 7);
        String token = (String) created.get("token");
        bearer(token).get("/api/v1/accounts/me").then().statusCode(200);
        basic(member)
                .delete("/api/v1/accounts/me/tokens/" + created.get("id"))
                .then()
                .statusCode(204);
        bearer(token)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(401)
                .body("detail", containsString("token"));
        basic(member)
                .delete("/api/v1/accounts/me/tokens/" + created.get("id"))
                .then()
                .statusCode(404);
        // Another account cannot revoke mine.
        String other = accounts.create();
        Map<String, Object> mine = make(member, "keep", 7);
        basic(other).delete("/api/v1/accounts/me/tokens/" + mine.get("id")).then().statusCode(404);
        bearer((String) mine.get("token")).get("/api/v1/accounts/me").then().statusCode(200);
    }

    @Test
    void aTokenExpires() {
        String member = accounts.create();
        String token = (String) make(member, "short", 1).get("token");
        bearer(token).get("/api/v1/accounts/me").then().statusCode(200);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        bearer(token).get("/api/v1/accounts/me").then().statusCode(401);
    }

    @Test
    void rolesFollowTheAccount() {
        String operator = accounts.create(Roles.IANA);
        String member = accounts.create();
        String token = (String) make(member, "grows", 7).get("token");
        bearer(token).get("/api/v1/queues/expert").then().statusCode(403);
        basic(operator)
                .contentType(ContentType.JSON)
                .body(List.of("expert"))
                .put("/api/v1/accounts/" + member + "/roles")
                .then()
                .statusCode(200);
        bearer(token).get("/api/v1/queues/expert").then().statusCode(200);
    }

    @Test
    void badTokensAndBadBodiesAreRefusedClearly() {
        String member = accounts.create();
        bearer("prt_" + "A".repeat(43)).get("/api/v1/accounts/me").then().statusCode(401);
        bearer("garbage").get("/api/v1/accounts/me").then().statusCode(401);
        basic(member)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "", "expiresInDays", 0))
                .post("/api/v1/accounts/me/tokens")
                .then()
                .statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("name", "expiresInDays"));
        basic(member)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "x", "expiresInDays", 400))
                .post("/api/v1/accounts/me/tokens")
                .then()
                .statusCode(400);
    }

    @Test
    void theAccountPageMakesListsAndRevokesTokensWithTheirLastUse() {
        String member = accounts.create();
        FormSession s = FormSession.signedIn(member, TestAccounts.PASSWORD);
        s.get("/account").then().statusCode(200).body(containsString("You have no tokens"));
        String page =
                s.submit("/account/tokens", Map.of("name", "from the page", "expiresInDays", "30"))
                        .then()
                        .statusCode(200)
                        .header("Cache-Control", "no-store")
                        .body(containsString("shown only this once"))
                        .extract()
                        .asString();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(prt_[A-Za-z0-9_-]{43})").matcher(page);
        org.junit.jupiter.api.Assertions.assertTrue(m.find(), "the token is on the page");
        String token = m.group(1);
        bearer(token).get("/api/v1/accounts/me").then().statusCode(200);
        // The last use is written off the request thread, within a moment.
        long deadline = System.currentTimeMillis() + 5000;
        String lastUsed = null;
        while (lastUsed == null && System.currentTimeMillis() < deadline) {
            lastUsed =
                    basic(member)
                            .get("/api/v1/accounts/me/tokens")
                            .then()
                            .extract()
                            .path("[0].lastUsedAt");
        }
        assertNotNull(lastUsed, "last use recorded");
        s.get("/account")
                .then()
                .body(containsString("from the page"))
                .body(not(containsString(token)))
                .body(not(containsString(">never<")));
        String id =
                basic(member)
                        .get("/api/v1/accounts/me/tokens")
                        .then()
                        .extract()
                        .path("[0].id")
                        .toString();
        s.submit("/account/tokens/" + id + "/revoke", Map.of()).then().statusCode(303);
        bearer(token).get("/api/v1/accounts/me").then().statusCode(401);
        s.get("/account?done=revoked").then().body(containsString("Token revoked"));
        basic(member)
                .get("/api/v1/accounts/me/tokens")
                .then()
                .body("$", hasSize(0))
                .body("[0]", nullValue());
    }

    @Test
    void tokenCreationIsAudited() {
        String member = accounts.create();
        make(member, "audited", 3);
        String operator = accounts.create(Roles.IANA);
        basic(operator)
                .queryParam("subject", member)
                .queryParam("kind", "token-created")
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("[0].actor", equalTo(member))
                .body("[0].detail.name", equalTo("audited"))
                .body("[0].detail.token", notNullValue());
    }
}
