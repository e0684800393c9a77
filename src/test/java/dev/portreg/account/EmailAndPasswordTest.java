package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.FormSession;
import dev.portreg.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An address is verified by a single-use, expiring link mailed to it; a password is changed with
 * the current one or reset by a mailed link, without telling whether an account exists; weak
 * passwords are refused by a strength estimate with a list of leaked passwords.
 */
@QuarkusTest
class EmailAndPasswordTest {

    @Inject TestAccounts accounts;
    @Inject Mails mails;
    @Inject TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String register(String username, String email) {
        given().contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "username",
                                username,
                                "password",
                                "Harbour violet compass 27",
                                "name",
                                "Ada Example",
                                "email",
                                email))
                .post("/api/v1/accounts")
                .then()
                .statusCode(201)
                .body("emailVerified", equalTo(false));
        return username;
    }

    private static io.restassured.specification.RequestSpecification as(String u) {
        return given().auth().preemptive().basic(u, "Harbour violet compass 27");
    }

    /** Issue 7, finding 1: an account could claim any address and act as its owner. */
    @Test
    void anAddressIsVerifiedOnlyByItsMailedLinkOnce() {
        String username = TestAccounts.uniqueName();
        String email = username + "@example.org";
        register(username, email);
        String link = mails.link(email, "/account/verify/", 1);
        FormSession s = new FormSession();
        // The link's page asks to confirm: a mail scanner opening it uses nothing up.
        s.get(link).then().statusCode(200).body(containsString(email));
        as(username).get("/api/v1/accounts/me").then().body("emailVerified", equalTo(false));
        s.submit(link, Map.of())
                .then()
                .statusCode(303)
                .header("Location", is("/login?verified=" + username));
        as(username).get("/api/v1/accounts/me").then().body("emailVerified", equalTo(true));
        // Single use.
        s.get(link).then().statusCode(410);
        s.get("/login");
        s.submit(link, Map.of()).then().statusCode(410);
    }

    @Test
    void aVerificationLinkExpiresAfterADay() {
        String username = TestAccounts.uniqueName();
        String email = username + "@example.org";
        register(username, email);
        String link = mails.link(email, "/account/verify/", 1);
        clock.advance(Duration.ofHours(25));
        new FormSession()
                .get(link)
                .then()
                .statusCode(410)
                .body(containsString("not good any more"));
    }

    @Test
    void aNewLinkCanBeAskedForFromTheAccountPageAndVoidsTheOldOne() {
        String username = TestAccounts.uniqueName();
        String email = username + "@example.org";
        register(username, email);
        String first = mails.link(email, "/account/verify/", 1);
        FormSession s = FormSession.signedIn(username, "Harbour violet compass 27");
        s.get("/account").then().body(containsString("not verified"));
        s.submit("/account/verification", Map.of()).then().statusCode(303);
        String second = mails.link(email, "/account/verify/", 2);
        assertTrue(!first.equals(second));
        s.get(first).then().statusCode(410);
        s.get(second).then().statusCode(200);
        s.submit(second, Map.of())
                .then()
                .statusCode(303)
                .header("Location", is("/account?done=verified"));
        s.get("/account")
                .then()
                .body(containsString("verified"))
                .body(not(containsString("not verified")));
    }

    /** Issue 7, finding 12: weak passwords such as qwertyqwerty were accepted. */
    @Test
    void weakPasswordsAreRefusedWithTheReason() {
        for (String weak :
                new String[] {
                    "qwertyqwerty", "password1234", "iloveyou2024", "correct horse battery staple"
                }) {
            given().contentType(ContentType.JSON)
                    .body(
                            Map.of(
                                    "username",
                                    TestAccounts.uniqueName(),
                                    "password",
                                    weak,
                                    "name",
                                    "Weak Example",
                                    "email",
                                    "weak@example.org"))
                    .post("/api/v1/accounts")
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo("password"))
                    .body("errors[0].message", containsString("too"));
        }
    }

    @Test
    void aPasswordIsChangedThroughTheApiWithTheCurrentOne() {
        String member = accounts.create();
        FormSession page = FormSession.signedIn(member, TestAccounts.PASSWORD);
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not it", "newPassword", "Meadow cipher kettle 55"))
                .put("/api/v1/accounts/me/password")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("currentPassword"));
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "currentPassword",
                                TestAccounts.PASSWORD,
                                "newPassword",
                                "qwertyqwerty"))
                .put("/api/v1/accounts/me/password")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("newPassword"));
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "currentPassword",
                                TestAccounts.PASSWORD,
                                "newPassword",
                                "Meadow cipher kettle 55"))
                .put("/api/v1/accounts/me/password")
                .then()
                .statusCode(204);
        page.get("/account").then().statusCode(302);
        given().auth()
                .preemptive()
                .basic(member, "Meadow cipher kettle 55")
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200);
    }

    @Test
    void aResetNeverTellsWhetherTheAccountExistsAndItsLinkWorksOnce() {
        String member = accounts.create();
        String email = member + "@example.org";
        FormSession signedIn = FormSession.signedIn(member, TestAccounts.PASSWORD);
        FormSession s = new FormSession();
        s.get("/password-reset");
        String known =
                s.submit("/password-reset", Map.of("account", member))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        s.get("/password-reset");
        String unknown =
                s.submit(
                                "/password-reset",
                                Map.of(
                                        "account",
                                        "nobody-" + TestAccounts.uniqueName() + "@example.org"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        assertEquals(section(known), section(unknown), "the same answer either way");
        String link = mails.link(email, "/password-reset/", 1);
        s.get(link).then().statusCode(200);
        s.submit(link, Map.of("password", "qwertyqwerty", "confirm", "qwertyqwerty"))
                .then()
                .statusCode(422)
                .body(containsString("too common"));
        s.submit(
                        link,
                        Map.of(
                                "password",
                                "Lichen saddle rocket 63",
                                "confirm",
                                "Lichen saddle rocket 63"))
                .then()
                .statusCode(303)
                .header("Location", is("/login?reset=" + member));
        // Used up; every session of the account ended; the new password works.
        s.get(link).then().statusCode(410);
        signedIn.get("/account").then().statusCode(302);
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(401);
        given().auth()
                .preemptive()
                .basic(member, "Lichen saddle rocket 63")
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200);
    }

    @Test
    void aResetLinkExpiresAfterAnHour() {
        String member = accounts.create();
        FormSession s = new FormSession();
        s.get("/password-reset");
        s.submit("/password-reset", Map.of("account", member + "@example.org"))
                .then()
                .statusCode(200);
        String link = mails.link(member + "@example.org", "/password-reset/", 1);
        clock.advance(Duration.ofMinutes(61));
        s.get(link).then().statusCode(410);
    }

    @Test
    void resetMailsToOneAccountAreLimited() {
        String member = accounts.create();
        String email = member + "@example.org";
        FormSession s = new FormSession();
        for (int i = 0; i < 5; i++) {
            s.get("/password-reset");
            s.submit("/password-reset", Map.of("account", member)).then().statusCode(200);
        }
        mails.waitFor(email, 3);
        // Give a fourth a chance to arrive: it must not.
        mails.waitFor(email, 4);
        assertEquals(3, mails.count(email), "at most three mails an hour");
    }

    private static String section(String html) {
        int from = html.indexOf("<main");
        int to = html.indexOf("</main>");
        return html.substring(from, to).replaceAll("value=\"[A-Za-z0-9_-]+\"", "value=\"\"");
    }
}
