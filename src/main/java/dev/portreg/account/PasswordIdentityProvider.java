package dev.portreg.account;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * HTTP Basic on the API: Quarkus' Basic mechanism reads the header, this checks the password with
 * {@link SignIn}, throttled and audited like the sign-in form.
 */
@ApplicationScoped
class PasswordIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final SignIn signIn;

    PasswordIdentityProvider(SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String address = ClientAddress.of(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(
                () ->
                        signIn.verify(
                                request.getUsername(),
                                new String(request.getPassword().getPassword()),
                                address));
    }
}
