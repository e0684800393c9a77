package dev.portreg.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portreg.request.RequestFixtures;
import dev.portreg.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every API endpoint against every role: anonymous, requester, expert, IESG member, operator. Each
 * cell states the expected class of answer (2xx, 401, 403); the endpoint list is checked against
 * the OpenAPI document, so a new endpoint without a row fails this test.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final List<String> ROLES =
            List.of("anonymous", "requester", "expert", "iesg", "iana");
    private static final String ALL = "2xx 2xx 2xx 2xx 2xx";
    private static final String SIGNED_IN = "401 2xx 2xx 2xx 2xx";
    private static final String OPERATOR = "401 403 403 403 2xx";

    @Inject RequestFixtures fixtures;
    @Inject TestClock clock;

    private final Map<String, String> users = new LinkedHashMap<>();
    private String stranger;
    private String service;

    /** A target for one cell: the concrete path and body, given who calls. */
    private record Target(String path, Object body) {}

    private record Row(
            String method, String template, String expected, Function<String, Target> target) {}

    @BeforeEach
    void setUp() {
        fixtures.sampleRegistry();
        fixtures.noIesgMembers();
        users.put("requester", fixtures.account());
        users.put("expert", fixtures.account("expert"));
        users.put("iesg", fixtures.account("iesg"));
        users.put("iana", fixtures.account("iana"));
        stranger = fixtures.account();
        // A completed assignment of the stranger's, for revocations to target.
        service = RequestFixtures.name();
        int id = create(stranger, RequestFixtures.request(service, "40020", null, "tcp"));
        call(stranger, "POST", "/api/v1/requests/" + id + "/submit", null, 200);
        call(
                users.get("expert"),
                "POST",
                "/api/v1/requests/" + id + "/review",
                Map.of("decision", "approve"),
                200);
        call(fixtures.account("iana"), "POST", "/api/v1/requests/" + id + "/complete", null, 200);
    }

    @AfterEach
    void time() {
        clock.reset();
    }

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        get(rows, "/api/v1/ping", "/api/v1/ping");
        get(rows, "/api/v1/registry", "/api/v1/registry");
        get(rows, "/api/v1/ports/{port}", "/api/v1/ports/938");
        get(rows, "/api/v1/ports/{port}/nearest-free", "/api/v1/ports/938/nearest-free");
        get(rows, "/api/v1/ports/{port}/history", "/api/v1/ports/938/history");
        get(rows, "/api/v1/gaps", "/api/v1/gaps");
        get(rows, "/api/v1/services/{name}", "/api/v1/services/http");
        get(rows, "/api/v1/services/{name}/history", "/api/v1/services/http/history");
        get(rows, "/api/v1/search", "/api/v1/search?q=http");
        get(rows, "/api/v1/entries", "/api/v1/entries");
        get(rows, "/api/v1/stats", "/api/v1/stats");
        get(rows, "/api/v1/history", "/api/v1/history");
        get(rows, "/api/v1/registry/export", "/api/v1/registry/export?format=csv");
        get(rows, "/api/v1/registry/changes", "/api/v1/registry/changes?since=2026-01-01");
        get(rows, "/api/v1/ports/{port}/timeline", "/api/v1/ports/938/timeline");
        rows.add(
                row(
                        "GET",
                        "/api/v1/history/{id}",
                        ALL,
                        u -> new Target("/api/v1/history/" + latestChange(), null)));
        rows.add(
                row(
                        "POST",
                        "/api/v1/registry/import",
                        OPERATOR,
                        u -> new Target("/api/v1/registry/import?dryRun=true", sampleXml())));
        rows.add(
                row(
                        "POST",
                        "/api/v1/registry/fixes",
                        OPERATOR,
                        u ->
                                new Target(
                                        "/api/v1/registry/fixes",
                                        Map.of(
                                                "key",
                                                "rndc/953/tcp",
                                                "reason",
                                                "matrix",
                                                "notes",
                                                "fixed by " + u))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/registry/import/series",
                        OPERATOR,
                        u ->
                                new Target(
                                        "/api/v1/registry/import/series",
                                        new Zip(zip("sample.xml", sampleXml())))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/accounts",
                        ALL,
                        u ->
                                new Target(
                                        "/api/v1/accounts",
                                        Map.of(
                                                "username",
                                                "t-m" + Long.toHexString(System.nanoTime()),
                                                "password",
                                                RequestFixtures.PASSWORD,
                                                "name",
                                                "Matrix",
                                                "email",
                                                "matrix@example.org"))));
        rows.add(
                row(
                        "GET",
                        "/api/v1/accounts/me",
                        SIGNED_IN,
                        u -> new Target("/api/v1/accounts/me", null)));
        rows.add(
                row(
                        "GET",
                        "/api/v1/accounts",
                        OPERATOR,
                        u -> new Target("/api/v1/accounts", null)));
        rows.add(
                row(
                        "GET",
                        "/api/v1/accounts/{username}",
                        OPERATOR,
                        u -> new Target("/api/v1/accounts/" + stranger, null)));
        rows.add(
                row(
                        "PUT",
                        "/api/v1/accounts/{username}/roles",
                        OPERATOR,
                        u ->
                                new Target(
                                        "/api/v1/accounts/" + fixtures.account() + "/roles",
                                        List.of("expert"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests",
                        SIGNED_IN,
                        u ->
                                new Target(
                                        "/api/v1/requests",
                                        RequestFixtures.request(
                                                RequestFixtures.name(),
                                                "938",
                                                "iesg-approval",
                                                "tcp"))));
        rows.add(
                row(
                        "GET",
                        "/api/v1/requests",
                        SIGNED_IN,
                        u -> new Target("/api/v1/requests", null)));
        rows.add(
                row(
                        "GET",
                        "/api/v1/requests/{id}",
                        SIGNED_IN,
                        u ->
                                new Target(
                                        "/api/v1/requests/" + submitted(stranger, "40030", null),
                                        null)));
        // The requester's own actions: every signed-in account acts on its own request.
        rows.add(
                row(
                        "PUT",
                        "/api/v1/requests/{id}",
                        SIGNED_IN,
                        u ->
                                new Target(
                                        "/api/v1/requests/" + draft(u, "40031"),
                                        RequestFixtures.request(
                                                RequestFixtures.name(), "40031", null, "tcp"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/submit",
                        SIGNED_IN,
                        u ->
                                new Target(
                                        "/api/v1/requests/" + draft(u, "40032") + "/submit",
                                        null)));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/withdraw",
                        SIGNED_IN,
                        u ->
                                new Target(
                                        "/api/v1/requests/" + draft(u, "40033") + "/withdraw",
                                        Map.of())));
        // Reviewers' actions on someone else's request.
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/review",
                        "401 403 2xx 403 403",
                        u ->
                                new Target(
                                        "/api/v1/requests/"
                                                + submitted(stranger, "40034", null)
                                                + "/review",
                                        Map.of("decision", "approve"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/ballot",
                        "401 403 403 2xx 403",
                        u ->
                                new Target(
                                        "/api/v1/requests/"
                                                + submitted(stranger, "940", "iesg-approval")
                                                + "/ballot",
                                        Map.of("position", "no-objection"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/complete",
                        OPERATOR,
                        u ->
                                new Target(
                                        "/api/v1/requests/"
                                                + approved(stranger, "40035")
                                                + "/complete",
                                        null)));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/end-call",
                        OPERATOR,
                        u -> new Target("/api/v1/requests/" + callOver() + "/end-call", null)));
        rows.add(
                row(
                        "GET",
                        "/api/v1/queues/{role}",
                        "401 403 2xx 403 403",
                        u -> new Target("/api/v1/queues/expert", null)));
        return rows;
    }

    private static void get(List<Row> rows, String template, String path) {
        rows.add(row("GET", template, ALL, u -> new Target(path, null)));
    }

    private static Row row(
            String method, String template, String expected, Function<String, Target> t) {
        return new Row(method, template, expected, t);
    }

    @Test
    void everyEndpointAnswersEachRoleAsExpected() {
        List<String> wrong = new ArrayList<>();
        for (Row row : rows()) {
            String[] expected = row.expected().split(" ");
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                String user = users.get(role);
                Target t = row.target().apply(user != null ? user : users.get("requester"));
                Response response = send(user, row.method(), t.path(), t.body());
                int status = response.statusCode();
                String got = status >= 200 && status < 300 ? "2xx" : Integer.toString(status);
                if (!got.equals(expected[i])) {
                    wrong.add(
                            row.method()
                                    + " "
                                    + row.template()
                                    + " as "
                                    + role
                                    + ": expected "
                                    + expected[i]
                                    + ", got "
                                    + status
                                    + " "
                                    + response.asString());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyApiEndpointHasARow() {
        Map<String, Map<String, Object>> paths =
                given().get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("paths");
        TreeSet<String> documented = new TreeSet<>();
        paths.forEach(
                (path, ops) ->
                        ops.keySet()
                                .forEach(
                                        m -> {
                                            String method = m.toUpperCase();
                                            if (List.of("GET", "POST", "PUT", "DELETE", "PATCH")
                                                    .contains(method)) {
                                                documented.add(method + " " + path);
                                            }
                                        }));
        TreeSet<String> covered = new TreeSet<>();
        for (Row r : rows()) {
            covered.add(r.method() + " " + r.template());
        }
        assertEquals(documented, covered);
    }

    // --- targets -------------------------------------------------------------------------------

    private static byte[] sampleXml() {
        try (var in = AuthorizationMatrixTest.class.getResourceAsStream("/iana/sample.xml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long latestChange() {
        Number id = given().get("/api/v1/history?size=1").then().extract().path("items[0].id");
        return id.longValue();
    }

    private int draft(String owner, String port) {
        return create(owner, RequestFixtures.request(RequestFixtures.name(), port, null, "tcp"));
    }

    private int submitted(String owner, String port, String track) {
        int id = create(owner, RequestFixtures.request(RequestFixtures.name(), port, track, "tcp"));
        call(owner, "POST", "/api/v1/requests/" + id + "/submit", null, 200);
        return id;
    }

    private int approved(String owner, String port) {
        int id = submitted(owner, port, null);
        call(
                users.get("expert"),
                "POST",
                "/api/v1/requests/" + id + "/review",
                Map.of("decision", "approve"),
                200);
        return id;
    }

    /** A revocation of the stranger's assignment whose four-week call is over. */
    private int callOver() {
        String starter = fixtures.account("iana");
        int id =
                create(
                        starter,
                        Map.of("kind", "revoke", "targetService", service, "notes", "Unused"));
        call(starter, "POST", "/api/v1/requests/" + id + "/submit", null, 200);
        clock.advance(Duration.ofDays(29));
        return id;
    }

    private int create(String owner, Object body) {
        return send(owner, "POST", "/api/v1/requests", body)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private void call(String user, String method, String path, Object body, int status) {
        send(user, method, path, body).then().statusCode(status);
    }

    /** A zip archive to send as the body. */
    private record Zip(byte[] bytes) {}

    private static byte[] zip(String name, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
            z.putNextEntry(new java.util.zip.ZipEntry(name));
            z.write(content);
            z.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Response send(String user, String method, String path, Object body) {
        RequestSpecification spec =
                given().contentType(
                                body instanceof Zip
                                        ? "application/zip"
                                        : body instanceof byte[]
                                                ? "application/xml"
                                                : "application/json");
        if (user != null) {
            spec = spec.auth().preemptive().basic(user, RequestFixtures.PASSWORD);
        }
        if (body instanceof Zip zip) {
            spec = spec.body(zip.bytes());
        } else if (body instanceof byte[] bytes) {
            spec = spec.body(bytes);
        } else if (body != null) {
            spec = spec.body(body);
        }
        return spec.request(method, path);
    }
}
