package dev.portreg.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.portreg.request.RequestFixtures;
import dev.portreg.support.FormSession;
import dev.portreg.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every API endpoint and every page route against every kind of visitor: anonymous, the requester
 * whose request it is, another requester, a designated expert, an IESG member and an operator. Each
 * cell states the expected answer (2xx, or the exact status); the API list is checked against the
 * OpenAPI document and the page list against the JAX-RS resources, so a new endpoint or page
 * without a row fails this test.
 *
 * <p>The requests under test belong to "requester": an Expert Review request (visible to its
 * requester, experts and operators), an IESG Approval one (its requester, the IESG and operators).
 */
@QuarkusTest
class AuthorizationMatrixTest {

    private static final List<String> ROLES =
            List.of("anonymous", "requester", "other", "expert", "iesg", "iana");
    private static final String ALL = "2xx 2xx 2xx 2xx 2xx 2xx";
    private static final String SIGNED_IN = "401 2xx 2xx 2xx 2xx 2xx";
    private static final String OPERATOR = "401 403 403 403 403 2xx";
    private static final String OWN_OR_OPERATOR = "401 2xx 403 403 403 2xx";
    private static final String PAGE_SIGNED_IN = "302 2xx 2xx 2xx 2xx 2xx";
    private static final String PAGE_OPERATOR = "302 403 403 403 403 2xx";

    @Inject RequestFixtures fixtures;
    @Inject TestClock clock;

    private final Map<String, String> users = new LinkedHashMap<>();
    private final Map<String, FormSession> sessions = new HashMap<>();
    private String stranger;
    private String service;

    /** A target for one cell: the concrete path and body, given who calls. */
    private record Target(String path, Object body) {}

    private record Row(
            String method, String template, String expected, Function<String, Target> target) {}

    @BeforeEach
    void setUp() {
        fixtures.sampleRegistry();
        users.put("requester", fixtures.account());
        users.put("other", fixtures.account());
        users.put("expert", fixtures.account("expert"));
        users.put("iesg", fixtures.iesgMember());
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
        fixtures.retireIesg();
    }

    private String requester() {
        return users.get("requester");
    }

    // --- the API -------------------------------------------------------------------------------

