package dev.portreg.account;

import dev.portreg.common.FieldErrors;
import dev.portreg.common.Forms;
import dev.portreg.common.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Your account: its page (linked registry people, personal API tokens, a new verification mail) and
 * changing the password. A refused form shows the page again with the messages beside the fields
 * (422, {@link Forms}; another refusal with its own status). The other account pages: {@link
 * SignInPages} (sign in and out, password reset), {@link RegisterPages}, {@link OperatorPages}.
 * Every form carries the CSRF token ({@code tags/form.html}).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance account(
                AccountView account,
                List<String> people,
                List<ApiTokens.TokenView> tokens,
                ApiTokens.Created created,
                String notice,
                FieldErrors errors);

        static native TemplateInstance password(boolean required, FieldErrors errors);
    }

    private final AccountService accounts;
    private final ApiTokens tokens;
    private final PersonLinks people;
    private final SecurityIdentity identity;
    private final CurrentUser me;

    AccountPages(
            AccountService accounts,
            ApiTokens tokens,
            PersonLinks people,
            SecurityIdentity identity,
            CurrentUser me) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.people = people;
        this.identity = identity;
        this.me = me;
    }

    @GET
    @Path("account")
    @Authenticated
    public TemplateInstance account(@RestQuery String done) {
        return accountPage(null, notice(done), FieldErrors.NONE);
    }

    private TemplateInstance accountPage(
            ApiTokens.Created created, String notice, FieldErrors errors) {
        Account a = accounts.require(me.username());
        return Templates.account(
                AccountView.of(a),
                new ArrayList<>(people.linked(a.id)),
                tokens.list(a.id),
                created,
                notice,
                errors);
    }

    private static String notice(String done) {
        if (done == null) {
            return null;
        }
        return switch (done) {
            case "verified" -> "Your email address is verified.";
            case "mailed" -> "We mailed a new link to your address.";
            case "password" -> "Password changed. Your other sessions have ended.";
            case "revoked" -> "Token revoked: it no longer works.";
            default -> null;
        };
    }

    @POST
    @Path("account/verification")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resendVerification(RoutingContext ctx) {
        try {
            accounts.resendVerification(me.username(), ClientAddress.of(ctx));
        } catch (TooManyRequests e) {
            throw e;
        } catch (ProblemException e) {
            return Forms.page(
                    Forms.status(e), accountPage(null, null, FieldErrors.general(e.getMessage())));
        }
        return Response.seeOther(URI.create("/account?done=mailed")).build();
    }

    @POST
    @Path("account/tokens")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createToken(
            @RestForm String name, @RestForm String expiresInDays, RoutingContext ctx) {
        Integer days;
        try {
            days =
                    expiresInDays == null || expiresInDays.isBlank()
                            ? null
                            : Integer.valueOf(expiresInDays.strip());
        } catch (NumberFormatException e) {
            return Forms.again(
                    accountPage(
                            null,
                            null,
                            FieldErrors.of("expiresInDays", "must be a number of days")));
        }
        try {
            Account a = accounts.require(me.username());
            ApiTokens.Created created =
                    tokens.create(a.id, a.username, name, days, ClientAddress.of(ctx));
            // Shown once, on this page, never again: no redirect that could be reloaded.
            return Response.ok(accountPage(created, null, FieldErrors.NONE))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (ProblemException e) {
            return Forms.page(Forms.status(e), accountPage(null, null, FieldErrors.of(e)));
        }
    }

    @POST
    @Path("account/tokens/{id}/revoke")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revokeToken(@PathParam("id") String id, RoutingContext ctx) {
        long tokenId;
        try {
            tokenId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ProblemException.notFound("You have no token #" + id);
        }
        Account a = accounts.require(me.username());
        tokens.revoke(a.id, a.username, tokenId, ClientAddress.of(ctx));
        return Response.seeOther(URI.create("/account?done=revoked")).build();
    }

    // --- passwords ------------------------------------------------------------------------------

    @GET
    @Path("account/password")
    @Authenticated
    public TemplateInstance passwordForm() {
        return Templates.password(Identities.mustChangePassword(identity), FieldErrors.NONE);
    }

    @POST
    @Path("account/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response changePassword(
            @RestForm String currentPassword,
            @RestForm String newPassword,
            @RestForm String confirm,
            RoutingContext ctx) {
        boolean required = Identities.mustChangePassword(identity);
        if (newPassword != null && !newPassword.equals(confirm)) {
            return Forms.again(
                    Templates.password(
                            required,
                            FieldErrors.of("confirm", "does not match the new password")));
        }
        try {
            accounts.changePassword(
                    me.username(),
                    currentPassword,
                    newPassword,
                    Identities.sessionId(identity),
                    ClientAddress.of(ctx));
        } catch (ProblemException e) {
            return Forms.page(
                    Forms.status(e), Templates.password(required, FieldErrors.of(e.errors())));
        }
        return Response.seeOther(URI.create("/account?done=password")).build();
    }

    /**
     * A username echoed from the query string, or null when it is not one: a crafted link must not
     * put arbitrary text into "Account ... created".
     */
    static String usernameOrNull(String value) {
        String u = AccountRules.normalizeUsername(value);
        return AccountRules.usernameProblem(u) == null ? u : null;
    }

    /** 410: a mailed link that was used, expired or replaced. */
    static ProblemException gone() {
        return new ProblemException(
                410,
                "Link not good any more",
                "This link was used already, expired, or a newer one was mailed. Ask for a new"
                        + " one.",
                List.of());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
