package dev.portreg.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.support.AppProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two real instances of the packaged app on one database agree: what one writes, the other serves
 * within a second (LISTEN/NOTIFY), a preview made on one is applied on the other, and two
 * completions of one port, one per instance, have exactly one winner.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIT {

    static final Duration FOLLOW = Duration.ofSeconds(1);
    static final String PASSWORD = "Seven tidy walruses 42";

    /** The first operator's configured password: it must be changed before anything else. */
    static final String INITIAL = "Configured operator words 7";

    static final ObjectMapper JSON = new ObjectMapper();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String schema =
            System.getenv().getOrDefault("PORTREG_TEST_SCHEMA", "portreg_test") + "_two";
    AppProcess a;
    AppProcess b;
    String operator = "it-operator";
    final Map<String, String> password = new HashMap<>();
    String expert;
    String requester;

    @BeforeAll
    void start() throws Exception {
        AppProcess.dropSchema(schema);
        Map<String, String> env = new HashMap<>();
        env.put("PORTREG_DB_SCHEMA", schema);
        env.put(
                "PORTREG_REGISTRY_SEED",
                Path.of("src/test/resources/iana/requests.xml").toAbsolutePath().toString());
        env.put("PORTREG_REGISTRY_SEED_URL", "none");
        env.put("PORTREG_ADMIN_USERNAME", operator);
        env.put("PORTREG_ADMIN_PASSWORD", INITIAL);
        // Forms and their CSRF tokens work on both instances only with one secret key.
        env.put("PORTREG_SECURITY_SECRET_KEY", "two-instances-it-secret-key-not-secret-0001");
        env.put("QUARKUS_MAILER_MOCK", "true");
        env.put("QUARKUS_LOG_CATEGORY__DEV_PORTREG__LEVEL", "DEBUG");
        a =
                AppProcess.start("instance-a", env)
                        .awaitReady("/api/v1/registry", Duration.ofMinutes(2));
        b =
                AppProcess.start("instance-b", env)
                        .awaitReady("/api/v1/registry", Duration.ofMinutes(2));
        sendAs(
                a,
                operator,
                INITIAL,
                "PUT",
                "/api/v1/accounts/me/password",
                Map.of("currentPassword", INITIAL, "newPassword", PASSWORD),
                204);
        password.put(operator, PASSWORD);
        expert = register(a);
        requester = register(a);
        send(
                a,
                operator,
                "PUT",
                "/api/v1/accounts/" + expert + "/roles",
                List.of("requester", "expert"),
                200);
    }

    @AfterAll
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        AppProcess.dropSchema(schema);
    }

    @Test
    void aCompletionOnOneIsServedByTheOtherWithinASecond() throws Exception {
        long revision = revision(b);
        int id = approvedRequest(a, "40010");
        send(a, operator, "POST", "/api/v1/requests/" + id + "/complete", null, 200);
        long committed = System.nanoTime(); // the answer comes after the commit
        long seen =
                waitFor(
                        b,
                        "/api/v1/ports/40010",
                        port -> "assigned".equals(port.at("/transports/0/status").asText()),
                        committed);
        assertTrue(
                seen < FOLLOW.toNanos(),
                "B served the completion after " + seen / 1_000_000 + " ms");
        assertTrue(revision(b) > revision, "B's revision moved on");
        assertEquals(revision(a), revision(b));
        // B does not let a second request for the port be submitted
        int second = create(b, requester, "40010");
        send(b, requester, "POST", "/api/v1/requests/" + second + "/submit", null, 400);
    }

    @Test
    void aRoleChangeOnOneHoldsOnTheOther() throws Exception {
        String user = register(a);
        send(b, user, "GET", "/api/v1/queues/expert", null, 403);
        long changed = System.nanoTime();
        send(
                a,
                operator,
                "PUT",
                "/api/v1/accounts/" + user + "/roles",
                List.of("requester", "expert"),
                200);
        long seen = 0;
        while (send(b, user, "GET", "/api/v1/queues/expert", null, -1).statusCode() != 200) {
            seen = System.nanoTime() - changed;
            assertTrue(
                    seen < FOLLOW.toNanos(), "B still refuses after " + seen / 1_000_000 + " ms");
            Thread.sleep(10);
        }
    }

    @Test
    void twoCompletionsOfOnePortOnePerInstanceHaveExactlyOneWinner() throws Exception {
        int first = approvedRequest(a, "40020");
        int second = approvedRequest(b, "40020");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> onA =
                    () ->
                            send(
                                            a,
                                            operator,
                                            "POST",
                                            "/api/v1/requests/" + first + "/complete",
                                            null,
                                            -1)
                                    .statusCode();
            Callable<Integer> onB =
                    () ->
                            send(
                                            b,
                                            operator,
                                            "POST",
                                            "/api/v1/requests/" + second + "/complete",
                                            null,
                                            -1)
                                    .statusCode();
            Future<Integer> x = pool.submit(onA);
            Future<Integer> y = pool.submit(onB);
            List<Integer> codes = new ArrayList<>(List.of(x.get(), y.get()));
            codes.sort(null);
            assertEquals(List.of(200, 409), codes);
        } finally {
            pool.shutdownNow();
        }
        JsonNode port = json(send(b, null, "GET", "/api/v1/ports/40020", null, 200));
        assertEquals(1, port.at("/transports/0/services").size(), port.toString());
    }

    @Test
    void anImportPreviewedOnOneIsAppliedOnTheOtherAndServedByBoth() throws Exception {
        Page session = Page.signIn(a, operator, password.get(operator));
        byte[] file = Files.readAllBytes(Path.of("src/test/resources/iana/requests-modified.xml"));
        String location = session.upload(a, "/admin/import", "requests-modified.xml", file);
        assertTrue(location.contains("/admin/import/"), location);
        String path = URI.create(location).getPath();
        String preview = session.get(b, path);
        assertTrue(preview.contains("Import preview"), "B shows A's preview");
        HttpResponse<String> r = session.post(b, path + "/apply", Map.of());
        long applied = System.nanoTime();
        assertEquals(303, r.statusCode(), r.body());
        long seen = waitFor(a, "/api/v1/services/newsvc", s -> s.has("name"), applied);
        assertTrue(
                seen < FOLLOW.toNanos(), "A served B's import after " + seen / 1_000_000 + " ms");
        assertEquals(revision(a), revision(b));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private long revision(AppProcess app) throws Exception {
        return json(send(app, null, "GET", "/api/v1/registry", null, 200)).get("revision").asLong();
    }

    /** Polls until {@code done} holds; returns the time since {@code since}. */
    private long waitFor(AppProcess app, String path, Predicate<JsonNode> done, long since)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = send(app, null, "GET", path, null, -1);
            if (r.statusCode() == 200 && done.test(json(r))) {
                return System.nanoTime() - since;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(path + " never showed the change");
    }

    private String register(AppProcess app) throws Exception {
        String name = "it-" + UUID.randomUUID().toString().substring(0, 8);
        send(
                app,
                null,
                "POST",
                "/api/v1/accounts",
                Map.of(
                        "username",
                        name,
                        "password",
                        PASSWORD,
                        "name",
                        "IT " + name,
                        "email",
                        name + "@example.org"),
                201);
        // as if its owner had followed the mailed link: only a verified address submits
        try (java.sql.Connection c =
                        java.sql.DriverManager.getConnection(
                                "jdbc:postgresql://localhost:5432/postgres",
                                "postgres",
                                "postgres");
                java.sql.PreparedStatement ps =
                        c.prepareStatement(
                                "UPDATE \""
                                        + schema
                                        + "\".account SET email_verified_at = now()"
                                        + " WHERE username = ?")) {
            ps.setString(1, name);
            assertEquals(1, ps.executeUpdate());
        }
        return name;
    }

    private int create(AppProcess app, String user, String port) throws Exception {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", "new-assignment");
        m.put("serviceName", "f" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        m.put("port", port);
        m.put("transports", List.of("tcp"));
        m.put("description", "Frobnication protocol");
        m.put("assignee", Map.of("name", "Ann Example", "email", "ann@example.org"));
        m.put("contact", Map.of("name", "Ann Example", "email", "ann@example.org"));
        m.put("reference", "draft-example-frob-01");
        m.put("castStatement", "No broadcast, multicast or anycast.");
        m.put("justification", "Clients behind firewalls need a fixed port.");
        return json(send(app, user, "POST", "/api/v1/requests", m, 201)).get("id").asInt();
    }

    private int approvedRequest(AppProcess app, String port) throws Exception {
        int id = create(app, requester, port);
        send(app, requester, "POST", "/api/v1/requests/" + id + "/submit", null, 200);
        send(
                app,
                expert,
                "POST",
                "/api/v1/requests/" + id + "/review",
                Map.of("decision", "approve"),
                200);
        return id;
    }

    private HttpResponse<String> send(
            AppProcess app, String user, String method, String path, Object body, int status)
            throws Exception {
        return sendAs(app, user, PASSWORD, method, path, body, status);
    }

    private HttpResponse<String> sendAs(
            AppProcess app,
            String user,
            String pw,
            String method,
            String path,
            Object body,
            int status)
            throws Exception {
        HttpRequest.Builder req =
                HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30));
        if (user != null) {
            req.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString(
                                            (user + ":" + pw).getBytes(StandardCharsets.UTF_8)));
        }
        if (body == null) {
            req.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            req.header("Content-Type", "application/json");
            req.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (status >= 0) {
            assertEquals(
                    status,
                    r.statusCode(),
                    method + " " + path + " on " + app.port() + ": " + r.body());
        }
        return r;
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /**
     * A browser's cookies and CSRF token, valid on either instance (they share the session key).
     */
    static final class Page {
        static final Pattern TOKEN =
                Pattern.compile("name=\"csrf-token\" value=\"([A-Za-z0-9_-]+)\"");
        final HttpClient http =
                HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        final Map<String, String> cookies = new HashMap<>();
        String token;

        static Page signIn(AppProcess app, String user, String password) throws Exception {
            Page p = new Page();
            p.get(app, "/login");
            HttpResponse<String> r =
                    p.post(app, "/login", Map.of("username", user, "password", password));
            assertEquals(303, r.statusCode(), "signed in: " + r.body());
            return p;
        }

        String get(AppProcess app, String path) throws Exception {
            HttpResponse<String> r =
                    http.send(
                            request(app, path).GET().build(), HttpResponse.BodyHandlers.ofString());
            keep(r);
            Matcher m = TOKEN.matcher(r.body());
            if (m.find()) {
                token = m.group(1);
            }
            return r.body();
        }

        HttpResponse<String> post(AppProcess app, String path, Map<String, String> form)
                throws Exception {
            StringBuilder b = new StringBuilder();
            Map<String, String> all = new HashMap<>(form);
            if (token != null) {
                all.put("csrf-token", token);
            }
            for (Map.Entry<String, String> e : all.entrySet()) {
                b.append(b.isEmpty() ? "" : "&")
                        .append(java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                        .append('=')
                        .append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
            HttpResponse<String> r =
                    http.send(
                            request(app, path)
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(b.toString()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            keep(r);
            return r;
        }

        /** Uploads a file as the import form does; returns where it redirects. */
        String upload(AppProcess app, String path, String name, byte[] content) throws Exception {
            get(app, path);
            String boundary = "----it" + UUID.randomUUID();
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            String head =
                    "--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\"csrf-token\"\r\n\r\n"
                            + token
                            + "\r\n"
                            + "--"
                            + boundary
                            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + name
                            + "\"\r\nContent-Type: application/xml\r\n\r\n";
            body.write(head.getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r =
                    http.send(
                            request(app, path)
                                    .header(
                                            "Content-Type",
                                            "multipart/form-data; boundary=" + boundary)
                                    .POST(
                                            HttpRequest.BodyPublishers.ofByteArray(
                                                    body.toByteArray()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            keep(r);
            assertEquals(303, r.statusCode(), r.body());
            return r.headers().firstValue("Location").orElseThrow();
        }

        private HttpRequest.Builder request(AppProcess app, String path) {
            HttpRequest.Builder b =
                    HttpRequest.newBuilder(URI.create(app.url(path)))
                            .timeout(Duration.ofSeconds(60));
            if (!cookies.isEmpty()) {
                StringBuilder c = new StringBuilder();
                cookies.forEach(
                        (k, v) ->
                                c.append(c.isEmpty() ? "" : "; ").append(k).append('=').append(v));
                b.header("Cookie", c.toString());
            }
            return b;
        }

        private void keep(HttpResponse<String> r) {
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String k = pair.substring(0, eq);
                String v = pair.substring(eq + 1);
                if (v.isEmpty() || set.toLowerCase().contains("max-age=0")) {
                    cookies.remove(k);
                } else {
                    cookies.put(k, v);
                }
            }
        }
    }
}
