package dev.portreg.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.account.TestAccounts;
import dev.portreg.support.FormSession;
import dev.portreg.support.TcpProxy;
import dev.portreg.support.TestDb;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for real while the app runs: a TCP proxy between the app and PostgreSQL
 * cuts every connection and refuses new ones, then lets them through again.
 */
@QuarkusTest
@TestProfile(OutageProfiles.ThroughProxy.class)
class DatabaseOutageTest {

    /** Health is on the management interface (ADR 0015). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/live", management = true)
    java.net.URL live;

    /**
     * An operator of this test's own, made fresh for each test (the seeded one must first change
     * its password).
     */
    String operator;

    static final String OPERATOR_PASSWORD = TestAccounts.PASSWORD;

    /** The pool's max-size: the test fills it before cutting. */
    static final int POOL = 16;

    /** How long a request during the outage may take to get its 503 (acquisition timeout 3 s). */
    static final long QUICK_MS = 4_000;

    /** The first request of an outage, see {@link #aRequestDuringAnOutageGetsIts503Quickly}. */
    static final long FIRST_MS = 10_000;

    TcpProxy proxy;

    @Inject AgroalDataSource dataSource;
    @Inject TestDb db;
    @Inject TestAccounts accounts;

    @org.junit.jupiter.api.BeforeEach
    void anOperator() {
        operator = accounts.create("iana");
    }

    @AfterEach
    void databaseBack() {
        proxy.resume();
        awaitReady();
    }

    @Test
    void duringAnOutageMemoryReadsAnswerAndWhatNeedsTheDatabaseIs503() {
        awaitReady();
        given().get("/api/v1/ports/938").then().statusCode(200);
        given().get("/ports/938").then().statusCode(200);
        FormSession signedIn = FormSession.signedIn(operator, OPERATOR_PASSWORD);
        signedIn.get("/requests/new?port=938").then().statusCode(200); // its form's token
        long requests = db.count("SELECT count(*) FROM port_request");
        FormSession visitor = new FormSession();
        visitor.get("/register").then().statusCode(200);
        FormSession signingIn = new FormSession();
        signingIn.get("/login").then().statusCode(200);
        String newcomer = "t-" + UUID.randomUUID().toString().substring(0, 8);
        int port = 900 + (int) (Math.random() * 100); // a port page not rendered yet: no cache

        proxy.cut();

        // Served from memory: 200, as before.
        for (String path :
                List.of(
                        "/api/v1/ports/938",
                        "/api/v1/ports/938/nearest-free",
                        "/api/v1/gaps?from=0&to=1023",
                        "/api/v1/services/http",
                        "/api/v1/search?q=http",
                        "/api/v1/entries?range=system",
                        "/api/v1/stats",
                        "/api/v1/registry",
                        "/api/v1/registry/export?format=csv",
                        "/api/v1/registry/export?format=xml",
                        "/",
                        "/ports/938",
                        "/gaps",
                        "/registry",
                        "/about",
                        "/search?q=ssh",
                        "/login",
                        "/register")) {
            given().get(path).then().statusCode(200);
        }
        // A port page not kept yet: rendered, with a history box that says it is unavailable.
        given().get("/ports/" + port)
                .then()
                .statusCode(200)
                .body(containsString("history-unavailable"))
                .body(containsString("Port " + port));
        given().get("/services/http")
                .then()
                .statusCode(200)
                .body(containsString("history-unavailable"));

        // What needs the database: 503 with Retry-After, quickly, never a 500.
        problem503(given().get("/api/v1/history"));
        problem503(given().get("/api/v1/ports/938/history"));
        problem503(
                given().auth()
                        .preemptive()
                        .basic(operator, OPERATOR_PASSWORD)
                        .get("/api/v1/accounts/me"));
        problem503(
                given().auth()
                        .preemptive()
                        .basic(operator, OPERATOR_PASSWORD)
                        .contentType(ContentType.JSON)
                        .body("{}")
                        .post("/api/v1/requests"));
        page503(given().get("/changes"), false);
        page503(given().get("/changes/1"), false);
        // Sign-in with the form, and any page of a signed-in visitor (who they are is in the
        // database): the friendly page, not a 500.
        page503(
                signingIn.submit(
                        "/login", Map.of("username", operator, "password", OPERATOR_PASSWORD)),
                true);
        page503(
                signedIn.submit(
                        "/requests",
                        Map.of(
                                "kind", "assign",
                                "port", "938",
                                "transports", "tcp",
                                "serviceName", "outage-test")),
                true);
        page503(signedIn.get("/requests"), false);
        page503(signedIn.get("/ports/938"), false);
        // A form post: the friendly page, and nothing written.
        page503(
                visitor.submit(
                        "/register",
                        Map.of(
                                "username", newcomer,
                                "name", "Grace Hopper",
                                "email", "grace@example.org",
                                "password", "cobol compiler 1959",
                                "confirm", "cobol compiler 1959")),
                true);

        // Health: not ready, alive.
        given().get(ready)
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(containsString("Database connections health check"));
        given().get(live).then().statusCode(200).body("status", equalTo("UP"));

        proxy.resume();
        awaitReady();
        // Back: the history shows again on the page that was rendered without it (it was not
        // kept), what needed the database works, and the refused registration wrote nothing.
        await(
                () ->
                        given().get("/ports/" + port).asString().contains("History of port " + port)
                                && !given().get("/ports/" + port)
                                        .asString()
                                        .contains("history-unavailable"),
                "the port page shows its history again");
        given().get("/api/v1/history").then().statusCode(200);
        given().get("/changes").then().statusCode(200);
        given().auth()
                .preemptive()
                .basic(operator, OPERATOR_PASSWORD)
                .get("/api/v1/accounts/me")
                .then()
                .statusCode(200);
        signedIn.get("/requests").then().statusCode(200);
        assertEquals(0, db.count("SELECT count(*) FROM account WHERE username = ?", newcomer));
        assertEquals(requests, db.count("SELECT count(*) FROM port_request"));
    }

