package dev.portreg.web;

import dev.portreg.common.DatabaseUnavailable;
import dev.portreg.common.Problem;
import dev.portreg.common.ProblemException;
import dev.portreg.common.ProblemType;
import dev.portreg.common.Violations;
import io.quarkus.logging.Log;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an answer a person or a client can act on: problem+json (RFC 9457) under
 * /api, a friendly page elsewhere. Never a stack trace.
 *
 * <p>A database that cannot be reached ({@link DatabaseUnavailable}), and anything that fails
 * before start-up work on the database is done, answers 503 with {@code Retry-After}: the request
 * was fine and will work later. Sign-in failures reach here too (Quarkus maps authentication
 * failures through these mappers), on the I/O thread: the 503 page stands alone, without the
 * layout, so it renders there.
 */
@ApplicationScoped
public class ErrorMapper {

    static final String UNAVAILABLE_TITLE = "Service unavailable";

    @CheckedTemplate(basePath = "error")
    static class Templates {
        static native TemplateInstance page(
                int status, String title, String detail, List<Problem.FieldError> errors);

        static native TemplateInstance unavailable(
                String title, String detail, boolean posted, long retryAfter, String path);
    }

    private final DatabaseStatus database;

    ErrorMapper(DatabaseStatus database) {
        this.database = database;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(uri, e.type(), e.status(), e.title(), e.getMessage(), e.errors());
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        // Named as the client sent them, in the record's order: the same 400 the services answer.
        List<Problem.FieldError> errors = Violations.fieldErrors(e.getConstraintViolations());
        ProblemException p = ProblemException.badInput(errors);
        return respond(uri, p.type(), 400, p.title(), p.getMessage(), errors);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri, request);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Error " + status : known.getReasonPhrase();
        String detail =
                status == 404
                        ? "There is nothing at " + uri.getRequestUri().getPath()
                        : e.getMessage();
        Response r =
                respond(uri, ProblemType.uriForStatus(status), status, title, detail, List.of());
        if (!e.getResponse().getHeaders().isEmpty()) {
            Response.ResponseBuilder b = Response.fromResponse(r);
            e.getResponse().getHeaders().forEach((k, v) -> v.forEach(x -> b.header(k, x)));
            return b.build();
        }
        return r;
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Exception e, UriInfo uri, Request request) {
        if (DatabaseUnavailable.is(e) || !database.ready()) {
            return unavailable(e, uri, request);
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        Log.errorf(e, "unexpected error %s on %s", ref, uri.getRequestUri().getPath());
        return respond(
                uri,
                ProblemType.INTERNAL.uri(),
                500,
                "Internal error",
                "Something went wrong on our side (reference " + ref + "). Nothing was changed.",
                List.of());
    }

    /** 503 with Retry-After: the database cannot be reached, or start-up has not reached it yet. */
    private Response unavailable(Exception e, UriInfo uri, Request request) {
        String path = uri.getRequestUri().getPath();
        database.unavailable(e, request.getMethod() + " " + path);
        long retryAfter = database.retryAfterSeconds();
        String detail =
                database.ready()
                        ? "The registry's database cannot be reached right now, and this needs it."
                                + " Nothing was changed. Try again in "
                                + retryAfter
                                + " seconds."
                        : "The registry is starting and waits for its database. Nothing was"
                                + " changed. Try again in "
                                + retryAfter
                                + " seconds.";
        Response.ResponseBuilder b =
                Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                        .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (isApi(uri)) {
            return b.type(Problem.MEDIA_TYPE)
                    .entity(
                            new Problem(
                                    ProblemType.UNAVAILABLE.uri(),
                                    UNAVAILABLE_TITLE,
                                    503,
                                    detail,
                                    path,
                                    List.of()))
                    .build();
        }
        boolean posted = !"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod());
        return b.type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(
                        Templates.unavailable(
                                        UNAVAILABLE_TITLE, detail, posted, retryAfter, again(uri))
                                .render())
                .build();
    }

    /** The address to try again: this one, kept on this site. */
    private static String again(UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        String query = uri.getRequestUri().getRawQuery();
        String local = "/" + (path == null ? "" : path.replaceFirst("^/+", ""));
        return query == null ? local : local + "?" + query;
    }

    static boolean isApi(UriInfo uri) {
        String path = uri.getRequestUri().getPath();
        return path.startsWith("/api/");
    }

    private static Response respond(
            UriInfo uri,
            String type,
            int status,
            String title,
            String detail,
            List<Problem.FieldError> errors) {
        if (isApi(uri)) {
            return Response.status(status)
                    .type(Problem.MEDIA_TYPE)
                    .entity(
                            new Problem(
                                    type,
                                    title,
                                    status,
                                    detail,
                                    uri.getRequestUri().getPath(),
                                    errors))
                    .build();
        }
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.page(status, title, detail, errors))
                .build();
    }
}
