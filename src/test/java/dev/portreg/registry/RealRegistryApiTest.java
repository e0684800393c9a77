package dev.portreg.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portreg.exchange.RegistryImporter;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The acceptance facts of the issue through the API, on IANA's real XML (domain.md §9.2): 48 free
 * runs of 282 ports in 0-1023 on TCP and UDP, 916-952 the largest. Skipped without the files,
 * unless PORTREG_REQUIRE_IANA=true.
 */
@QuarkusTest
class RealRegistryApiTest {

    @Inject RegistryImporter importer;
    @Inject dev.portreg.support.TestDb db;

    @Test
    void systemRangeGapsOnTheRealRegistry() {
        Path xml =
                Path.of(System.getProperty("portreg.iana.dir", "../shared/data/iana"))
                        .resolve("service-names-port-numbers.xml");
        if (!Files.isReadable(xml)
                && "true".equalsIgnoreCase(System.getenv("PORTREG_REQUIRE_IANA"))) {
            throw new AssertionError("PORTREG_REQUIRE_IANA=true but " + xml + " is missing");
        }
        Assumptions.assumeTrue(
                Files.isReadable(xml),
                "IANA's XML not found at " + xml.toAbsolutePath() + ": skipping");
        try {
            db.resetTo(xml.toString());
            List<Map<String, Integer>> gaps =
                    given().queryParam("from", 0)
                            .queryParam("to", 1023)
                            .queryParam("transport", "tcp")
                            .queryParam("transport", "udp")
                            .get("/api/v1/gaps")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("");
            assertEquals(48, gaps.size());
            assertEquals(282, gaps.stream().mapToInt(g -> g.get("size")).sum());
            Map<String, Integer> largest =
                    gaps.stream().max((a, b) -> a.get("size") - b.get("size")).orElseThrow();
            assertEquals(Map.of("from", 916, "to", 952, "size", 37), largest);
            given().get("/api/v1/ports/938")
                    .then()
                    .body("free", equalTo(true))
                    .body("gap.size", equalTo(37))
                    .body("policy.summary", equalTo("System port: IETF Review or IESG Approval"));
        } finally {
            db.resetTo(Path.of("src/test/resources/iana/sample.xml").toAbsolutePath().toString());
        }
    }
}
