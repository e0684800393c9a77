package dev.portreg.account;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Registrations (each mails a link) are limited per client address; over it, 429. */
@QuarkusTest
@TestProfile(LimitsTestProfile.class)
class RegistrationLimitTest {

    private static Response register(String address) {
        String u = TestAccounts.uniqueName();
        return given().header("X-Forwarded-For", address)
                .contentType(ContentType.JSON)
                .body(
                        Map.of(
                                "username",
                                u,
                                "password",
                                "Harbour violet compass 27",
                                "name",
                                "Limit Example",
                                "email",
                                u + "@example.org"))
                .post("/api/v1/accounts");
    }

    @Test
    void theFourthRegistrationFromOneAddressWaits() {
        for (int i = 0; i < 3; i++) {
            register("198.51.100.7").then().statusCode(201);
        }
        Response r = register("198.51.100.7");
        r.then().statusCode(429).body("detail", containsString("Too many accounts"));
        assertNotNull(r.getHeader("Retry-After"));
        register("198.51.100.8").then().statusCode(201);
    }
}
