package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.FormSession;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Page sessions live in PostgreSQL: signing out, a password change and a role change end them on
 * the server, so a copied cookie stops working; the cookies are HttpOnly, SameSite=Lax and Secure
 * over TLS; the sign-in form has its (signed) CSRF token.
 */
@QuarkusTest
class SessionsTest {

    @Inject TestAccounts accounts;
    @Inject TestDb db;

    private static Response asCookie(String session, String path) {
        return given().cookie("portreg-session", session).redirects().follow(false).get(path);
    }

    /** Issue 7, finding 3: the old cookie still worked after POST /logout. */
    @Test
    void signingOutEndsTheSessionOnTheServer() {
        String member = accounts.create();
        FormSession s = FormSession.signedIn(member, TestAccounts.PASSWORD);
        String cookie = s.cookie("portreg-session");
        asCookie(cookie, "/account").then().statusCode(200);
        s.get("/logout");
        s.submit("/logout", Map.of()).then().statusCode(303);
        // A copy of the cookie, kept by an attacker or another tab, no longer signs anyone in.
        asCookie(cookie, "/account")
                .then()
                .statusCode(302)
                .header("Location", startsWith("/login"));
        assertEquals(
                0L,
                db.count(
                        "SELECT count(*) FROM account_session s JOIN account a"
                                + " ON a.id = s.account_id WHERE a.username = ?",
                        member));
    }

