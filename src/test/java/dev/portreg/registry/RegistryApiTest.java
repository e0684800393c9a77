package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.portreg.exchange.RegistryImporter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URISyntaxException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The registry's JSON API on the sample registry (real IANA records around port 938). */
@QuarkusTest
class RegistryApiTest {

    @Inject RegistryImporter importer;
    @Inject dev.portreg.support.TestDb db;

    @BeforeEach
    void sample() throws URISyntaxException {
        db.resetToResource("/iana/sample.xml");
    }

    @Test
    void port938IsUnassignedEverywhereInsideTheGapWithItsPolicy() {
        given().get("/api/v1/ports/938")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("port", equalTo(938))
                .body("range", equalTo("system"))
                .body("free", equalTo(true))
                .body("transports.transport", equalTo(List.of("tcp", "udp", "sctp", "dccp")))
                .body("transports.status", everyItem(equalTo("unassigned")))
                .body("policy.summary", equalTo("System port: IETF Review or IESG Approval"))
                .body("policy.policies", equalTo(List.of("ietf-review", "iesg-approval")))
                .body("gap.from", equalTo(916))
                .body("gap.to", equalTo(952))
                .body("gap.size", equalTo(37))
                .body("nearestFree[0]", equalTo(937))
                .body("entries[0].port", equalTo("916-952"))
                .body("entries[0].status", equalTo("unassigned"))
                .body("registry.format", equalTo("iana-xml"))
                .body("registry.updated", equalTo("2026-08-17"));
    }

    @Test
    void assignedAndReservedTransportsDiffer() {
        given().get("/api/v1/ports/953")
                .then()
                .body("transports[0].status", equalTo("assigned"))
                .body("transports[0].services", equalTo(List.of("rndc")))
                .body("transports[1].status", equalTo("reserved"))
                .body("free", equalTo(false))
                .body(
                        "entries.find { it.serviceName == 'rndc' }.registered",
                        equalTo("2017-06-08"));
        given().get("/api/v1/ports/80")
                .then()
                .body("transports[0].services", hasItems("http", "www", "www-http"));
    }

    @Test
    void dynamicPortsAreNeverAssigned() {
        given().get("/api/v1/ports/50000")
                .then()
                .statusCode(200)
                .body("range", equalTo("dynamic"))
                .body("policy.policies", equalTo(List.of()))
                .body("transports.status", everyItem(equalTo("unlisted")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"70000", "-1", "abc", "65536"})
    void badPortsAreA400NamingTheField(String port) {
        given().get("/api/v1/ports/" + port)
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("port"))
                .body("detail", containsString(port.replace("-", "")));
    }

    @Test
    void gapsAreRunsFreeOnEveryGivenTransport() {
        given().queryParam("from", 900)
                .queryParam("to", 1000)
                .queryParam("transport", "tcp")
                .queryParam("transport", "udp")
                .get("/api/v1/gaps")
                .then()
                .statusCode(200)
                .body("from", hasItems(916, 954))
                .body("find { it.from == 916 }.size", equalTo(37))
                .body("find { it.from == 954 }.to", equalTo(988));
        given().queryParam("transport", "quic")
                .get("/api/v1/gaps")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("transport"));
        given().queryParam("from", 10)
                .queryParam("to", 5)
                .get("/api/v1/gaps")
                .then()
                .statusCode(400);
        given().queryParam("from", 900)
                .queryParam("to", 1000)
                .queryParam("minSize", 36)
                .get("/api/v1/gaps")
                .then()
                .body("from", equalTo(List.of(916)));
    }

    @Test
    void nearestFreePortsLookBothWays() {
        given().queryParam("count", 3)
                .get("/api/v1/ports/938/nearest-free")
                .then()
                .body("free", equalTo(List.of(937, 939, 936)))
                .body("transports", equalTo(List.of("tcp", "udp")));
        given().queryParam("count", 0).get("/api/v1/ports/938/nearest-free").then().statusCode(400);
    }

    @Test
    void servicesIgnoreCaseAndUnknownOnesAre404() {
        given().get("/api/v1/services/RNDC").then().statusCode(200).body("name", equalTo("rndc"));
        given().get("/api/v1/services/no-such-thing")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Not found"));
    }

    @Test
    void searchFindsNamesPortsAndText() {
        given().queryParam("q", "rndc")
                .get("/api/v1/search")
                .then()
                .body("entries[0].serviceName", equalTo("rndc"));
        given().queryParam("q", "953").get("/api/v1/search").then().body("port", equalTo(953));
        given().queryParam("q", "BIND9")
                .get("/api/v1/search")
                .then()
                .body("entries.serviceName", hasItem("rndc"));
        given().get("/api/v1/search").then().statusCode(400).body("errors[0].field", equalTo("q"));
    }

    @Test
    void listingFiltersAndPages() {
        given().queryParam("range", "system")
                .queryParam("status", "assigned")
                .queryParam("transport", "tcp")
                .queryParam("size", 5)
                .get("/api/v1/entries")
                .then()
                .statusCode(200)
                .body("size", equalTo(5))
                .body("items.size()", equalTo(5))
                .body("items.status", everyItem(equalTo("assigned")));
        for (String bad :
                List.of(
                        "size=0",
                        "size=501",
                        "page=-1",
                        "page=x",
                        "status=bogus",
                        "range=upper",
                        "transport=quic")) {
            given().get("/api/v1/entries?" + bad).then().statusCode(400);
        }
    }

    @Test
    void statisticsCoverEveryPortOfEachRange() {
        io.restassured.path.json.JsonPath stats =
                given().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of("system", "user", "dynamic"), stats.getList("ranges.range"));
        int[] sizes = {1024, 48128, 16384};
        for (int r = 0; r < 3; r++) {
            for (int t = 0; t < 4; t++) {
                String at = "ranges[" + r + "].transports[" + t + "].";
                int sum = 0;
                for (String status :
                        List.of("assigned", "reserved", "unassigned", "other", "unlisted")) {
                    sum += stats.getInt(at + status);
                }
                org.junit.jupiter.api.Assertions.assertEquals(sizes[r], sum, at);
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(
                16384, stats.getInt("ranges[2].transports[0].unlisted"));
    }

    @Test
    void sourceAndUnknownPaths() {
        given().get("/api/v1/registry")
                .then()
                .statusCode(200)
                .body("source", containsString("sample.xml"));
        given().get("/api/v1/nothing-here")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }
}
