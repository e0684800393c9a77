package dev.portreg.account;

import dev.portreg.common.Urls;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs page requests in with the session cookie ({@link Sessions}); never the API, which takes
 * Basic or a token, so a browser cannot be made to call the API with its cookie. An anonymous
 * visitor of a page that needs an account is sent to {@code /login?next=...} (a path only, never a
 * host from the request). A cookie whose session has ended is dropped and the visitor is anonymous.
 */
@ApplicationScoped
public class PageSessionMechanism implements HttpAuthenticationMechanism {

    /** What {@code quarkus.http.auth.permission.*.auth-mechanism} names this mechanism by. */
    public static final String SCHEME = "session";

    public static final String COOKIE = "portreg-session";

    /** What a session cookie's token is presented as. */
    static final class SessionRequest extends BaseAuthenticationRequest {
        final String token;

        SessionRequest(String token) {
            this.token = token;
        }
    }

    /** Looks the token up in PostgreSQL, on a worker thread. */
    @ApplicationScoped
    static class Provider implements IdentityProvider<SessionRequest> {

        private final Sessions sessions;

        Provider(Sessions sessions) {
            this.sessions = sessions;
        }

        @Override
        public Class<SessionRequest> getRequestType() {
            return SessionRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                SessionRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(
                    () ->
                            sessions.find(request.token)
                                    .map(
                                            s ->
                                                    (SecurityIdentity)
                                                            Identities.builder(
                                                                            s.accountId(),
                                                                            s.username(),
                                                                            s.roles(),
                                                                            s.mustChangePassword(),
                                                                            Identities.Via.SESSION)
                                                                    .addAttribute(
                                                                            Identities.SESSION_ID,
                                                                            s.sessionId())
                                                                    .build())
                                    .orElseThrow(
                                            () ->
                                                    new AuthenticationFailedException(
                                                            "the session has ended")));
        }
    }

    private final SecurityConfig config;

    PageSessionMechanism(SecurityConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            RoutingContext ctx, IdentityProviderManager identityProviderManager) {
        if (Urls.isApi(ctx.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request =
                HttpSecurityUtils.setRoutingContextAttribute(
                        new SessionRequest(cookie.getValue()), ctx);
        return identityProviderManager
                .authenticate(request)
                .onFailure(AuthenticationFailedException.class)
                .recoverWithUni(
                        () -> {
                            clearCookie(ctx);
                            return Uni.createFrom().nullItem();
                        });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext ctx) {
        return Uni.createFrom().item(new ChallengeData(302, "Location", loginUrl(ctx)));
    }

    /** Where an anonymous visitor goes: the sign-in page, then back to the page asked for. */
    static String loginUrl(RoutingContext ctx) {
        String uri = ctx.request().uri();
        String next = NextPage.safe(uri);
        return next == null || next.equals("/") ? "/login" : "/login?next=" + Urls.param(next);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(
                        new HttpCredentialTransport(
                                HttpCredentialTransport.Type.COOKIE, COOKIE, SCHEME));
    }

    /** The cookie that carries a new session: HttpOnly, SameSite=Lax, Secure over TLS. */
    Cookie cookie(RoutingContext ctx, String token) {
        return Cookie.cookie(COOKIE, token)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.LAX)
                .setSecure(secure(ctx));
    }

    void clearCookie(RoutingContext ctx) {
        ctx.response()
                .addCookie(
                        Cookie.cookie(COOKIE, "")
                                .setPath("/")
                                .setMaxAge(0)
                                .setHttpOnly(true)
                                .setSameSite(CookieSameSite.LAX)
                                .setSecure(secure(ctx)));
    }

    boolean secure(RoutingContext ctx) {
        return config.session().secureCookies() || "https".equals(ctx.request().scheme());
    }
}
