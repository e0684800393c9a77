package dev.portreg.account;

import dev.portreg.common.FieldErrors;
import dev.portreg.common.Forms;
import dev.portreg.common.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Getting in: sign in and out (server-side sessions, {@link Sessions}) and the password reset by
 * mail. Every form carries the CSRF token ({@code tags/form.html}), the sign-in form too. The other
 * account pages: {@link RegisterPages}, {@link AccountPages}, {@link OperatorPages}.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPages {

    /** What the sign-in page says above the form. */
    record LoginNotice(String kind, String text) {}

    @CheckedTemplate(basePath = "AccountPages")
    static class Templates {
        static native TemplateInstance login(
                LoginNotice notice,
                String username,
                String next,
                List<DevAccounts.DevAccount> devAccounts);

        static native TemplateInstance logout();

        static native TemplateInstance resetRequest(boolean sent, FieldErrors errors);

        static native TemplateInstance reset(String token, FieldErrors errors);
    }

    private final AccountService accounts;
    private final SignIn signIn;
    private final Sessions sessions;
    private final AuditLog audit;
    private final PageSessionMechanism mechanism;
    private final DevAccountsConfig devAccounts;
    private final CurrentUser me;

    SignInPages(
            AccountService accounts,
            SignIn signIn,
            Sessions sessions,
            AuditLog audit,
            PageSessionMechanism mechanism,
            DevAccountsConfig devAccounts,
            CurrentUser me) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.sessions = sessions;
        this.audit = audit;
        this.mechanism = mechanism;
        this.devAccounts = devAccounts;
        this.me = me;
    }

    @GET
    @Path("login")
    public TemplateInstance login(
            @RestQuery String registered,
            @RestQuery String next,
            @RestQuery String reset,
            @RestQuery String verified) {
        LoginNotice notice = null;
        String u =
                AccountPages.usernameOrNull(
                        registered != null ? registered : reset != null ? reset : verified);
        if (registered != null && u != null) {
            notice =
                    new LoginNotice(
                            "success",
                            "Account "
                                    + u
                                    + " created. We mailed a link to your address: follow it to"
                                    + " submit requests. Sign in with your new password.");
        } else if (reset != null && u != null) {
            notice = new LoginNotice("success", "Password changed. Sign in with the new one.");
        } else if (verified != null && u != null) {
            notice = new LoginNotice("success", "Your email address is verified.");
        }
        return loginPage(notice, u == null ? "" : u, NextPage.safe(next));
    }

    private TemplateInstance loginPage(LoginNotice notice, String username, String next) {
        return Templates.login(
                notice,
                username,
                next,
                DevAccounts.enabled(devAccounts) ? DevAccounts.ALL : List.of());
    }

    /**
     * Checks the password (throttled: 429 with a message after too many failures) and starts a
     * session: a new random cookie, whatever cookie came in (no session fixation).
     */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(
            @RestForm String username,
            @RestForm String password,
            @RestForm String next,
            RoutingContext ctx) {
        String address = ClientAddress.of(ctx);
        String u = AccountRules.normalizeUsername(username);
        String shown = AccountRules.usernameProblem(u) == null ? u : "";
        String safeNext = NextPage.safe(next);
        SecurityIdentity signedIn;
        try {
            signedIn = signIn.verify(u, password, address);
        } catch (SignInThrottledException e) {
            return Response.status(429)
                    .header("Retry-After", Long.toString(e.retryAfterSeconds()))
                    .entity(
                            loginPage(
                                    new LoginNotice("error", e.getMessage() + "."),
                                    shown,
                                    safeNext))
                    .build();
        } catch (AuthenticationFailedException e) {
            return Response.status(401)
                    .entity(
                            loginPage(
                                    new LoginNotice("error", "Wrong username or password."),
                                    shown,
                                    safeNext))
                    .build();
        }
        var old = ctx.request().getCookie(PageSessionMechanism.COOKIE);
        if (old != null) {
            sessions.end(old.getValue());
        }
        long accountId = (Long) signedIn.getAttribute(Identities.ACCOUNT_ID);
        String token = sessions.start(accountId, address);
        ctx.response().addCookie(mechanism.cookie(ctx, token));
        audit.record(AuditLog.Kind.SIGN_IN, u, u, address, Map.of("via", "form"));
        String target =
                Identities.mustChangePassword(signedIn)
                        ? "/account/password"
                        : safeNext == null ? "/" : safeNext;
        return Response.seeOther(URI.create(target)).build();
    }

    /** Where the sign-out button lives when a page could not render it. */
    @GET
    @Path("logout")
    public TemplateInstance logoutForm() {
        return Templates.logout();
    }

    /**
     * Ends the session on the server (its row goes, so the cookie stops working everywhere) and
     * forgets the cookie; harmless when nobody is signed in.
     */
    @POST
    @Path("logout")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response logout(RoutingContext ctx) {
        var cookie = ctx.request().getCookie(PageSessionMechanism.COOKIE);
        if (cookie != null && sessions.end(cookie.getValue()) && me.isAuthenticated()) {
            audit.record(
                    AuditLog.Kind.SIGNED_OUT,
                    me.username(),
                    me.username(),
                    ClientAddress.of(ctx),
                    null);
        }
        mechanism.clearCookie(ctx);
        return Response.seeOther(URI.create("/")).build();
    }

    // --- password reset -------------------------------------------------------------------------

    @GET
    @Path("password-reset")
    public TemplateInstance resetRequestForm() {
        return Templates.resetRequest(false, FieldErrors.NONE);
    }

    /** Always the same answer, whether or not an account matched: nothing tells which. */
    @POST
    @Path("password-reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestReset(@RestForm String account, RoutingContext ctx) {
        try {
            accounts.requestPasswordReset(account, ClientAddress.of(ctx));
        } catch (ProblemException e) {
            return Forms.again(Templates.resetRequest(false, FieldErrors.of(e.errors())));
        }
        return Response.ok(Templates.resetRequest(true, FieldErrors.NONE)).build();
    }

    @GET
    @Path("password-reset/{token}")
    public Response resetForm(@PathParam("token") String token) {
        if (!accounts.resetLinkIsGood(token)) {
            throw AccountPages.gone();
        }
        return Response.ok(Templates.reset(token, FieldErrors.NONE)).build();
    }

    @POST
    @Path("password-reset/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reset(
            @PathParam("token") String token,
            @RestForm String password,
            @RestForm String confirm,
            RoutingContext ctx) {
        if (password != null && !password.equals(confirm)) {
            return Forms.again(
                    Templates.reset(
                            token, FieldErrors.of("confirm", "does not match the password")));
        }
        return Forms.orAgain(
                () -> {
                    String username =
                            accounts.resetPassword(token, password, ClientAddress.of(ctx));
                    mechanism.clearCookie(ctx);
                    return Response.seeOther(
                                    URI.create("/login?reset=" + AccountPages.encode(username)))
                            .build();
                },
                e -> Templates.reset(token, FieldErrors.of(e.errors())));
    }
}
