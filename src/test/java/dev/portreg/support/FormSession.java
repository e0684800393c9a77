package dev.portreg.support;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser keeps between page requests, for RestAssured page tests: cookies (session and
 * CSRF) and the CSRF token of the last page read. Redirects are not followed, so tests see them.
 */
public final class FormSession {

    private static final Pattern TOKEN =
            Pattern.compile("name=\"csrf-token\" value=\"([A-Za-z0-9_-]+)\"");

    private final Map<String, String> cookies = new HashMap<>();
    private String token;

    /** Signs in through the sign-in form, with its CSRF token, as the login page does. */
    public static FormSession signedIn(String username, String password) {
        FormSession s = new FormSession();
        s.get("/login");
        Response r = s.submit("/login", Map.of("username", username, "password", password));
        assertEquals(303, r.statusCode(), "sign-in redirects");
        assertNotNull(s.cookies.get("portreg-session"), "sign-in sets the session cookie");
        return s;
    }

    public Response get(String path) {
        Response r = keep(request().get(path));
        String t = tokenOf(r.asString());
        if (t != null) {
            token = t;
        }
        return r;
    }

    /** The CSRF token of a page's first form, or null. */
    public static String tokenOf(String html) {
        Matcher m = TOKEN.matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** A request with this session's cookies, not following redirects. */
    public RequestSpecification request() {
        return given().cookies(cookies).redirects().follow(false);
    }

    /** A cookie this session holds, or null. */
    public String cookie(String name) {
        return cookies.get(name);
    }

    /** The CSRF token of the last page read. */
    public String token() {
        return token;
    }

    /** Posts a form with the token of the last page, as the form tag does. */
    public Response submit(String path, Map<String, String> form) {
        Map<String, String> withToken = new HashMap<>(form);
        withToken.put("csrf-token", token);
        return keep(request().contentType(ContentType.URLENC).formParams(withToken).post(path));
    }

    /** Remembers the cookies a response sets or clears. */
    public Response keep(Response r) {
        r.getDetailedCookies()
                .forEach(
                        c -> {
                            if (c.getMaxAge() == 0) {
                                cookies.remove(c.getName());
                            } else {
                                cookies.put(c.getName(), c.getValue());
                            }
                        });
        return r;
    }
}
