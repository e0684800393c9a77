package dev.portreg.web;

import dev.portreg.account.SignInThrottledException;
import dev.portreg.account.TooManyRequests;
import dev.portreg.common.Problem;
import dev.portreg.common.Urls;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * 429 with {@code Retry-After}, as problem+json under /api and as a page elsewhere: the answer to
 * too many failed sign-ins (when it happens inside an endpoint) and too many mails.
 */
public class ThrottleProblems {

    private final Template errorPage;

    ThrottleProblems(@Location("error/page.html") Template errorPage) {
        this.errorPage = errorPage;
    }

    @ServerExceptionMapper
    public Response tooMany(TooManyRequests e, RoutingContext ctx) {
        return respond(ctx, e.getMessage(), e.retryAfterSeconds());
    }

    @ServerExceptionMapper
    public Response throttled(SignInThrottledException e, RoutingContext ctx) {
        return respond(ctx, e.getMessage(), e.retryAfterSeconds());
    }

    Response respond(RoutingContext ctx, String detail, long retryAfter) {
        String path = ctx.normalizedPath();
        Response.ResponseBuilder b =
                Response.status(429).header("Retry-After", Long.toString(retryAfter));
        if (Urls.isApi(path)) {
            return b.type(Problem.MEDIA_TYPE)
                    .entity(
                            new Problem(
                                    dev.portreg.common.ProblemType.TOO_MANY_REQUESTS.uri(),
                                    "Too Many Requests",
                                    429,
                                    detail,
                                    path,
                                    List.of()))
                    .build();
        }
        return b.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(
                        errorPage
                                .data("status", 429)
                                .data("title", "Too many attempts")
                                .data("detail", detail)
                                .data("errors", List.of())
                                .render())
                .build();
    }
}
