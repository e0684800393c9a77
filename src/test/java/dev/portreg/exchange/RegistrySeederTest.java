package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import dev.portreg.support.TestDb;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RegistrySeederTest {

    @Inject RegistrySeeder seeder;
    @Inject RegistryImporter importer;
    @Inject Registry registry;
    @Inject TestDb db;
    @Inject SeedConfig config;

    @TestHTTPResource("/api/v1/registry/export")
    URL export;

    @AfterEach
    void leaveTheSample() {
        db.resetTo(Fixtures.path("sample.xml"));
    }

    private void empty() {
        db.clearRegistry();
    }

    @Test
    void testsRunWithSeedingDisabled() {
        assertEquals(List.of("none"), config.seed());
        empty();
        assertEquals(Optional.empty(), seeder.seedIfEmpty(config.seed()));
        assertEquals(0, db.count("SELECT count(*) FROM registry_entry"));
    }

    @Test
    void triesEachSourceInOrderAndImportsTheFirstThatWorks() {
        empty();
        long changes = db.count("SELECT count(*) FROM registry_change");
        ImportResult r =
                seeder.seedIfEmpty(
                                List.of(
                                        "/nonexistent/service-names-port-numbers.xml",
                                        "http://127.0.0.1:9/unreachable.xml",
                                        export + "?format=nope",
                                        Fixtures.path("bad-port.xml"),
                                        Fixtures.path("services"),
                                        Fixtures.path("sample.xml")))
                        .orElseThrow();
        assertEquals("seed", r.kind());
        assertEquals(SourceFormat.ETC_SERVICES, r.format(), "the first that works wins");
        assertEquals(changes + 1, db.count("SELECT count(*) FROM registry_change"));
        assertEquals(
                List.of(List.of("system", "seed", Fixtures.path("services"))),
                db.rows(
                        "SELECT actor, kind, source FROM registry_change ORDER BY id DESC LIMIT 1"));
    }

    @Test
    void leavesANonEmptyRegistryAlone() {
        importer.importFrom(Fixtures.path("sample.xml"), "test");
        assertEquals(Optional.empty(), seeder.seedIfEmpty(List.of(Fixtures.path("services"))));
        assertEquals(69, registry.snapshot().entries().size());
    }

    @Test
    void importsFromAnHttpUrlAndNamesAFailedOne() {
        importer.importFrom(Fixtures.path("quirks.xml"), "test");
        ImportResult r = importer.importFrom(export + "?format=xml", "tester");
        assertEquals(SourceFormat.IANA_XML, r.format());
        assertTrue(r.unchanged(), "the app's own export re-imports with no change");
        ImportException ex =
                assertThrows(
                        ImportException.class,
                        () -> importer.importFrom(export + "?format=nope", "tester"));
        assertEquals("GET " + export + "?format=nope answered HTTP 400", ex.getMessage());
        ImportException refused =
                assertThrows(
                        ImportException.class,
                        () -> importer.importFrom("http://127.0.0.1:9/registry.xml", "tester"));
        assertEquals(
                "cannot fetch http://127.0.0.1:9/registry.xml: connection refused",
                refused.getMessage());
    }
}
