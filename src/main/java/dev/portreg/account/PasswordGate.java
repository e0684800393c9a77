package dev.portreg.account;

import dev.portreg.common.Problem;
import dev.portreg.common.Urls;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An account whose password was configured by an operator (the first operator) changes it before
 * anything else: pages send it to {@code /account/password}, the API answers 403 except for
 * changing the password and reading the account.
 */
public class PasswordGate {

    private static final Set<String> PAGES = Set.of("/account/password", "/logout", "/login");
    private static final Set<String> API =
            Set.of("/api/v1/accounts/me", "/api/v1/accounts/me/password");

    private final SecurityIdentity identity;

    PasswordGate(SecurityIdentity identity) {
        this.identity = identity;
    }

    @ServerRequestFilter
    public Response mustChangePasswordFirst(ContainerRequestContext request, RoutingContext ctx) {
        if (identity.isAnonymous() || !Identities.mustChangePassword(identity)) {
            return null;
        }
        String path = ctx.normalizedPath();
        if (Urls.isApi(path)) {
            if (API.contains(path)) {
                return null;
            }
            return Response.status(403)
                    .type(Problem.MEDIA_TYPE)
                    .entity(
                            new Problem(
                                    dev.portreg.common.ProblemType.FORBIDDEN.uri(),
                                    "Forbidden",
                                    403,
                                    "Change the password an operator configured for this account"
                                            + " first: PUT /api/v1/accounts/me/password",
                                    path,
                                    List.of()))
                    .build();
        }
        if (PAGES.contains(path)) {
            return null;
        }
        return Response.seeOther(URI.create("/account/password")).build();
    }
}