    @Test
    void onceTheDatabaseIsBackNoRequestFailsOnADeadPooledConnection() throws Exception {
        awaitReady();
        fillThePool();
        assertTrue(
                proxy.connections() >= POOL,
                "the pool holds "
                        + POOL
                        + " connections, through the proxy: "
                        + proxy.connections());

        // PostgreSQL goes away and comes back while nobody asks anything: every pooled
        // connection is now dead.
        proxy.cut();
        Thread.sleep(200);
        proxy.resume();

        List<String> failures = new ArrayList<>();
        String[] paths = {"/api/v1/history", "/changes", "/api/v1/ports/938/history"};
        for (int i = 0; i < 3 * POOL; i++) {
            String path = paths[i % paths.length];
            int status = given().get(path).statusCode();
            if (status != 200) {
                failures.add("#" + i + " " + path + ": " + status);
            }
        }
        for (int i = 0; i < POOL; i++) {
            int status =
                    given().auth()
                            .preemptive()
                            .basic(operator, OPERATOR_PASSWORD)
                            .get("/api/v1/accounts/me")
                            .statusCode();
            if (status != 200) {
                failures.add("#" + i + " /api/v1/accounts/me: " + status);
            }
        }
        assertEquals(List.of(), failures, "no request fails after the database is back");

        // And again with every connection busy at once when it comes back.
        fillThePool();
        proxy.cut();
        proxy.resume();
        ExecutorService clients = Executors.newFixedThreadPool(POOL);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 2 * POOL; i++) {
                answers.add(clients.submit(() -> given().get("/api/v1/history").statusCode()));
            }
            for (Future<Integer> a : answers) {
                assertEquals(200, a.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aRequestDuringAnOutageGetsIts503Quickly() {
        awaitReady();
        proxy.cut();
        for (int i = 0; i < 6; i++) {
            long start = System.nanoTime();
            problem503(given().get("/api/v1/history"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            // The first also drops the dead pooled connection and runs error paths for the first
            // time in this JVM: on a loaded 2-core machine it has taken up to 5 s. Then each
            // stays within the acquisition timeout (3 s) and a margin; not the minute it was.
            long limit = i == 0 ? FIRST_MS : QUICK_MS;
            assertTrue(ms < limit, "503 #" + i + " after " + ms + " ms");
        }
        given().get(ready).then().statusCode(503);
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * Opens {@link #POOL} connections at once, so the pool holds that many, and gives them back.
     */
    private void fillThePool() throws Exception {
        ExecutorService borrowers = Executors.newFixedThreadPool(POOL);
        CountDownLatch all = new CountDownLatch(POOL);
        CountDownLatch release = new CountDownLatch(1);
        try {
            List<Future<?>> held = new ArrayList<>();
            for (int i = 0; i < POOL; i++) {
                held.add(
                        borrowers.submit(
                                () -> {
                                    try (Connection c = dataSource.getConnection()) {
                                        c.createStatement().execute("SELECT 1");
                                        all.countDown();
                                        release.await(30, TimeUnit.SECONDS);
                                    }
                                    return null;
                                }));
            }
            assertTrue(all.await(30, TimeUnit.SECONDS), "the pool lends " + POOL + " at once");
            release.countDown();
            for (Future<?> f : held) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            borrowers.shutdownNow();
        }
    }

    static void problem503(Response r) {
        r.then()
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("5"))
                .body("status", equalTo(503))
                .body("title", equalTo("Service unavailable"))
                .body("detail", containsString("database"))
                .body(not(containsString("Exception")));
    }

    static void page503(Response r, boolean posted) {
        r.then()
                .statusCode(503)
                .contentType(startsWith("text/html"))
                .header("Retry-After", equalTo("5"))
                .body(containsString("Service unavailable"))
                .body(containsString("database"))
                .body(containsString("Look up a port number or a service name"))
                .body(not(containsString("Exception")))
                .body(not(containsString("\tat ")));
        if (posted) {
            r.then().body(containsString("What you sent was not saved"));
        } else {
            assertFalse(r.asString().contains("What you sent was not saved"));
        }
    }

    void awaitReady() {
        awaitReady(ready);
    }

    static void awaitReady(java.net.URL ready) {
        await(() -> given().get(ready).statusCode() == 200, "readiness UP");
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
