package dev.portreg.web;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * The headers every answer carries, whatever produced it (a page, the API, a static file, an
 * error):
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles and images from this site only, no inline
 *       script, no plugins, no framing ({@code frame-ancestors 'none'}), forms post here only;
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: same-origin};
 *   <li>{@code Cache-Control: no-store} on the API, on every answer to a signed-in request, and on
 *       every answer that sets a cookie (a CSRF token, a session);
 *   <li>{@code Strict-Transport-Security} when the request came over TLS;
 *   <li>a {@code Location} is made relative when JAX-RS built it from the request's {@code Host}
 *       header, so a forged Host never ends up in a redirect.
 * </ul>
 *
 * Dev tooling (Swagger UI, the Dev UI), which exists only outside production and needs inline
 * script, keeps its own policy.
 */
@ApplicationScoped
public class SecurityHeaders {

    public static final String CSP =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
                    + " form-action 'self'; frame-ancestors 'none'";

    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean production = LaunchMode.current() == LaunchMode.NORMAL;

    void install(@Observes Router router) {
        router.route()
                .order(Integer.MIN_VALUE)
                .handler(
                        ctx -> {
                            ctx.addHeadersEndHandler(v -> apply(ctx));
                            ctx.next();
                        });
    }

    void apply(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        MultiMap h = ctx.response().headers();
        String path = request.path() == null ? "/" : request.path();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "same-origin");
        if (!h.contains("X-Frame-Options")) {
            h.set("X-Frame-Options", "DENY");
        }
        if (production || !devTool(path)) {
            h.set("Content-Security-Policy", CSP);
        }
        boolean signedIn = ctx.user() != null && !anonymous(ctx);
        if (path.startsWith("/api/") || signedIn || setsCookie(ctx)) {
            h.set("Cache-Control", "no-store");
        }
        if ("https".equals(request.scheme())) {
            h.set("Strict-Transport-Security", HSTS);
        }
        String location = h.get("Location");
        if (location != null) {
            h.set(
                    "Location",
                    relative(
                            location,
                            request.authority() == null ? null : request.authority().toString()));
        }
    }

    /**
     * Whether this answer sets a cookie. Vert.x writes Set-Cookie after this handler, from the
     * request's cookie jar, where cookies set (or cleared) by this answer are marked changed.
     */
    private static boolean setsCookie(RoutingContext ctx) {
        if (ctx.response().headers().contains("Set-Cookie")) {
            return true;
        }
        for (io.vertx.core.http.Cookie c : ctx.request().cookies()) {
            if (c instanceof io.vertx.core.http.impl.ServerCookie sc && sc.isChanged()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anonymous(RoutingContext ctx) {
        var u = ctx.user();
        if (u instanceof io.quarkus.vertx.http.runtime.security.QuarkusHttpUser q) {
            return q.getSecurityIdentity().isAnonymous();
        }
        return u == null;
    }

    private static boolean devTool(String path) {
        return path.startsWith("/q/swagger-ui") || path.startsWith("/q/dev-ui");
    }

    /**
     * The path, query and fragment of {@code location} when its host is the request's own (JAX-RS
     * resolved a relative redirect against the Host header); anything else unchanged.
     */
    static String relative(String location, String authority) {
        if (authority == null
                || !(location.startsWith("http://") || location.startsWith("https://"))) {
            return location;
        }
        try {
            URI u = URI.create(location);
            if (u.getRawAuthority() == null || !u.getRawAuthority().equalsIgnoreCase(authority)) {
                return location;
            }
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return path
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
                    + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
        } catch (IllegalArgumentException e) {
            return location;
        }
    }
}
