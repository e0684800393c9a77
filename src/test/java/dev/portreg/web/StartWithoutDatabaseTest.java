package dev.portreg.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.support.TcpProxy;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The app starts while PostgreSQL cannot be reached (the proxy in front of it refuses every
 * connection): it starts anyway, is alive but not ready, answers 503 for what needs the registry,
 * and once the database comes it migrates, seeds the registry and the first operator, and is ready.
 */
@QuarkusTest
@TestProfile(OutageProfiles.DownAtStart.class)
class StartWithoutDatabaseTest {

    /** Health is on the management interface (ADR 0015). */
    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/ready", management = true)
    java.net.URL ready;

    @io.quarkus.test.common.http.TestHTTPResource(value = "/health/live", management = true)
    java.net.URL live;

    TcpProxy proxy;

    @Inject TestDb db;

    @Test
    void startsWithoutTheDatabaseAndBecomesReadyWhenItComes() {
        assertTrue(proxy.refusing(), "the database is down from the start");
        assertTrue(proxy.refused() > 0, "start-up tried to reach it");

        given().get(live).then().statusCode(200).body("status", equalTo("UP"));
        given().get(ready)
                .then()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body(containsString(DatabaseReadiness.NAME));
        // Nothing is loaded yet: even what is served from memory once loaded answers 503.
        given().get("/api/v1/ports/938")
                .then()
                .statusCode(503)
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", equalTo("5"))
                .body("detail", containsString("starting"));
        given().get("/ports/938")
                .then()
                .statusCode(503)
                .contentType(startsWith("text/html"))
                .header("Retry-After", equalTo("5"))
                .body(containsString("Service unavailable"));
        given().get("/api/v1/history").then().statusCode(503);
        // Pages that need nothing still render, and say why the footer has no registry.
        given().get("/login")
                .then()
                .statusCode(200)
                .body(containsString("The registry is not loaded yet"));

        proxy.resume();
        DatabaseOutageTest.awaitReady(ready);

        // Start-up ran once the database came: migrated, seeded, the first operator created.
        given().get("/api/v1/registry")
                .then()
                .statusCode(200)
                .body("source", endsWith("sample.xml"));
        given().get("/api/v1/ports/22")
                .then()
                .statusCode(200)
                .body("transports[0].status", equalTo("assigned"));
        given().get("/ports/938").then().statusCode(200);
        given().get("/api/v1/history").then().statusCode(200);
        assertEquals(
                1, db.count("SELECT count(*) FROM account WHERE username = ?", "test-operator"));
        assertEquals(
                1,
                db.count("SELECT count(*) FROM registry_change WHERE kind = 'seed'"),
                "seeded once");
    }
}
