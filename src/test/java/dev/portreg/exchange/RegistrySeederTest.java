package dev.portreg.exchange;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistryInfo;
import dev.portreg.registry.RegistryInfo.SourceFormat;
import dev.portreg.support.TestDb;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed order of an empty registry: the configured sources, else IANA's URL (short timeout),
 * else the copy of IANA's XML bundled in the app; /etc/services only when configured.
 */
@QuarkusTest
class RegistrySeederTest {

    /** SOURCE.md's sha256 of IANA's XML of 2026-08-17, the copy the app bundles. */
    private static final String BUNDLED_SHA256 =
            "4bbf00ef4dd194ea3098d090b42a832c0f8aef704699956a4a7e24576a49631b";

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

    private List<String> lastChange() {
        return db.rows("SELECT actor, kind, source FROM registry_change ORDER BY id DESC LIMIT 1")
                .get(0);
    }

    @Test
    void testsRunWithSeedingDisabledAndNeverReachIana() {
        assertEquals(Optional.of(List.of("none")), config.seed());
        assertEquals("none", config.seedUrl());
        empty();
        assertEquals(Optional.empty(), seeder.seedIfEmpty(config.seed().orElseThrow()));
        assertEquals(
                Optional.empty(),
                seeder.seedIfEmpty(List.of("none"), "http://127.0.0.1:9/never-asked.xml"),
                "none disables the URL and the bundled copy too");
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
                                        Fixtures.path("sample.xml")),
                                "none")
                        .orElseThrow();
        assertEquals("seed", r.kind());
        assertEquals(SourceFormat.ETC_SERVICES, r.format(), "the first that works wins");
        assertEquals(changes + 1, db.count("SELECT count(*) FROM registry_change"));
        assertEquals(List.of("system", "seed", Fixtures.path("services")), lastChange());
    }

    @Test
    void aDirectoryOfIanaVersionsSeedsTheirHistoryInDateOrder(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.write(
                dir.resolve("iana-2026-08-17.xml"), Fixtures.bytes("sample-modified.xml"));
        java.nio.file.Files.createDirectories(dir.resolve("history"));
        java.nio.file.Files.write(
                dir.resolve("history/iana-2026-01-23.csv"), Fixtures.bytes("quirks.csv"));
        java.nio.file.Files.writeString(dir.resolve("history/SOURCE.md"), "where they came from");
        empty();
        long before = db.count("SELECT coalesce(max(revision), 0) FROM registry_change");
        ImportResult r = seeder.seedIfEmpty(List.of(dir.toString()), "none").orElseThrow();
        assertEquals("import", r.kind(), "the newest came last");
        assertEquals(
                List.of(
                        List.of("seed", "iana-2026-01-23.csv", "2026-01-23"),
                        List.of("import", "iana-2026-08-17.xml", "2026-08-17")),
                db.rows(
                        "SELECT kind, source_name, effective_date::text FROM registry_change"
                                + " WHERE revision > ? ORDER BY revision",
                        before));
        assertEquals(1, registry.snapshot().byName("newsvc").size());
    }

    @Test
    void aConfiguredSourceComesBeforeIanasUrl() throws Exception {
        try (Served iana = Served.file(Fixtures.bytes("quirks.xml"))) {
            empty();
            ImportResult r =
                    seeder.seedIfEmpty(List.of(Fixtures.path("sample.xml")), iana.url())
                            .orElseThrow();
            assertEquals(Fixtures.path("sample.xml"), r.source());
            assertEquals(0, iana.requests(), "IANA's URL is not asked when a source works");
        }
    }

    @Test
    void ianaUrlComesNextWhenNoConfiguredSourceWorks() throws Exception {
        try (Served iana = Served.file(Fixtures.bytes("sample.xml"))) {
            empty();
            ImportResult r =
                    seeder.seedIfEmpty(List.of("/nonexistent/registry.xml"), iana.url())
                            .orElseThrow();
            assertEquals(iana.url(), r.source());
            assertEquals(1, iana.requests());
            assertEquals(69, registry.snapshot().entries().size());
        }
    }

    @Test
    void aSilentIanaGivesUpAfterTheShortTimeoutAndTheBundledCopySeeds() throws Exception {
        try (Silent iana = new Silent()) {
            empty();
            long start = System.nanoTime();
            ImportResult r = seeder.seedIfEmpty(List.of(), iana.url()).orElseThrow();
            long waited = (System.nanoTime() - start) / 1_000_000;
            assertTrue(
                    waited >= config.seedTimeout().toMillis(),
                    "waited for IANA: " + waited + " ms");
            assertEquals(3_000, config.seedTimeout().toMillis(), "a short timeout");
            assertTrue(iana.connections() > 0, "IANA's URL was tried first");
            assertBundled(r);
        }
        // The bundled registry is whole: 938 as IANA has it, not "Not listed" as a partial one.
        given().get("/api/v1/ports/938")
                .then()
                .statusCode(200)
                .body("free", equalTo(true))
                .body("transports.transport", equalTo(List.of("tcp", "udp", "sctp", "dccp")))
                .body("transports.status", everyItem(equalTo("unassigned")))
                .body("gap.from", equalTo(916))
                .body("gap.to", equalTo(952))
                .body("gap.size", equalTo(37))
                .body("policy.summary", equalTo("System port: IETF Review or IESG Approval"))
                .body("policy.policies", equalTo(List.of("ietf-review", "iesg-approval")))
                .body("registry.source", equalTo("IANA XML of 2026-08-17, bundled"))
                .body("registry.partial", equalTo(false));
    }

    @Test
    void withNothingConfiguredAndNoUrlTheBundledCopySeedsNotEtcServices() {
        empty();
        ImportResult r = seeder.seedIfEmpty(List.of(), "none").orElseThrow();
        assertBundled(r);
    }

    private void assertBundled(ImportResult r) {
        assertEquals("IANA XML of 2026-08-17, bundled", r.source());
        assertEquals(SourceFormat.IANA_XML, r.format());
        assertEquals(14_533, r.entries());
        RegistryInfo info = registry.snapshot().info().orElseThrow();
        assertEquals("IANA XML of 2026-08-17, bundled", info.source());
        assertFalse(info.partial(), "IANA's whole registry, not a partial one");
        assertEquals(LocalDate.of(2026, 8, 17), info.updated());
        assertEquals(List.of("system", "seed", "IANA XML of 2026-08-17, bundled"), lastChange());
    }

    @Test
    void etcServicesIsReadOnlyWhenConfigured() throws Exception {
        // Nothing the app ships lists it: not the default, not the dev profile.
        try (InputStream in =
                Thread.currentThread()
                        .getContextClassLoader()
                        .getResourceAsStream("application.properties")) {
            String props = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> seedLines =
                    props.lines()
                            .filter(l -> !l.startsWith("#") && l.contains("portreg.registry.seed"))
                            .toList();
            assertTrue(
                    seedLines.stream().noneMatch(l -> l.contains("/etc/services")),
                    seedLines.toString());
            assertTrue(
                    seedLines.stream().noneMatch(l -> l.contains("../shared")),
                    "the dev profile does not need ../shared: " + seedLines);
        }
        // Listed, it is read first, and labelled a partial registry.
        empty();
        ImportResult r =
                seeder.seedIfEmpty(List.of(Fixtures.path("services")), "none").orElseThrow();
        assertEquals(SourceFormat.ETC_SERVICES, r.format());
        assertTrue(registry.snapshot().info().orElseThrow().partial());
    }

    @Test
    void theBundledCopyIsIanasXmlOf20260817ByteForByte() throws Exception {
        byte[] xml;
        try (InputStream raw =
                        Thread.currentThread()
                                .getContextClassLoader()
                                .getResourceAsStream(RegistrySeeder.BUNDLED);
                InputStream in = new GZIPInputStream(raw)) {
            xml = in.readAllBytes();
        }
        assertEquals(
                BUNDLED_SHA256,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(xml)));
        assertEquals(
                "IANA XML of 2026-08-17, bundled",
                RegistrySeeder.bundledLabel(RegistrySeeder.bundled().info().updated()));
        assertEquals("IANA XML, bundled", RegistrySeeder.bundledLabel(null));
    }

    @Test
    void leavesANonEmptyRegistryAlone() {
        importer.importFrom(Fixtures.path("sample.xml"), "test");
        assertEquals(
                Optional.empty(), seeder.seedIfEmpty(List.of(Fixtures.path("services")), "none"));
        assertEquals(Optional.empty(), seeder.seedIfEmpty(List.of(), "none"));
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

    /** A stand-in for IANA's server that answers every GET with a file. */
    private static final class Served implements AutoCloseable {
        private final HttpServer server;
        private int requests;

        private Served(HttpServer server) {
            this.server = server;
        }

        static Served file(byte[] body) throws Exception {
            HttpServer server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            Served s = new Served(server);
            server.createContext(
                    "/",
                    exchange -> {
                        synchronized (s) {
                            s.requests++;
                        }
                        exchange.sendResponseHeaders(200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            server.start();
            return s;
        }

        String url() {
            return "http://127.0.0.1:"
                    + server.getAddress().getPort()
                    + "/service-names-port-numbers.xml";
        }

        synchronized int requests() {
            return requests;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A server that accepts connections and never answers, like a black-holed IANA. */
    private static final class Silent implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> accepted = new ArrayList<>();
        private final Thread acceptor;

        Silent() throws Exception {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            acceptor =
                    new Thread(
                            () -> {
                                try {
                                    while (true) {
                                        Socket s = socket.accept();
                                        synchronized (accepted) {
                                            accepted.add(s);
                                        }
                                    }
                                } catch (java.io.IOException e) {
                                    // closed
                                }
                            },
                            "silent-iana");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/service-names-port-numbers.xml";
        }

        int connections() {
            synchronized (accepted) {
                return accepted.size();
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }
}