    @Test
    void aPasswordChangeEndsTheOtherSessionsButNotThisOne() {
        String member = accounts.create();
        FormSession here = FormSession.signedIn(member, TestAccounts.PASSWORD);
        FormSession elsewhere = FormSession.signedIn(member, TestAccounts.PASSWORD);
        here.get("/account/password");
        here.submit(
                        "/account/password",
                        Map.of(
                                "currentPassword",
                                TestAccounts.PASSWORD,
                                "newPassword",
                                "Quiet harbour lantern 81",
                                "confirm",
                                "Quiet harbour lantern 81"))
                .then()
                .statusCode(303)
                .header("Location", is("/account?done=password"));
        here.get("/account?done=password")
                .then()
                .statusCode(200)
                .body(containsString("Password changed"));
        elsewhere.get("/account").then().statusCode(302);
        // The old password is gone, the new one works.
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic(member, "Quiet harbour lantern 81")
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200);
    }

    @Test
    void aRoleChangeEndsTheAccountsSessions() {
        String operator = accounts.create(Roles.IANA);
        String member = accounts.create();
        FormSession s = FormSession.signedIn(member, TestAccounts.PASSWORD);
        s.get("/account").then().statusCode(200);
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(List.of("expert"))
                .put("/api/v1/accounts/" + member + "/roles")
                .then()
                .statusCode(200);
        s.get("/account").then().statusCode(302);
        FormSession again = FormSession.signedIn(member, TestAccounts.PASSWORD);
        again.get("/test-only/userbox").then().body(containsString("requester, expert"));
    }

    @Test
    void aSessionIdleForAnHourHasEnded() {
        String member = accounts.create();
        FormSession s = FormSession.signedIn(member, TestAccounts.PASSWORD);
        s.get("/account").then().statusCode(200);
        db.update(
                "UPDATE account_session SET seen_at = now() - interval '61 minutes',"
                        + " created_at = now() - interval '2 hours' WHERE account_id ="
                        + " (SELECT id FROM account WHERE username = ?)",
                member);
        s.get("/account").then().statusCode(302);
    }

    @Test
    void cookiesAreHttpOnlyLaxAndSecureOverTls() {
        String member = accounts.create();
        Response login = given().redirects().follow(false).get("/login");
        Cookie csrf = login.getDetailedCookie("portreg-csrf");
        assertNotNull(csrf);
        assertTrue(csrf.isHttpOnly(), "CSRF cookie HttpOnly");
        assertEquals("Lax", csrf.getSameSite());
        assertFalse(csrf.isSecured(), "plain HTTP here");
        String token = FormSession.tokenOf(login.asString());
        Response signIn =
                given().redirects()
                        .follow(false)
                        .cookie("portreg-csrf", csrf.getValue())
                        .contentType(ContentType.URLENC)
                        .formParams(
                                Map.of(
                                        "username", member,
                                        "password", TestAccounts.PASSWORD,
                                        "csrf-token", token))
                        .post("/login");
        signIn.then().statusCode(303);
        Cookie session = signIn.getDetailedCookie("portreg-session");
        assertTrue(session.isHttpOnly());
        assertEquals("Lax", session.getSameSite());
        assertFalse(session.isSecured());
        // Behind a TLS-terminating proxy (trusted in tests): Secure, and HSTS.
        Response tls =
                given().redirects()
                        .follow(false)
                        .header("X-Forwarded-Proto", "https")
                        .get("/login");
        assertTrue(tls.getDetailedCookie("portreg-csrf").isSecured(), "CSRF cookie Secure");
        assertNotNull(tls.getHeader("Strict-Transport-Security"));
        assertNull(login.getHeader("Strict-Transport-Security"), "no HSTS over plain HTTP");
    }

    /** Issue 7, finding 8: a cross-site post to the sign-in form signed the victim in. */
    @Test
    void theSignInFormNeedsItsCsrfToken() {
        String member = accounts.create();
        Response r =
                given().redirects()
                        .follow(false)
                        .contentType(ContentType.URLENC)
                        .formParams(Map.of("username", member, "password", TestAccounts.PASSWORD))
                        .post("/login");
        assertEquals(400, r.statusCode());
        assertNull(r.getDetailedCookie("portreg-session"), "no session");
        // The token is signed: a pair the attacker made up (cookie and field alike) is refused.
        String forged = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        given().redirects()
                .follow(false)
                .cookie("portreg-csrf", forged)
                .contentType(ContentType.URLENC)
                .formParams(
                        Map.of(
                                "username", member,
                                "password", TestAccounts.PASSWORD,
                                "csrf-token", forged))
                .post("/login")
                .then()
                .statusCode(400);
    }

    @Test
    void afterSigningInOnlyAPathOfThisSiteIsFollowed() {
        String member = accounts.create();
        for (String next :
                List.of("//evil.example/x", "https://evil.example/", "/\\\\evil", "/login")) {
            FormSession s = new FormSession();
            s.get("/login");
            s.submit(
                            "/login",
                            Map.of(
                                    "username", member,
                                    "password", TestAccounts.PASSWORD,
                                    "next", next))
                    .then()
                    .statusCode(303)
                    .header("Location", is("/"));
        }
    }

    /** Issue 7, finding 12: the Host header was reflected into redirects. */
    @Test
    void redirectsNeverTakeTheirHostFromTheRequest() {
        String member = accounts.create();
        FormSession s = new FormSession();
        s.get("/login");
        Response r =
                s.request()
                        .header("Host", "evil.example")
                        .contentType(ContentType.URLENC)
                        .formParams(
                                Map.of(
                                        "username",
                                        member,
                                        "password",
                                        TestAccounts.PASSWORD,
                                        "next",
                                        "/requests",
                                        "csrf-token",
                                        s.token()))
                        .post("/login");
        assertEquals(303, r.statusCode());
        assertEquals("/requests", r.getHeader("Location"));
        given().redirects()
                .follow(false)
                .header("Host", "evil.example")
                .get("/admin/accounts")
                .then()
                .statusCode(302)
                .header("Location", startsWith("/login?next="));
    }

    /** Issue 7, finding 12: a ';' in a protected page's query got no answer and a stack trace. */
    @Test
    void aSemicolonInAProtectedPagesQueryIsAnsweredProperly() {
        given().redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .get("/requests?a;b=c")
                .then()
                .statusCode(302)
                .header("Location", startsWith("/login?next=%2Frequests%3Fa%3Bb%3Dc"));
        String member = accounts.create();
        FormSession s = FormSession.signedIn(member, TestAccounts.PASSWORD);
        s.request().urlEncodingEnabled(false).get("/requests?a;b=c").then().statusCode(200);
        s.request().urlEncodingEnabled(false).get("/requests;x=y").then().statusCode(200);
    }

    @Test
    void theFirstOperatorChangesTheConfiguredPasswordBeforeAnythingElse() {
        String operator = accounts.createMustChangePassword(Roles.IANA);
        FormSession s = new FormSession();
        s.get("/login");
        s.submit("/login", Map.of("username", operator, "password", TestAccounts.PASSWORD))
                .then()
                .statusCode(303)
                .header("Location", is("/account/password"));
        s.get("/admin/accounts").then().statusCode(303).header("Location", is("/account/password"));
        s.get("/account/password")
                .then()
                .statusCode(200)
                .body(containsString("set by configuration"));
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .get("/api/v1/accounts")
                .then()
                .statusCode(403);
        s.submit(
                        "/account/password",
                        Map.of(
                                "currentPassword", TestAccounts.PASSWORD,
                                "newPassword", "Amber tugboat sonnet 19",
                                "confirm", "Amber tugboat sonnet 19"))
                .then()
                .statusCode(303);
        s.get("/admin/accounts").then().statusCode(200);
        given().auth()
                .preemptive()
                .basic(operator, "Amber tugboat sonnet 19")
                .get("/api/v1/accounts")
                .then()
                .statusCode(200);
    }
}
