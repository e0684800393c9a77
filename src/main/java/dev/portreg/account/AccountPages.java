package dev.portreg.account;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The account pages: sign in and out (server-side sessions, {@link Sessions}), register, verify an
 * address, change or reset a password, personal API tokens, and the operators' account list and
 * audit log. A thin adapter over the account services; every form carries the CSRF token ({@code
 * tags/form.html}), the sign-in form too.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    /** A field error to show beside its input; empty when the field is fine. */
    record Errors(Map<String, String> byField, String general) {

        static final Errors NONE = new Errors(Map.of(), null);

        static Errors of(List<FieldError> errors) {
            Map<String, String> map = new LinkedHashMap<>();
            errors.forEach(e -> map.putIfAbsent(e.field(), e.message()));
            return new Errors(map, null);
        }

        static Errors general(String message) {
            return new Errors(Map.of(), message);
        }

        public String get(String field) {
            return byField.get(field);
        }

        public boolean any() {
            return !byField.isEmpty() || general != null;
        }
    }

    /** What the register form shows again after an error: never the passwords. */
    record RegisterForm(String username, String name, String email) {
        static final RegisterForm EMPTY = new RegisterForm("", "", "");
    }

    /** One row of the operators' list, with where its forms post. */
    record AccountRow(
            AccountView account,
            String registered,
            String rolesAction,
            String linkAction,
            List<String> people) {}

    /** What the sign-in page says above the form. */
    record LoginNotice(String kind, String text) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(
                LoginNotice notice,
                String username,
                String next,
                List<DevAccounts.DevAccount> devAccounts);

        static native TemplateInstance register(RegisterForm form, Errors errors);

        static native TemplateInstance logout();

        static native TemplateInstance accounts(
                List<AccountRow> rows, List<String> grantable, String updated, String error);

        static native TemplateInstance account(
                AccountView account,
                List<String> people,
                List<ApiTokens.TokenView> tokens,
                ApiTokens.Created created,
                String notice,
                Errors errors);

        static native TemplateInstance password(boolean required, Errors errors);

        static native TemplateInstance resetRequest(boolean sent, Errors errors);

        static native TemplateInstance reset(String token, Errors errors);

        static native TemplateInstance verify(String token, String email);

        static native TemplateInstance audit(
                List<AuditLog.Event> events, String kind, String subject, Long older);
    }

    private final AccountService accounts;
    private final SignIn signIn;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final PersonLinks people;
    private final AuditLog audit;
    private final PageSessionMechanism mechanism;
    private final DevAccountsConfig devAccounts;
    private final SecurityIdentity identity;
    private final CurrentUser me;

    AccountPages(
            AccountService accounts,
            SignIn signIn,
            Sessions sessions,
            ApiTokens tokens,
            PersonLinks people,
            AuditLog audit,
            PageSessionMechanism mechanism,
            DevAccountsConfig devAccounts,
            SecurityIdentity identity,
            CurrentUser me) {
        this.accounts = accounts;
        this.signIn = signIn;
        this.sessions = sessions;
        this.tokens = tokens;
        this.people = people;
        this.audit = audit;
        this.mechanism = mechanism;
        this.devAccounts = devAccounts;
        this.identity = identity;
        this.me = me;
    }

    // --- signing in and out -------------------------------------------------------------------

    @GET
    @Path("login")
    public TemplateInstance login(
            @RestQuery String registered,
            @RestQuery String next,
            @RestQuery String reset,
            @RestQuery String verified) {
        LoginNotice notice = null;
        String u =
                usernameOrNull(registered != null ? registered : reset != null ? reset : verified);
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

    // --- registering and verifying ------------------------------------------------------------

    @GET
    @Path("register")
    public TemplateInstance registerForm() {
        return Templates.register(RegisterForm.EMPTY, Errors.NONE);
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(
            @RestForm String username,
            @RestForm String name,
            @RestForm String email,
            @RestForm String password,
            @RestForm String confirm,
            RoutingContext ctx) {
        Registration r = new Registration(username, password, name, email);
        RegisterForm form =
                new RegisterForm(
                        AccountRules.normalizeUsername(username),
                        AccountRules.normalizeText(name),
                        AccountRules.normalizeText(email));
        List<FieldError> errors = new ArrayList<>(accounts.validate(r));
        if (password != null && !password.isEmpty() && !password.equals(confirm)) {
            errors.add(new FieldError("confirm", "does not match the password"));
        }
        if (errors.isEmpty()) {
            try {
                AccountView created = accounts.register(r, ClientAddress.of(ctx));
                return Response.seeOther(
                                URI.create("/login?registered=" + encode(created.username())))
                        .build();
            } catch (TooManyRequests e) {
                throw e;
            } catch (ProblemException e) {
                errors =
                        e.errors().isEmpty()
                                ? List.of(new FieldError("username", e.getMessage()))
                                : e.errors();
            }
        }
        return Response.status(422).entity(Templates.register(form, Errors.of(errors))).build();
    }

    /**
     * The page a verification mail links to: it asks to confirm, so a mail scanner that opens the
     * link does not use it up.
     */
    @GET
    @Path("account/verify/{token}")
    public Response verifyForm(@PathParam("token") String token) {
        return accounts.verificationFor(token)
                .map(email -> Response.ok(Templates.verify(token, email)).build())
                .orElseThrow(AccountPages::gone);
    }

    @POST
    @Path("account/verify/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@PathParam("token") String token, RoutingContext ctx) {
        String username = accounts.verifyEmail(token, ClientAddress.of(ctx));
        return Response.seeOther(
                        URI.create(
                                me.isAuthenticated()
                                        ? "/account?done=verified"
                                        : "/login?verified=" + encode(username)))
                .build();
    }

    // --- your account ---------------------------------------------------------------------------

    @GET
    @Path("account")
    @Authenticated
    public TemplateInstance account(@RestQuery String done) {
        return accountPage(null, notice(done), Errors.NONE);
    }

    private TemplateInstance accountPage(ApiTokens.Created created, String notice, Errors errors) {
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
            return Response.status(e.status() == 400 ? 422 : e.status())
                    .entity(accountPage(null, null, Errors.general(e.getMessage())))
                    .build();
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
            return Response.status(422)
                    .entity(
                            accountPage(
                                    null,
                                    null,
                                    Errors.of(
                                            List.of(
                                                    new FieldError(
                                                            "expiresInDays",
                                                            "must be a number of days")))))
                    .build();
        }
        try {
            Account a = accounts.require(me.username());
            ApiTokens.Created created =
                    tokens.create(a.id, a.username, name, days, ClientAddress.of(ctx));
            // Shown once, on this page, never again: no redirect that could be reloaded.
            return Response.ok(accountPage(created, null, Errors.NONE))
                    .header("Cache-Control", "no-store")
                    .build();
        } catch (ProblemException e) {
            return Response.status(e.status() == 400 ? 422 : e.status())
                    .entity(
                            accountPage(
                                    null,
                                    null,
                                    e.errors().isEmpty()
                                            ? Errors.general(e.getMessage())
                                            : Errors.of(e.errors())))
                    .build();
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
        return Templates.password(Identities.mustChangePassword(identity), Errors.NONE);
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
            return Response.status(422)
                    .entity(
                            Templates.password(
                                    required,
                                    Errors.of(
                                            List.of(
                                                    new FieldError(
                                                            "confirm",
                                                            "does not match the new password")))))
                    .build();
        }
        try {
            accounts.changePassword(
                    me.username(),
                    currentPassword,
                    newPassword,
                    Identities.sessionId(identity),
                    ClientAddress.of(ctx));
        } catch (ProblemException e) {
            return Response.status(e.status() == 400 ? 422 : e.status())
                    .entity(Templates.password(required, Errors.of(e.errors())))
                    .build();
        }
        return Response.seeOther(URI.create("/account?done=password")).build();
    }

    @GET
    @Path("password-reset")
    public TemplateInstance resetRequestForm() {
        return Templates.resetRequest(false, Errors.NONE);
    }

    /** Always the same answer, whether or not an account matched: nothing tells which. */
    @POST
    @Path("password-reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response requestReset(@RestForm String account, RoutingContext ctx) {
        try {
            accounts.requestPasswordReset(account, ClientAddress.of(ctx));
        } catch (ProblemException e) {
            return Response.status(422)
                    .entity(Templates.resetRequest(false, Errors.of(e.errors())))
                    .build();
        }
        return Response.ok(Templates.resetRequest(true, Errors.NONE)).build();
    }

    @GET
    @Path("password-reset/{token}")
    public Response resetForm(@PathParam("token") String token) {
        if (!accounts.resetLinkIsGood(token)) {
            throw gone();
        }
        return Response.ok(Templates.reset(token, Errors.NONE)).build();
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
            return Response.status(422)
                    .entity(
                            Templates.reset(
                                    token,
                                    Errors.of(
                                            List.of(
                                                    new FieldError(
                                                            "confirm",
                                                            "does not match the password")))))
                    .build();
        }
        String username;
        try {
            username = accounts.resetPassword(token, password, ClientAddress.of(ctx));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Response.status(422)
                    .entity(Templates.reset(token, Errors.of(e.errors())))
                    .build();
        }
        mechanism.clearCookie(ctx);
        return Response.seeOther(URI.create("/login?reset=" + encode(username))).build();
    }

    // --- operators ------------------------------------------------------------------------------

    @GET
    @Path("admin/accounts")
    @RolesAllowed(Roles.IANA)
    public TemplateInstance accountList(@RestQuery String updated) {
        return accountsPage(usernameOrNull(updated), null);
    }

    @POST
    @Path("admin/accounts/{username}/roles")
    @RolesAllowed(Roles.IANA)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response setRoles(
            @PathParam("username") String username,
            @RestForm List<String> role,
            RoutingContext ctx) {
        try {
            AccountView changed =
                    accounts.setRoles(
                            me.username(),
                            Identities.sessionId(identity),
                            username,
                            role == null ? List.of() : role,
                            ClientAddress.of(ctx));
            return Response.seeOther(
                            URI.create("/admin/accounts?updated=" + encode(changed.username())))
                    .build();
        } catch (ProblemException e) {
            int status = e.status() == 400 ? 422 : e.status();
            return Response.status(status).entity(accountsPage(null, e.getMessage())).build();
        }
    }

    @POST
    @Path("admin/accounts/{username}/people")
    @RolesAllowed(Roles.IANA)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response linkPerson(
            @PathParam("username") String username,
            @RestForm String person,
            @RestForm String unlink,
            RoutingContext ctx) {
        try {
            if (unlink != null && !unlink.isBlank()) {
                people.unlink(me.username(), username, unlink.strip(), ClientAddress.of(ctx));
            } else {
                people.link(me.username(), username, person, ClientAddress.of(ctx));
            }
            return Response.seeOther(
                            URI.create(
                                    "/admin/accounts?updated="
                                            + encode(AccountRules.normalizeUsername(username))))
                    .build();
        } catch (ProblemException e) {
            int status = e.status() == 400 ? 422 : e.status();
            return Response.status(status).entity(accountsPage(null, e.getMessage())).build();
        }
    }

    @GET
    @Path("admin/audit")
    @RolesAllowed(Roles.IANA)
    public TemplateInstance auditLog(
            @RestQuery String kind, @RestQuery String subject, @RestQuery String before) {
        AuditLog.Kind k =
                kind == null || kind.isBlank() ? null : AuditLog.Kind.parse(kind).orElse(null);
        long older = 0;
        try {
            older = before == null || before.isBlank() ? 0 : Long.parseLong(before.strip());
        } catch (NumberFormatException e) {
            older = 0;
        }
        int size = 100;
        List<AuditLog.Event> events = audit.list(size + 1, older, k, subject);
        Long next = null;
        if (events.size() > size) {
            events = events.subList(0, size);
            next = events.get(size - 1).id();
        }
        return Templates.audit(
                events, k == null ? "" : k.slug, subject == null ? "" : subject.strip(), next);
    }

    private TemplateInstance accountsPage(String updated, String error) {
        List<AccountRow> rows = new ArrayList<>();
        for (AccountView a : accounts.list()) {
            rows.add(
                    new AccountRow(
                            a,
                            a.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString(),
                            "/admin/accounts/" + encode(a.username()) + "/roles",
                            "/admin/accounts/" + encode(a.username()) + "/people",
                            people.linked(a.username())));
        }
        return Templates.accounts(rows, Roles.GRANTABLE, updated, error);
    }

    /**
     * A username echoed from the query string, or null when it is not one: a crafted link must not
     * put arbitrary text into "Account ... created".
     */
    private static String usernameOrNull(String value) {
        String u = AccountRules.normalizeUsername(value);
        return AccountRules.usernameProblem(u) == null ? u : null;
    }

    private static ProblemException gone() {
        return new ProblemException(
                410,
                "Link not good any more",
                "This link was used already, expired, or a newer one was mailed. Ask for a new"
                        + " one.",
                List.of());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
