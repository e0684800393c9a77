package dev.portreg.web;

import dev.portreg.common.Problem;
import dev.portreg.common.Urls;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What quarkus-rest-csrf leaves open, closed. The CSRF filter checks the token of every
 * form-encoded or multipart post; it must let other content types through
 * (quarkus.rest-csrf.require-form-url-encoded=false) so that JSON API calls work, so:
 *
 * <ul>
 *   <li>Pages (everything outside /api) accept state-changing requests only as forms, so every one
 *       of them has its token checked. A text/plain or body-less cross-site post is refused.
 *   <li>The API refuses state-changing requests a browser marks as cross-site ({@code
 *       Sec-Fetch-Site}): a browser that cached Basic credentials cannot be used against it.
 *   <li>API responses do not set the CSRF cookie: it is for pages, and a Set-Cookie would keep
 *       public answers out of shared caches.
 *   <li>A refused form gets a page that says why, instead of an empty 400.
 * </ul>
 */
public class CsrfGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final String cookieName;
    private final Template errorPage;

    CsrfGuard(
            @ConfigProperty(name = "quarkus.rest-csrf.cookie-name") String cookieName,
            @Location("error/page.html") Template errorPage) {
        this.cookieName = cookieName;
        this.errorPage = errorPage;
    }

    @ServerRequestFilter
    public Response refuseNonFormPosts(ContainerRequestContext request, RoutingContext ctx) {
        if (SAFE.contains(request.getMethod())) {
            return null;
        }
        String path = ctx.normalizedPath();
        if (Urls.isApi(path)) {
            String site = request.getHeaderString("Sec-Fetch-Site");
            if ("cross-site".equals(site) || "same-site".equals(site)) {
                return Response.status(403)
                        .type(Problem.MEDIA_TYPE)
                        .entity(
                                new Problem(
                                        dev.portreg.common.ProblemType.FORBIDDEN.uri(),
                                        "Forbidden",
                                        403,
                                        "Cross-site requests may not change anything",
                                        path,
                                        List.of()))
                        .build();
            }
            return null;
        }
        MediaType type = request.getMediaType();
        if (type != null
                && (is(type, MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                        || is(type, MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return null;
        }
        return refused();
    }

    @ServerResponseFilter
    public void explainAndScrub(
            ContainerRequestContext request,
            ContainerResponseContext response,
            RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (Urls.isApi(path)) {
            // A GET makes no token (FormToken makes them, for forms). After a post it checked
            // (a multipart import), the CSRF filter sends its cookie again in a response filter
            // of its own; drop it just before the headers go out, whatever order the filters
            // ran in.
            if (!SAFE.contains(request.getMethod())) {
                ctx.addHeadersEndHandler(v -> ctx.response().removeCookie(cookieName, false));
            }
        } else if (response.getStatus() == 400
                && !response.hasEntity()
                && !SAFE.contains(request.getMethod())) {
            // The CSRF filter answers a missing or wrong token with an empty 400.
            Response page = refused();
            response.setEntity(
                    page.getEntity(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        }
    }

    private Response refused() {
        return Response.status(400)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(
                        errorPage
                                .data("status", 400)
                                .data("title", "Form refused")
                                .data(
                                        "detail",
                                        "This form was too old, or was not sent from this site."
                                                + " Nothing was changed. Go back, reload the"
                                                + " page and send it again.")
                                .data("errors", List.of())
                                .render())
                .build();
    }

    private static boolean is(MediaType type, MediaType expected) {
        return type.getType().equalsIgnoreCase(expected.getType())
                && type.getSubtype().equalsIgnoreCase(expected.getSubtype());
    }
}
