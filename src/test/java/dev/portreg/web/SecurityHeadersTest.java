package dev.portreg.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.account.TestAccounts;
import dev.portreg.support.FormSession;
import dev.portreg.support.HistoryFixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 7, finding 9: no Content-Security-Policy, nosniff or Referrer-Policy; no no-store on
 * account pages and the API; /q/metrics public; pages uncompressed.
 */
@QuarkusTest
class SecurityHeadersTest {

    @Inject TestAccounts accounts;
    @Inject HistoryFixtures fixtures;

    /** On the management interface, under its root (/q): /q/metrics. */
    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    private static void hardened(Response r, String what) {
        String csp = r.getHeader("Content-Security-Policy");
        assertTrue(csp != null && csp.contains("script-src 'self'"), what + ": CSP " + csp);
        assertTrue(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), what);
        assertTrue(csp.contains("frame-ancestors 'none'"), what);
        assertEquals("nosniff", r.getHeader("X-Content-Type-Options"), what);
        assertEquals("same-origin", r.getHeader("Referrer-Policy"), what);
        assertEquals("DENY", r.getHeader("X-Frame-Options"), what);
    }

    @Test
    void everyAnswerCarriesTheHeaders() {
        fixtures.leaveTheSample();
        for (String path :
                List.of(
                        "/",
                        "/ports/938",
                        "/login",
                        "/register",
                        "/css/app.css",
                        "/js/app.js",
                        "/no-such-page",
                        "/api/v1/ports/938",
                        "/api/v1/ports/70000",
                        "/changes.atom",
                        "/q/openapi")) {
            hardened(given().redirects().follow(false).get(path), path);
        }
        hardened(given().redirects().follow(false).get("/admin/accounts"), "a redirect to sign in");
    }

    @Test
    void theApiAndSignedInPagesAreNeverStored() {
        assertEquals("no-store", given().get("/api/v1/ports/938").getHeader("Cache-Control"));
        String member = accounts.create();
        FormSession s = FormSession.signedIn(member, TestAccounts.PASSWORD);
        for (String path : List.of("/", "/account", "/requests", "/ports/938")) {
            assertEquals("no-store", s.get(path).getHeader("Cache-Control"), path);
        }
        assertEquals("no-store", given().get("/login").getHeader("Cache-Control"), "a form page");
        assertEquals(
                "no-store",
                given().auth()
                        .preemptive()
                        .basic(member, TestAccounts.PASSWORD)
                        .get("/api/v1/accounts/me")
                        .getHeader("Cache-Control"));
    }

    @Test
    void pagesJsonCsvAndXmlAreCompressed() {
        fixtures.leaveTheSample();
        for (String path :
                List.of(
                        "/",
                        "/api/v1/ports/938",
                        "/api/v1/registry/export?format=csv",
                        "/api/v1/registry/export?format=xml")) {
            Response r = given().header("Accept-Encoding", "gzip").get(path);
            assertEquals(200, r.statusCode(), path);
            assertEquals("gzip", r.getHeader("Content-Encoding"), path);
        }
    }

    @Test
    void metricsAndHealthAreOnTheManagementInterfaceOnly() throws IOException {
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
        org.junit.jupiter.api.Assertions.assertTrue(
                metrics.getPath().equals("/q/metrics"), metrics.toString());
        given().get(metrics).then().statusCode(200).body(containsString("jvm_"));
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"));
        // The OpenAPI document stays public.
        given().get("/q/openapi").then().statusCode(200).body(not(containsString("jvm_")));
    }

    /** The CSP forbids inline script: no template or page may need it. */
    @Test
    void noTemplateHasInlineScriptHandlersOrStyles() throws IOException {
        Pattern inlineScript =
                Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("\\sstyle\\s*=|<style", Pattern.CASE_INSENSITIVE);
        Pattern jsUrl = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String text = Files.readString(f);
                for (Pattern p : List.of(inlineScript, handler, style, jsUrl)) {
                    if (p.matcher(text).find()) {
                        found.add(f + ": " + p.pattern());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
        String page = given().get("/").asString();
        assertTrue(
                !inlineScript.matcher(page).find() && !handler.matcher(page).find(), "home page");
    }
}
