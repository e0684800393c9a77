package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountPagesTest {

    private static final Pattern TOKEN =
            Pattern.compile("name=\"csrf-token\" value=\"([A-Za-z0-9_-]+)\"");

    @Inject TestAccounts testAccounts;

    /** The cookies a browser would keep between requests, and the last CSRF token seen. */
    static final class Browser {
        final Map<String, String> cookies = new HashMap<>();
        String token;

        Response get(String path) {
            Response r = given().cookies(cookies).redirects().follow(false).get(path);
            keep(r);
            Matcher m = TOKEN.matcher(r.asString());
            if (m.find()) {
                token = m.group(1);
            }
            return r;
        }

        Response post(String path, Map<String, ?> form) {
            Response r =
                    given().cookies(cookies)
                            .redirects()
                            .follow(false)
                            .contentType(ContentType.URLENC)
                            .formParams(form)
                            .post(path);
            keep(r);
            return r;
        }

        /** Posts the form with the token of the last page, as the form tag does. */
        Response submit(String path, Map<String, ?> form) {
            Map<String, Object> withToken = new HashMap<>(form);
            withToken.put("csrf-token", token);
            return post(path, withToken);
        }

        void signIn(String username, String password) {
            if (token == null) {
                get("/login");
            }
            Response r = submit("/login", Map.of("username", username, "password", password));
            assertEquals(303, r.statusCode(), "sign-in redirects");
            assertNotNull(cookies.get("portreg-session"), "sign-in sets the session cookie");
        }

        private void keep(Response r) {
            r.getDetailedCookies()
                    .forEach(
                            c -> {
                                if (c.getMaxAge() == 0) {
                                    cookies.remove(c.getName());
                                } else {
                                    cookies.put(c.getName(), c.getValue());
                                }
                            });
        }
    }

    private static Map<String, String> registration(String username) {
        return Map.of(
                "username", username,
                "name", "Grace Hopper",
                "email", "grace@example.org",
                "password", "cobol compiler 1959",
                "confirm", "cobol compiler 1959");
    }

    @Test
    void theLoginPageHasTheFormAndNoDevAccountsOutsideDevMode() {
        new Browser()
                .get("/login")
                .then()
                .statusCode(200)
                .body(containsString("action=\"/login\""))
                .body(containsString("name=\"username\""))
                // Login CSRF: the sign-in form carries the token like every other form.
                .body(containsString("name=\"csrf-token\""))
                .body(not(containsString("Dev accounts")))
                .body(not(containsString("devpass-")));
        assertFalse(testAccounts.existsNow("rita"), "no dev accounts outside dev mode");
    }

    @Test
    void theLoginPageEchoesOnlyAUsername() {
        new Browser()
                .get("/login?registered=Your+account+is+suspended")
                .then()
                .statusCode(200)
                .body(not(containsString("suspended")));
        new Browser()
                .get("/login?registered=new-user")
                .then()
                .body(containsString("Account new-user created."));
    }

    @Test
    void aPageThatNeedsAnAccountSendsAnonymousVisitorsToLogin() {
        new Browser()
                .get("/admin/accounts")
                .then()
                .statusCode(302)
                .header("Location", is("/login?next=%2Fadmin%2Faccounts"));
    }

    @Test
    void formLoginThenAPageThatNeedsIt() {
        String operator = testAccounts.create(Roles.IANA);
        String member = testAccounts.create(Roles.EXPERT);
        Browser b = new Browser();
        b.get("/admin/accounts").then().statusCode(302);
        // Signing in returns to the page that asked for it.
        b.get("/login?next=/admin/accounts")
                .then()
                .body(containsString("name=\"next\" value=\"/admin/accounts\""));
        b.submit(
                        "/login",
                        Map.of(
                                "username",
                                operator,
                                "password",
                                TestAccounts.PASSWORD,
                                "next",
                                "/admin/accounts"))
                .then()
                .statusCode(303)
                .header("Location", is("/admin/accounts"));
        b.get("/admin/accounts")
                .then()
                .statusCode(200)
                .header("X-Frame-Options", "DENY")
                .body(containsString("<h1>Accounts</h1>"))
                .body(containsString(member))
                .body(containsString("action=\"/admin/accounts/" + member + "/roles\""))
                .body(containsString("name=\"csrf-token\""));
    }

    @Test
    void aWrongPasswordShowsTheLoginPageAgainWithAnError() {
        String member = testAccounts.create();
        Browser b = new Browser();
        b.get("/login");
        b.submit("/login", Map.of("username", member, "password", "wrong password!"))
                .then()
                .statusCode(401)
                .body(containsString("Wrong username or password"))
                .body(containsString("value=\"" + member + "\""))
                .body(not(containsString("wrong password!")));
        assertTrue(b.cookies.get("portreg-session") == null, "no session");
    }

    @Test
    void anAccountWithoutTheRoleGetsAForbiddenPage() {
        String member = testAccounts.create(Roles.IESG);
        Browser b = new Browser();
        b.signIn(member, TestAccounts.PASSWORD);
        b.get("/admin/accounts")
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("Forbidden"));
    }

    @Test
    void registrationWithTheTokenCreatesTheAccount() {
        String username = TestAccounts.uniqueName();
        Browser b = new Browser();
        b.get("/register").then().statusCode(200);
        assertNotNull(b.token, "the register form carries a CSRF token");
        b.submit("/register", registration(username))
                .then()
                .statusCode(303)
                .header("Location", endsWith("/login?registered=" + username));
        assertEquals(List.of("requester"), testAccounts.rolesNow(username));
        // ... and the new account signs in with the form.
        b.signIn(username, "cobol compiler 1959");
    }

    @Test
    void registrationWithoutTheTokenIsRefusedAndCreatesNothing() {
        String username = TestAccounts.uniqueName();
        Browser b = new Browser();
        b.get("/register");
        b.post("/register", registration(username)).then().statusCode(400);
        // A token that is not the cookie's is refused too.
        Map<String, Object> forged = new HashMap<>(registration(username));
        forged.put("csrf-token", "AAAAAAAAAAAAAAAAAAAAAA");
        b.post("/register", forged).then().statusCode(400);
        assertFalse(testAccounts.existsNow(username), "nothing was created");
    }

    @Test
    void aNonFormPostToAPageIsRefused() {
        String username = TestAccounts.uniqueName();
        Browser b = new Browser();
        b.get("/register");
        given().cookies(b.cookies)
                .contentType(ContentType.TEXT)
                .body("username=" + username + "&csrf-token=" + b.token)
                .post("/register")
                .then()
                .statusCode(anyOf(is(400), is(415)));
        given().cookies(b.cookies).post("/logout").then().statusCode(anyOf(is(400), is(415)));
        assertFalse(testAccounts.existsNow(username), "nothing was created");
    }

    /** The page a refused form answers with, parsed, after checking its status. */
    private static Document refused(Response r, int status) {
        assertEquals(status, r.statusCode(), r.asString());
        return Jsoup.parse(r.asString());
    }

    @Test
    void badRegistrationIsShownAgainWithErrorsAndValues() {
        String taken = testAccounts.create();
        Browser b = new Browser();
        b.get("/register");
        Map<String, String> form = new HashMap<>(registration(taken.toUpperCase()));
        form.put("email", "not-an-email");
        form.put("confirm", "something else entirely");
        Document d = refused(b.submit("/register", form), 422);
        assertEquals(
                "Please correct the fields marked below.", d.selectFirst(".flash-error").text());
        assertEquals("Email is not a valid email address", d.getElementById("email-error").text());
        assertEquals(
                "Confirmation does not match the password",
                d.getElementById("confirm-error").text());
        assertEquals("true", d.getElementById("email").attr("aria-invalid"));
        assertEquals("Grace Hopper", d.getElementById("name").val());
        assertEquals("not-an-email", d.getElementById("email").val());
        assertEquals("", d.getElementById("password").val(), "a password is never sent back");
        assertFalse(d.html().contains("cobol compiler 1959"));

        form = new HashMap<>(registration(taken.toUpperCase()));
        d = refused(b.submit("/register", form), 422);
        assertEquals("Username is taken", d.getElementById("username-error").text());
        form = new HashMap<>(registration(TestAccounts.uniqueName()));
        form.put("password", "password123");
        form.put("confirm", "password123");
        d = refused(b.submit("/register", form), 422);
        assertTrue(
                d.getElementById("password-error").text().startsWith("Password is too common"),
                d.getElementById("password-error").text());
    }

    @Test
    void refusedAccountFormsComeBackWithTheMessageBesideTheField() {
        String member = testAccounts.create();
        Browser b = new Browser();
        b.signIn(member, TestAccounts.PASSWORD);
        b.get("/account");
        Document d =
                refused(
                        b.submit("/account/tokens", Map.of("name", "ci", "expiresInDays", "soon")),
                        422);
        assertEquals(
                "Lifetime must be a number of days", d.getElementById("token-days-error").text());
        d = refused(b.submit("/account/tokens", Map.of("name", " ", "expiresInDays", "0")), 422);
        assertEquals(
                "Name is required: say what the token is for",
                d.getElementById("token-name-error").text());
        assertTrue(
                d.getElementById("token-days-error")
                        .text()
                        .startsWith("Lifetime must be between 1"),
                d.getElementById("token-days-error").text());
        assertNull(d.selectFirst(".flash-error"), "field errors stand beside their fields");

        b.get("/account/password");
        d =
                refused(
                        b.submit(
                                "/account/password",
                                Map.of(
                                        "currentPassword", TestAccounts.PASSWORD,
                                        "newPassword", "a long new passphrase 42",
                                        "confirm", "another one")),
                        422);
        assertEquals(
                "Confirmation does not match the new password",
                d.getElementById("confirm-error").text());
    }

    @Test
    void aRefusedRoleChangeShowsTheListAgainWithTheMessage() {
        String operator = testAccounts.create(Roles.IANA);
        String member = testAccounts.create();
        Browser b = new Browser();
        b.signIn(operator, TestAccounts.PASSWORD);
        b.get("/admin/accounts");
        Document d =
                refused(
                        b.submit(
                                "/admin/accounts/" + member + "/roles",
                                Map.of("role", List.of("wizard"))),
                        422);
        assertEquals("Accounts", d.selectFirst("h1").text());
        assertTrue(d.selectFirst(".flash-error").text().contains("wizard"), d.text());
        assertEquals(List.of("requester"), testAccounts.rolesNow(member));
        b.get("/admin/accounts");
        refused(b.submit("/admin/accounts/nobody-here/roles", Map.of("role", "iesg")), 404);
    }

    @Test
    void anOperatorSetsRolesWithTheFormAndOnlyWithTheToken() {
        String operator = testAccounts.create(Roles.IANA);
        String member = testAccounts.create();
        Browser b = new Browser();
        b.signIn(operator, TestAccounts.PASSWORD);
        b.get("/admin/accounts");
        b.post("/admin/accounts/" + member + "/roles", Map.of("role", "iesg"))
                .then()
                .statusCode(400);
        assertEquals(List.of("requester"), testAccounts.rolesNow(member));
        b.submit("/admin/accounts/" + member + "/roles", Map.of("role", List.of("iesg", "expert")))
                .then()
                .statusCode(303)
                .header("Location", endsWith("/admin/accounts?updated=" + member));
        assertEquals(List.of("requester", "expert", "iesg"), testAccounts.rolesNow(member));
        // No box ticked: requester only.
        b.submit("/admin/accounts/" + member + "/roles", Map.of()).then().statusCode(303);
        assertEquals(List.of("requester"), testAccounts.rolesNow(member));
    }

    @Test
    void signingOutNeedsTheTokenAndForgetsTheSession() {
        String member = testAccounts.create();
        Browser b = new Browser();
        b.signIn(member, TestAccounts.PASSWORD);
        b.get("/logout").then().statusCode(200).body(containsString(member));
        b.post("/logout", Map.of()).then().statusCode(400);
        assertNotNull(b.cookies.get("portreg-session"), "still signed in");
        b.submit("/logout", Map.of()).then().statusCode(303).header("Location", endsWith("/"));
        assertTrue(b.cookies.get("portreg-session") == null, "session cookie cleared");
        b.get("/admin/accounts").then().statusCode(302);
    }

    @Test
    void theUserboxOffersSignInToVisitorsAndSignOutToMembers() {
        Browser b = new Browser();
        b.get("/test-only/userbox")
                .then()
                .statusCode(200)
                .body(containsString("href=\"/login\""))
                .body(containsString("href=\"/register\""))
                .body(not(containsString("Sign out")));
        String member = testAccounts.create(Roles.EXPERT);
        b.signIn(member, TestAccounts.PASSWORD);
        b.get("/test-only/userbox")
                .then()
                .statusCode(200)
                .body(containsString("Signed in as <strong>" + member + "</strong>"))
                .body(containsString("requester, expert"))
                .body(containsString("action=\"/logout\""))
                .body(containsString("name=\"csrf-token\" value=\"" + b.token + "\""))
                .body(not(containsString("href=\"/admin/accounts\"")));
        b.submit("/logout", Map.of()).then().statusCode(303);
        b.get("/test-only/userbox").then().body(containsString("href=\"/login\""));
    }

    @Test
    void aRefusedFormSaysWhyAndAnErrorPageStillRendersForMembers() {
        String member = testAccounts.create();
        Browser b = new Browser();
        b.signIn(member, TestAccounts.PASSWORD);
        b.post("/register", registration(TestAccounts.uniqueName()))
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("Nothing was changed"));
        b.get("/no-such-page-" + member).then().statusCode(404);
    }
}
