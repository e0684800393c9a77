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
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Authorization: Bearer <token>} on the API ({@link ApiTokens}), with the account's roles. A
 * token this instance checked a moment ago is answered on the I/O thread without the database; any
 * other is looked up on a worker thread. Pages never accept a token.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    public static final String SCHEME = "bearer";

    static final class TokenRequest extends BaseAuthenticationRequest {
        final String token;

        TokenRequest(String token) {
            this.token = token;
        }
    }

    @ApplicationScoped
    static class Provider implements IdentityProvider<TokenRequest> {

        private final ApiTokens tokens;

        Provider(ApiTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<TokenRequest> getRequestType() {
            return TokenRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(
                TokenRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(
                    () ->
                            tokens.check(request.token)
                                    .map(BearerTokenMechanism::identity)
                                    .orElseThrow(
                                            () ->
                                                    new AuthenticationFailedException(
                                                            "unknown, revoked or expired token")));
        }
    }

    private final ApiTokens tokens;
    private final String challenge;

    BearerTokenMechanism(
            ApiTokens tokens, @ConfigProperty(name = "quarkus.http.auth.realm") String realm) {
        this.tokens = tokens;
        this.challenge = "Bearer realm=\"" + realm + "\"";
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            RoutingContext ctx, IdentityProviderManager identityProviderManager) {
        String token = token(ctx);
        if (token == null || !Urls.isApi(ctx.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        ApiTokens.Checked cached = tokens.cached(token);
        if (cached != null) {
            return Uni.createFrom().item(identity(cached));
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new TokenRequest(token), ctx));
    }

    public static String token(RoutingContext ctx) {
        String h = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).strip();
    }

    static SecurityIdentity identity(ApiTokens.Checked c) {
        return Identities.builder(
                        c.accountId(),
                        c.username(),
                        c.roles(),
                        c.mustChangePassword(),
                        Identities.Via.TOKEN)
                .addAttribute(Identities.TOKEN_ID, c.tokenId())
                .build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", challenge));
    }

    /** Below Basic, so that a request without credentials is challenged with Basic first. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY - 10;
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(
                        new HttpCredentialTransport(
                                HttpCredentialTransport.Type.AUTHORIZATION, SCHEME));
    }
}
