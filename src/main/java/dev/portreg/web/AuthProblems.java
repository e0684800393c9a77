package dev.portreg.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.account.BearerTokenMechanism;
import dev.portreg.account.CurrentUser;
import dev.portreg.account.SignInThrottledException;
import dev.portreg.common.Problem;
import dev.portreg.common.Urls;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Answers "who are you?" (401) and "not you" (403) the way the rest of the app answers errors:
 * problem+json under /api, a page elsewhere. Under /api a 401 carries {@code WWW-Authenticate:
 * Basic}; on pages an anonymous visitor is sent to /login (Quarkus' form challenge, which also
 * remembers where to come back to).
 */
@ApplicationScoped
public class AuthProblems {

    private static final String UNAUTHORIZED_DETAIL =
            "Sign in with HTTP Basic (the username and password of your account) or"
                    + " Authorization: Bearer and a personal API token";

    private final ObjectMapper json;
    private final CurrentUser me;
    private final Template errorPage;
    private final String basicChallenge;

    AuthProblems(
            ObjectMapper json,
            CurrentUser me,
            @Location("error/page.html") Template errorPage,
            @ConfigProperty(name = "quarkus.http.auth.realm") String realm) {
        this.json = json;
        this.me = me;
        this.errorPage = errorPage;
        this.basicChallenge = "Basic realm=\"" + realm + "\"";
    }

    /** An anonymous request reached an endpoint that needs an account. */
    @ServerExceptionMapper(UnauthorizedException.class)
    public Uni<Response> unauthorized(RoutingContext ctx) {
        HttpAuthenticator authenticator = ctx.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge =
                authenticator == null
                        ? Uni.createFrom().nullItem()
                        : authenticator.getChallenge(ctx);
        String path = ctx.normalizedPath();
        return challenge
                .onFailure()
                .recoverWithNull()
                .map(
                        c -> {
                            int status = c == null ? 401 : c.status;
                            Response.ResponseBuilder b = Response.status(status);
                            if (c != null) {
                                c.getHeaders().forEach((k, v) -> b.header(k.toString(), scheme(v)));
                            }
                            if (isApi(path) && status == 401) {
                                // With form login enabled Quarkus keeps Basic "silent": it
                                // challenges only requests that sent credentials. API clients
                                // are always told to use Basic.
                                if (c == null || c.getHeaders().isEmpty()) {
                                    b.header("WWW-Authenticate", basicChallenge);
                                }
                                b.type(Problem.MEDIA_TYPE)
                                        .entity(
                                                problem(
                                                        401,
                                                        "Unauthorized",
                                                        UNAUTHORIZED_DETAIL,
                                                        path));
                            }
                            return b.build();
                        });
    }

    /** A signed-in account lacks the role an endpoint needs. */
    @ServerExceptionMapper(ForbiddenException.class)
    public Response forbidden(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String detail =
                me.isAuthenticated()
                        ? "Your account ("
                                + me.username()
                                + ", roles "
                                + String.join(", ", me.roles())
                                + ") may not do this"
                        : "You may not do this";
        if (isApi(path)) {
            return Response.status(403)
                    .type(Problem.MEDIA_TYPE)
                    .entity(problem(403, "Forbidden", detail, path))
                    .build();
        }
        return Response.status(403)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(
                        errorPage
                                .data("status", 403)
                                .data("title", "Forbidden")
                                .data("detail", detail)
                                .data("errors", List.of()))
                .build();
    }

    /**
     * Wrong Basic credentials or an unknown token fail before any endpoint runs (proactive
     * authentication): Quarkus has set 401 and {@code WWW-Authenticate} by then, and this adds the
     * problem body under /api. Too many failed sign-ins answer 429 with {@code Retry-After}.
     */
    void addProblemBodyToFailedApiLogins(@Observes Router router) {
        router.route("/api/*")
                .order(Integer.MIN_VALUE)
                .failureHandler(
                        ctx -> {
                            if (ctx.response().ended()) {
                                ctx.next();
                            } else if (ctx.failure() instanceof SignInThrottledException t) {
                                ctx.response()
                                        .setStatusCode(429)
                                        .putHeader(
                                                "Retry-After", Long.toString(t.retryAfterSeconds()))
                                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                        .end(
                                                body(
                                                        problem(
                                                                429,
                                                                "Too Many Requests",
                                                                t.getMessage(),
                                                                ctx.normalizedPath())));
                            } else if (ctx.failure() instanceof AuthenticationFailedException
                                    && ctx.response().getStatusCode() == 401) {
                                String challenge = ctx.response().headers().get("WWW-Authenticate");
                                if (challenge != null) {
                                    ctx.response()
                                            .headers()
                                            .set("WWW-Authenticate", scheme(challenge));
                                }
                                ctx.response()
                                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                                        .end(
                                                body(
                                                        problem(
                                                                401,
                                                                "Unauthorized",
                                                                BearerTokenMechanism.token(ctx)
                                                                                != null
                                                                        ? "Unknown, revoked or"
                                                                                + " expired token"
                                                                        : "Wrong username or"
                                                                                + " password",
                                                                ctx.normalizedPath())));
                            } else {
                                ctx.next();
                            }
                        });
    }

    /** Quarkus writes "basic realm=..."; clients and RFC 7617 examples say "Basic". */
    static String scheme(String challenge) {
        return challenge != null && challenge.startsWith("basic ")
                ? "Basic " + challenge.substring(6)
                : challenge;
    }

    static boolean isApi(String path) {
        return Urls.isApi(path);
    }

    private static Problem problem(int status, String title, String detail, String path) {
        return new Problem(
                dev.portreg.common.ProblemType.uriForStatus(status),
                title,
                status,
                detail,
                path,
                List.of());
    }

    private String body(Problem p) {
        try {
            return json.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + p.status() + "}";
        }
    }
}
