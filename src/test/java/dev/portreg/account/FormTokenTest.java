package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.FormSession;
import dev.portreg.support.HistoryFixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CSRF tokens are made by the forms that need them (FormToken), not for every GET: an answer with
 * no form carries no token and no cookie; a page with a form carries both, and they work.
 */
@QuarkusTest
class FormTokenTest {

    @Inject TestAccounts accounts;
    @Inject HistoryFixtures fixtures;

    @Test
    void anAnswerWithoutAFormSetsNoCsrfCookie() {
        fixtures.leaveTheSample();
        for (String path :
                List.of(
                        "/",
                        "/ports/938",
                        "/ports/938",
                        "/about",
                        "/gaps",
                        "/registry",
                        "/api/v1/ports/938",
                        "/api/v1/gaps")) {
            Response r = given().redirects().follow(false).get(path);
            assertEquals(200, r.statusCode(), path);
            assertNull(r.getDetailedCookie("portreg-csrf"), path + " sets no CSRF cookie");
            assertNull(FormSession.tokenOf(r.asString()), path + " has no form token");
        }
    }

    @Test
    void aPageWithAFormMakesItsTokenAndCookieAndThePairSignsIn() {
        String member = accounts.create();
        Response login = given().redirects().follow(false).get("/login");
        String token = FormSession.tokenOf(login.asString());
        String cookie = login.getCookie("portreg-csrf");
        assertNotNull(token, "the form has a token");
        assertNotNull(cookie, "and the answer its cookie");
        assertNotEquals(token, cookie, "the cookie holds the signature, not the token");
        assertEquals(1, login.getHeaders().getValues("Set-Cookie").size(), "one cookie, once");
        Response signIn = signIn(member, cookie, token);
        assertEquals(303, signIn.statusCode());
        assertNotNull(signIn.getCookie("portreg-session"));
    }

    @Test
    void eachPageWithAFormGetsAFreshToken() {
        Response first = given().get("/login");
        Response second = given().get("/login");
        assertNotEquals(
                FormSession.tokenOf(first.asString()), FormSession.tokenOf(second.asString()));
        assertNotEquals(first.getCookie("portreg-csrf"), second.getCookie("portreg-csrf"));
    }

    @Test
    void aTokenFromOnePageDoesNotGoWithAnotherPagesCookie() {
        String member = accounts.create();
        Response first = given().get("/login");
        Response second = given().get("/login");
        Response r =
                signIn(
                        member,
                        second.getCookie("portreg-csrf"),
                        FormSession.tokenOf(first.asString()));
        assertEquals(400, r.statusCode());
        assertTrue(r.asString().contains("Form refused"), "the page says why");
    }

    /** The sign-in form posted with this CSRF cookie and token. */
    private static Response signIn(String member, String csrfCookie, String token) {
        return given().redirects()
                .follow(false)
                .cookie("portreg-csrf", csrfCookie)
                .contentType(ContentType.URLENC)
                .formParams(
                        Map.of(
                                "username", member,
                                "password", TestAccounts.PASSWORD,
                                "csrf-token", token))
                .post("/login");
    }
}