    private List<Row> apiRows() {
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
                        u -> new Target("/api/v1/accounts", newAccount())));
        rows.add(
                row(
                        "GET",
                        "/api/v1/accounts/me",
                        SIGNED_IN,
                        u -> new Target("/api/v1/accounts/me", null)));
        // A wrong current password: every signed-in caller reaches the check (400).
        rows.add(
                row(
                        "PUT",
                        "/api/v1/accounts/me/password",
                        "401 400 400 400 400 400",
                        u ->
                                new Target(
                                        "/api/v1/accounts/me/password",
                                        Map.of(
                                                "currentPassword", "not the password",
                                                "newPassword", "Velvet otter canyon 58"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/accounts/me/tokens",
                        SIGNED_IN,
                        u ->
                                new Target(
                                        "/api/v1/accounts/me/tokens",
                                        Map.of("name", "matrix", "expiresInDays", 1))));
        rows.add(
                row(
                        "GET",
                        "/api/v1/accounts/me/tokens",
                        SIGNED_IN,
                        u -> new Target("/api/v1/accounts/me/tokens", null)));
        rows.add(
                row(
                        "DELETE",
                        "/api/v1/accounts/me/tokens/{id}",
                        SIGNED_IN,
                        u -> new Target("/api/v1/accounts/me/tokens/" + tokenOf(u), null)));
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
                        OWN_OR_OPERATOR,
                        u -> new Target("/api/v1/accounts/" + requester(), null)));
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
                        "GET",
                        "/api/v1/accounts/{username}/people",
                        OWN_OR_OPERATOR,
                        u -> new Target("/api/v1/accounts/" + requester() + "/people", null)));
        rows.add(
                row(
                        "PUT",
                        "/api/v1/accounts/{username}/people/{person}",
                        OPERATOR,
                        u ->
                                new Target(
                                        "/api/v1/accounts/"
                                                + fixtures.account()
                                                + "/people/Jon_Postel",
                                        null)));
        rows.add(
                row(
                        "DELETE",
                        "/api/v1/accounts/{username}/people/{person}",
                        OPERATOR,
                        u ->
                                new Target(
                                        "/api/v1/accounts/" + linked() + "/people/Jon_Postel",
                                        null)));
        rows.add(row("GET", "/api/v1/audit", OPERATOR, u -> new Target("/api/v1/audit", null)));
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
        // Seen by its requester, its track's reviewers and operators; 404 for anyone else.
        rows.add(
                row(
                        "GET",
                        "/api/v1/requests/{id}",
                        "401 2xx 404 2xx 404 2xx",
                        u -> new Target("/api/v1/requests/" + submitted("40030", null), null)));
        rows.add(
                row(
                        "GET",
                        "/api/v1/requests/{id}",
                        "401 2xx 404 404 2xx 2xx",
                        u ->
                                new Target(
                                        "/api/v1/requests/" + submitted("939", "iesg-approval"),
                                        null)));
        // The requester's own actions: every signed-in account acts on its own draft.
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
        // Reviewers' actions on the requester's request.
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/review",
                        "401 403 404 2xx 404 403",
                        u ->
                                new Target(
                                        "/api/v1/requests/" + submitted("40034", null) + "/review",
                                        Map.of("decision", "approve"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/ballot",
                        "401 403 404 404 2xx 403",
                        u ->
                                new Target(
                                        "/api/v1/requests/"
                                                + submitted("940", "iesg-approval")
                                                + "/ballot",
                                        Map.of("position", "no-objection"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/complete",
                        "401 403 404 403 404 2xx",
                        u ->
                                new Target(
                                        "/api/v1/requests/" + approved("40035") + "/complete",
                                        null)));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/take",
                        "401 403 404 2xx 404 403",
                        u ->
                                new Target(
                                        "/api/v1/requests/" + submitted("40036", null) + "/take",
                                        null)));
        // Anyone who sees an open request may reply on it.
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/replies",
                        "401 2xx 404 2xx 404 2xx",
                        u ->
                                new Target(
                                        "/api/v1/requests/" + submitted("40037", null) + "/replies",
                                        Map.of("comment", "A question"))));
        rows.add(
                row(
                        "POST",
                        "/api/v1/requests/{id}/end-call",
                        "401 404 404 404 403 2xx",
                        u -> new Target("/api/v1/requests/" + callOver() + "/end-call", null)));
        rows.add(
                row(
                        "GET",
                        "/api/v1/queues/{role}",
                        "401 403 403 2xx 403 403",
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
    void everyEndpointAnswersEachVisitorAsExpected() {
        List<String> wrong = new ArrayList<>();
        for (Row row : apiRows()) {
            String[] expected = row.expected().split(" ");
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                String user = users.get(role);
                Target t = row.target().apply(user != null ? user : requester());
                Response response = send(user, row.method(), t.path(), t.body());
                check(wrong, row, role, expected[i], response);
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
        for (Row r : apiRows()) {
            covered.add(r.method() + " " + r.template());
        }
        assertEquals(documented, covered);
    }

    // --- the pages -----------------------------------------------------------------------------

    private List<Row> pageRows() {
        List<Row> rows = new ArrayList<>();
        for (String path :
                List.of(
                        "/",
                        "/search?q=zz-no-such-name",
                        "/registry",
                        "/gaps",
                        "/about",
                        "/changes",
                        "/changes.atom",
                        "/login",
                        "/register",
                        "/logout",
                        "/password-reset",
                        "/problems")) {
            String template = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            rows.add(row("GET", template, ALL, u -> new Target(path, null)));
        }
        rows.add(row("GET", "/ports/{port}", ALL, u -> new Target("/ports/938", null)));
        rows.add(row("GET", "/services/{name}", ALL, u -> new Target("/services/http", null)));
        rows.add(
                row(
                        "GET",
                        "/changes/{id}",
                        ALL,
                        u -> new Target("/changes/" + latestChange(), null)));
        // Links that are not good any more: the same answer for everyone.
        rows.add(
                row(
                        "GET",
                        "/password-reset/{token}",
                        "410 410 410 410 410 410",
                        u -> new Target("/password-reset/" + "A".repeat(43), null)));
        rows.add(
                row(
                        "GET",
                        "/account/verify/{token}",
                        "410 410 410 410 410 410",
                        u -> new Target("/account/verify/" + "A".repeat(43), null)));
        rows.add(row("GET", "/account", PAGE_SIGNED_IN, u -> new Target("/account", null)));
        rows.add(
                row(
                        "GET",
                        "/account/password",
                        PAGE_SIGNED_IN,
                        u -> new Target("/account/password", null)));
        rows.add(row("GET", "/requests", PAGE_SIGNED_IN, u -> new Target("/requests", null)));
        rows.add(
                row(
                        "GET",
                        "/requests/new",
                        PAGE_SIGNED_IN,
                        u -> new Target("/requests/new", null)));
        // The ways to change a service one holds: an empty list for anyone else, anonymous too
        // (the port and service pages ask for every visitor).
        rows.add(
                row(
                        "GET",
                        "/requests/changes-for",
                        ALL,
                        u -> new Target("/requests/changes-for?service=ssh", null)));
        rows.add(
                row(
                        "GET",
                        "/requests/{id}",
                        "302 2xx 404 2xx 404 2xx",
                        u -> new Target("/requests/" + submitted("40040", null), null)));
        rows.add(
                row(
                        "GET",
                        "/requests/{id}",
                        "302 2xx 404 404 2xx 2xx",
                        u -> new Target("/requests/" + submitted("941", "iesg-approval"), null)));
        rows.add(
                row(
                        "GET",
                        "/requests/{id}/edit",
                        PAGE_SIGNED_IN,
                        u -> new Target("/requests/" + draft(u, "40041") + "/edit", null)));
        // The first queue one holds; none for requesters.
        rows.add(
                row("GET", "/queues", "302 403 403 303 303 303", u -> new Target("/queues", null)));
        rows.add(
                row(
                        "GET",
                        "/queues/{role}",
                        "302 403 403 2xx 403 403",
                        u -> new Target("/queues/expert", null)));
        rows.add(
                row(
                        "GET",
                        "/admin/accounts",
                        PAGE_OPERATOR,
                        u -> new Target("/admin/accounts", null)));
        rows.add(row("GET", "/admin/audit", PAGE_OPERATOR, u -> new Target("/admin/audit", null)));
        rows.add(
                row("GET", "/admin/import", PAGE_OPERATOR, u -> new Target("/admin/import", null)));
        rows.add(
                row(
                        "GET",
                        "/admin/import/{token}",
                        PAGE_OPERATOR,
                        u -> new Target(importPreview(), null)));

        // Forms. Public ones first.
        rows.add(
                row(
                        "POST",
                        "/login",
                        "303 303 303 303 303 303",
                        u ->
                                new Target(
                                        "/login",
                                        Map.of(
                                                "username",
                                                u,
                                                "password",
                                                RequestFixtures.PASSWORD,
                                                FRESH,
                                                "yes"))));
        rows.add(
                row(
                        "POST",
                        "/logout",
                        "303 303 303 303 303 303",
                        u -> new Target("/logout", Map.of(FRESH, "signed-in"))));
        rows.add(
                row(
                        "POST",
                        "/register",
                        "303 303 303 303 303 303",
                        u -> new Target("/register", registration())));
        rows.add(
                row(
                        "POST",
                        "/password-reset",
                        ALL,
                        u ->
                                new Target(
                                        "/password-reset",
                                        Map.of("account", "nobody@example.org"))));
        rows.add(
                row(
                        "POST",
                        "/password-reset/{token}",
                        "410 410 410 410 410 410",
                        u ->
                                new Target(
                                        "/password-reset/" + "A".repeat(43),
                                        Map.of(
                                                "password",
                                                "Velvet otter canyon 58",
                                                "confirm",
                                                "Velvet otter canyon 58"))));
        rows.add(
                row(
                        "POST",
                        "/account/verify/{token}",
                        "410 410 410 410 410 410",
                        u -> new Target("/account/verify/" + "A".repeat(43), Map.of())));
        // Signed in: every account acts on its own account.
        rows.add(
                row(
                        "POST",
                        "/account/verification",
                        "302 409 409 409 409 409",
                        u -> new Target("/account/verification", Map.of())));
        rows.add(
                row(
                        "POST",
                        "/account/password",
                        "302 422 422 422 422 422",
                        u ->
                                new Target(
                                        "/account/password",
                                        Map.of(
                                                "currentPassword", "not the password",
                                                "newPassword", "Velvet otter canyon 58",
                                                "confirm", "Velvet otter canyon 58"))));
        rows.add(
                row(
                        "POST",
                        "/account/tokens",
                        PAGE_SIGNED_IN,
                        u ->
                                new Target(
                                        "/account/tokens",
                                        Map.of("name", "matrix", "expiresInDays", "1"))));
        rows.add(
                row(
                        "POST",
                        "/account/tokens/{id}/revoke",
                        "302 303 303 303 303 303",
                        u -> new Target("/account/tokens/" + tokenOf(u) + "/revoke", Map.of())));
        rows.add(
                row(
                        "POST",
                        "/requests",
                        "302 303 303 303 303 303",
                        u -> new Target("/requests", form(RequestFixtures.name(), "40043"))));
        rows.add(
                row(
                        "POST",
                        "/requests/check",
                        PAGE_SIGNED_IN,
                        u -> new Target("/requests/check", form(RequestFixtures.name(), "40044"))));
        rows.add(
                row(
                        "POST",
                        "/requests/assessment",
                        PAGE_SIGNED_IN,
                        u ->
                                new Target(
                                        "/requests/assessment",
                                        form(RequestFixtures.name(), "40045"))));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/edit",
                        "302 303 303 303 303 303",
                        u ->
                                new Target(
                                        "/requests/" + draft(u, "40046") + "/edit",
                                        form(RequestFixtures.name(), "40046"))));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/submit",
                        "302 303 303 303 303 303",
                        u -> new Target("/requests/" + draft(u, "40047") + "/submit", Map.of())));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/withdraw",
                        "302 303 303 303 303 303",
                        u -> new Target("/requests/" + draft(u, "40048") + "/withdraw", Map.of())));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/review",
                        "302 403 404 303 404 403",
                        u ->
                                new Target(
                                        "/requests/" + submitted("40049", null) + "/review",
                                        Map.of("decision", "approve"))));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/ballot",
                        "302 403 404 404 303 403",
                        u ->
                                new Target(
                                        "/requests/"
                                                + submitted("942", "iesg-approval")
                                                + "/ballot",
                                        Map.of("position", "no-objection"))));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/complete",
                        "302 403 404 403 404 303",
                        u -> new Target("/requests/" + approved("40051") + "/complete", Map.of())));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/take",
                        "302 403 404 303 404 403",
                        u ->
                                new Target(
                                        "/requests/" + submitted("40052", null) + "/take",
                                        Map.of())));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/reply",
                        "302 303 404 303 404 303",
                        u ->
                                new Target(
                                        "/requests/" + submitted("40053", null) + "/reply",
                                        Map.of("comment", "A question"))));
        rows.add(
                row(
                        "POST",
                        "/requests/{id}/end-call",
                        "302 404 404 404 403 303",
                        u -> new Target("/requests/" + callOver() + "/end-call", Map.of())));
        // Operators' forms.
        rows.add(
                row(
                        "POST",
                        "/admin/accounts/{username}/roles",
                        "302 403 403 403 403 303",
                        u ->
                                new Target(
                                        "/admin/accounts/" + fixtures.account() + "/roles",
                                        Map.of("role", "expert"))));
        rows.add(
                row(
                        "POST",
                        "/admin/accounts/{username}/people",
                        "302 403 403 403 403 303",
                        u ->
                                new Target(
                                        "/admin/accounts/" + fixtures.account() + "/people",
                                        Map.of("person", "Jon_Postel"))));
        rows.add(
                row(
                        "POST",
                        "/admin/import",
                        "302 403 403 403 403 303",
                        u -> new Target("/admin/import", Map.of(UPLOAD, "requests.xml"))));
        rows.add(
                row(
                        "POST",
                        "/admin/import/{token}/apply",
                        "302 403 403 403 403 303",
                        u -> new Target(importPreview() + "/apply", Map.of())));
        return rows;
    }

    /** Marks a form that needs a session of its own (signing in or out changes the session). */
    private static final String FRESH = "__fresh";

    /** Marks the import form: a multipart upload of this test file. */
    private static final String UPLOAD = "__upload";

    @Test
    void everyPageAnswersEachVisitorAsExpected() {
        for (String role : ROLES) {
            String user = users.get(role);
            sessions.put(
                    role,
                    user == null
                            ? anonymous()
                            : FormSession.signedIn(user, RequestFixtures.PASSWORD));
        }
        List<String> wrong = new ArrayList<>();
        for (Row row : pageRows()) {
            String[] expected = row.expected().split(" ");
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                String user = users.get(role);
                Target t = row.target().apply(user != null ? user : requester());
                Response response = page(role, row.method(), t);
                check(wrong, row, role, expected[i], response);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyPageRouteHasARow() throws IOException {
        TreeSet<String> routes = new TreeSet<>();
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("dev/portreg"))) {
            for (java.nio.file.Path f :
                    files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name =
                        classes.relativize(f).toString().replace('/', '.').replace(".class", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, getClass().getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path base = type.getAnnotation(Path.class);
                if (base == null || base.value().startsWith("/api")) {
                    continue;
                }
                for (Method m : type.getDeclaredMethods()) {
                    String verb =
                            m.isAnnotationPresent(GET.class)
                                    ? "GET"
                                    : m.isAnnotationPresent(POST.class)
                                            ? "POST"
                                            : m.isAnnotationPresent(PUT.class)
                                                    ? "PUT"
                                                    : m.isAnnotationPresent(DELETE.class)
                                                            ? "DELETE"
                                                            : null;
                    if (verb == null) {
                        continue;
                    }
                    Path sub = m.getAnnotation(Path.class);
                    String path =
                            ("/" + base.value() + "/" + (sub == null ? "" : sub.value()))
                                    .replaceAll("/+", "/");
                    if (path.length() > 1 && path.endsWith("/")) {
                        path = path.substring(0, path.length() - 1);
                    }
                    routes.add(verb + " " + path.replaceAll("\\{([a-z]+):[^}]*}", "{$1}"));
                }
            }
        }
        TreeSet<String> covered = new TreeSet<>();
        for (Row r : pageRows()) {
            covered.add(r.method() + " " + r.template());
        }
        assertEquals(routes, covered);
    }

    private static FormSession anonymous() {
        FormSession s = new FormSession();
        s.get("/register");
        return s;
    }

    private Response page(String role, String method, Target t) {
        FormSession s = sessions.get(role);
        if ("GET".equals(method)) {
            return s.request().get(t.path());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> form = new HashMap<>((Map<String, Object>) t.body());
        if (form.remove(FRESH) != null) {
            // Signing in or out must not change the session the other rows use.
            String user = users.get(role);
            s =
                    user == null || "/login".equals(t.path())
                            ? anonymous()
                            : FormSession.signedIn(user, RequestFixtures.PASSWORD);
            s.get("/register");
        }
        if (s.token() == null) {
            s.get("/register");
        }
        Object upload = form.remove(UPLOAD);
        RequestSpecification spec = s.request();
        if (upload != null) {
            spec =
                    spec.multiPart("csrf-token", s.token())
                            .multiPart(
                                    "file",
                                    (String) upload,
                                    fileBytes("/iana/" + upload),
                                    "application/xml")
                            .multiPart("url", "");
            return spec.post(t.path());
        }
        spec = spec.contentType(ContentType.URLENC).formParam("csrf-token", s.token());
        for (Map.Entry<String, Object> e : form.entrySet()) {
            if (e.getValue() instanceof List<?> list) {
                spec = spec.formParam(e.getKey(), list.toArray());
            } else {
                spec = spec.formParam(e.getKey(), e.getValue());
            }
        }
        return spec.post(t.path());
    }

    private static void check(
            List<String> wrong, Row row, String role, String expected, Response r) {
        int status = r.statusCode();
        String got = status >= 200 && status < 300 ? "2xx" : Integer.toString(status);
        if (!got.equals(expected)) {
            String body = r.asString();
            wrong.add(
                    row.method()
                            + " "
                            + row.template()
                            + " as "
                            + role
                            + ": expected "
                            + expected
                            + ", got "
                            + status
                            + " "
                            + (body.length() > 300 ? body.substring(0, 300) : body));
        }
    }

    // --- targets -------------------------------------------------------------------------------

    private static byte[] fileBytes(String resource) {
        try (var in = AuthorizationMatrixTest.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] sampleXml() {
        return fileBytes("/iana/sample.xml");
    }

    private static Map<String, Object> newAccount() {
        return Map.of(
                "username",
                "t-m" + Long.toHexString(System.nanoTime()),
                "password",
                RequestFixtures.PASSWORD,
                "name",
                "Matrix",
                "email",
                "matrix@example.org");
    }

    private static Map<String, Object> registration() {
        String u = "t-r" + Long.toHexString(System.nanoTime());
        return Map.of(
                "username",
                u,
                "name",
                "Matrix",
                "email",
                "matrix@example.org",
                "password",
                RequestFixtures.PASSWORD,
                "confirm",
                RequestFixtures.PASSWORD);
    }

    private static Map<String, Object> form(String name, String port) {
        Map<String, Object> f = new HashMap<>();
        f.put("kind", "new-assignment");
        f.put("serviceName", name);
        f.put("portChoice", "port");
        f.put("port", port);
        f.put("transports", List.of("tcp"));
        f.put("description", "Frobnication protocol");
        f.put("assigneeName", "Ann Example");
        f.put("assigneeEmail", "ann@example.org");
        f.put("contactName", "Ann Example");
        f.put("contactEmail", "ann@example.org");
        f.put("reference", "draft-example-frob-01");
        f.put("castStatement", "No broadcast, multicast or anycast.");
        f.put("justification", "Clients behind firewalls need a fixed port.");
        return f;
    }

    private long latestChange() {
        Number id = given().get("/api/v1/history?size=1").then().extract().path("items[0].id");
        return id.longValue();
    }

    /** A token of the caller's own, to revoke. */
    private long tokenOf(String user) {
        Number id =
                send(
                                user,
                                "POST",
                                "/api/v1/accounts/me/tokens",
                                Map.of("name", "to revoke", "expiresInDays", 1))
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id");
        return id.longValue();
    }

    /** An account an operator linked to Jon_Postel. */
    private String linked() {
        String account = fixtures.account();
        call(
                users.get("iana"),
                "PUT",
                "/api/v1/accounts/" + account + "/people/Jon_Postel",
                null,
                200);
        return account;
    }

    /** The address of a waiting import the "iana" visitor made (uploading what is there). */
    private String importPreview() {
        FormSession s =
                sessions.computeIfAbsent(
                        "iana-import",
                        k -> FormSession.signedIn(users.get("iana"), RequestFixtures.PASSWORD));
        s.get("/admin/import");
        Response r =
                s.request()
                        .multiPart("csrf-token", s.token())
                        .multiPart(
                                "file",
                                "requests.xml",
                                fileBytes("/iana/requests.xml"),
                                "application/xml")
                        .multiPart("url", "")
                        .post("/admin/import");
        assertEquals(303, r.statusCode(), r.asString());
        String location = r.header("Location");
        assertNotNull(location);
        return location;
    }

    private int draft(String owner, String port) {
        return create(owner, RequestFixtures.request(RequestFixtures.name(), port, null, "tcp"));
    }

    /** The requester's request, submitted. */
    private int submitted(String port, String track) {
        String owner = requester();
        int id = create(owner, RequestFixtures.request(RequestFixtures.name(), port, track, "tcp"));
        call(owner, "POST", "/api/v1/requests/" + id + "/submit", null, 200);
        return id;
    }

    private int approved(String port) {
        int id = submitted(port, null);
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
