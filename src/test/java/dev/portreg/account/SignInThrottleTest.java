package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.FormSession;
import dev.portreg.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, finding 4: no brute-force protection on the sign-in form or HTTP Basic, and failures
 * were not logged. Now: after 10 failures within 15 minutes, per account and per client address
 * (counted in PostgreSQL, so for every instance), further attempts answer 429 with Retry-After; a
 * success resets the count; failures and lock-outs are audit events.
 *
 * <p>Each test acts from its own client addresses (X-Forwarded-For, trusted from the loopback proxy
 * in tests), so other tests' failures never count here.
 */
@QuarkusTest
class SignInThrottleTest {

    private static final AtomicInteger NEXT = new AtomicInteger(1);

    @Inject TestAccounts accounts;
    @Inject TestClock clock;
    @Inject AuditLog audit;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static String newAddress() {
        int n = NEXT.getAndIncrement() + (int) (System.nanoTime() % 200) * 1000;
        return "198.18." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static Response basic(String user, String password, String address) {
        return given().header("X-Forwarded-For", address)
                .auth()
                .preemptive()
                .basic(user, password)
                .get("/api/v1/accounts/me");
    }

    private static Response form(String user, String password, String address) {
        FormSession s = new FormSession();
        s.request().header("X-Forwarded-For", address).get("/login");
        s.get("/login");
        return s.request()
                .header("X-Forwarded-For", address)
                .contentType(ContentType.URLENC)
                .formParams(Map.of("username", user, "password", password, "csrf-token", s.token()))
                .post("/login");
    }

    @Test
    void tenFailuresForOneAccountLockItFromEveryAddressUntilTheWindowPasses() {
        String member = accounts.create();
        for (int i = 0; i < 5; i++) {
            basic(member, "wrong password " + i, newAddress()).then().statusCode(401);
            form(member, "wrong password " + i, newAddress()).then().statusCode(401);
        }
        // Even the right password, from a fresh address, waits now: Basic and the form alike.
        Response api = basic(member, TestAccounts.PASSWORD, newAddress());
        assertEquals(429, api.statusCode(), api.asString());
        long retry = Long.parseLong(api.getHeader("Retry-After"));
        assertTrue(retry > 0 && retry <= 15 * 60, "Retry-After " + retry);
        api.then()
                .contentType("application/problem+json")
                .body("detail", containsString("Too many failed sign-ins"));
        Response page = form(member, TestAccounts.PASSWORD, newAddress());
        assertEquals(429, page.statusCode());
        assertNotNull(page.getHeader("Retry-After"));
        page.then()
                .contentType(containsString("text/html"))
                .body(containsString("Too many failed sign-ins"));

        List<AuditLog.Event> failed = audit.list(50, 0, AuditLog.Kind.SIGN_IN_FAILED, member);
        assertEquals(10, failed.size(), "every failure is an audit event");
        assertTrue(
                failed.stream()
                        .allMatch(e -> e.address() != null && e.address().startsWith("198.18.")));
        assertEquals(1, audit.list(50, 0, AuditLog.Kind.LOCKED_OUT, member).size(), "one lock-out");

        clock.advance(Duration.ofMinutes(16));
        basic(member, TestAccounts.PASSWORD, newAddress()).then().statusCode(200);
    }

    @Test
    void aSuccessResetsTheCount() {
        String member = accounts.create();
        String address = newAddress();
        for (int i = 0; i < 9; i++) {
            basic(member, "wrong password " + i, address).then().statusCode(401);
        }
        basic(member, TestAccounts.PASSWORD, address).then().statusCode(200);
        for (int i = 0; i < 9; i++) {
            basic(member, "wrong again " + i, address).then().statusCode(401);
        }
        basic(member, TestAccounts.PASSWORD, address).then().statusCode(200);
    }

    @Test
    void tenFailuresFromOneAddressLockThatAddressOnly() {
        String address = newAddress();
        for (int i = 0; i < 10; i++) {
            // Ten different accounts, some that do not exist.
            String user = i % 2 == 0 ? accounts.create() : "no-such-" + TestAccounts.uniqueName();
            basic(user, "guess " + i, address).then().statusCode(401);
        }
        String member = accounts.create();
        basic(member, TestAccounts.PASSWORD, address).then().statusCode(429);
        form(member, TestAccounts.PASSWORD, address).then().statusCode(429);
        basic(member, TestAccounts.PASSWORD, newAddress()).then().statusCode(200);
        assertEquals(
                1,
                audit.list(200, 0, AuditLog.Kind.LOCKED_OUT, null).stream()
                        .filter(
                                e ->
                                        address.equals(e.address())
                                                && "address".equals(e.detail().get("by")))
                        .count());
    }

    @Test
    void operatorsReadTheAuditLogAndNobodyElse() {
        String operator = accounts.create(Roles.IANA);
        String member = accounts.create();
        String address = newAddress();
        basic(member, "not it at all", address).then().statusCode(401);
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .queryParam("subject", member)
                .get("/api/v1/audit")
                .then()
                .statusCode(200)
                .body("[0].kind", org.hamcrest.Matchers.equalTo("sign-in-failed"))
                .body("[0].address", org.hamcrest.Matchers.equalTo(address));
        given().auth()
                .preemptive()
                .basic(member, TestAccounts.PASSWORD)
                .get("/api/v1/audit")
                .then()
                .statusCode(403);
        FormSession s = FormSession.signedIn(operator, TestAccounts.PASSWORD);
        s.get("/admin/audit?subject=" + member)
                .then()
                .statusCode(200)
                .body(containsString("sign-in-failed"))
                .body(containsString(address));
        FormSession.signedIn(member, TestAccounts.PASSWORD)
                .get("/admin/audit")
                .then()
                .statusCode(403);
    }

    /** Issue 7, finding 12: role changes were logged without the operator who made them. */
    @Test
    void aRoleChangeIsAuditedWithTheOperatorWhoMadeIt() {
        String operator = accounts.create(Roles.IANA);
        String member = accounts.create();
        given().auth()
                .preemptive()
                .basic(operator, TestAccounts.PASSWORD)
                .contentType(ContentType.JSON)
                .body(List.of("iesg"))
                .put("/api/v1/accounts/" + member + "/roles")
                .then()
                .statusCode(200);
        List<AuditLog.Event> events = audit.list(5, 0, AuditLog.Kind.ROLES_CHANGED, member);
        assertEquals(1, events.size());
        assertEquals(operator, events.get(0).actor());
        assertEquals(List.of("requester", "iesg"), events.get(0).detail().get("after"));
        assertEquals(List.of("requester"), events.get(0).detail().get("before"));
    }
}
