package dev.portreg.account;

import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The account pages: sign in (the form posts to Quarkus' /j_security_check), register, sign out,
 * and the operators' account list. A thin adapter over {@link AccountService}; every form carries
 * the CSRF token ({@code tags/form.html}).
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

    /** One row of the operators' list, with where its role form posts. */
    record AccountRow(AccountView account, String registered, String rolesAction) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(
                boolean failed, String registered, List<DevAccounts.DevAccount> devAccounts);

        static native TemplateInstance register(RegisterForm form, Errors errors);

        static native TemplateInstance logout();

        static native TemplateInstance accounts(
                List<AccountRow> rows, List<String> grantable, String updated, String error);
    }

    private final AccountService accounts;
    private final DevAccountsConfig devAccounts;
    private final String sessionCookie;

    AccountPages(
            AccountService accounts,
            DevAccountsConfig devAccounts,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.accounts = accounts;
        this.devAccounts = devAccounts;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("login")
    public TemplateInstance login(UriInfo uri, @RestQuery String registered) {
        return Templates.login(
                uri.getQueryParameters().containsKey("error"),
                usernameOrNull(registered),
                DevAccounts.enabled(devAccounts) ? DevAccounts.ALL : List.of());
    }

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
            @RestForm String confirm) {
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
                AccountView created = accounts.register(r);
                return Response.seeOther(
                                URI.create("/login?registered=" + encode(created.username())))
                        .build();
            } catch (ProblemException e) {
                errors =
                        e.errors().isEmpty()
                                ? List.of(new FieldError("username", e.getMessage()))
                                : e.errors();
            }
        }
        return Response.status(422).entity(Templates.register(form, Errors.of(errors))).build();
    }

    /** Where the sign-out button lives when a page could not render it. */
    @GET
    @Path("logout")
    public TemplateInstance logoutForm() {
        return Templates.logout();
    }

    /** Forgets the session cookie; harmless when nobody is signed in. */
    @POST
    @Path("logout")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response logout(RoutingContext ctx) {
        ctx.response()
                .addCookie(
                        Cookie.cookie(sessionCookie, "")
                                .setPath("/")
                                .setMaxAge(0)
                                .setHttpOnly(true));
        return Response.seeOther(URI.create("/")).build();
    }

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
    public Response setRoles(@PathParam("username") String username, @RestForm List<String> role) {
        try {
            AccountView changed = accounts.setRoles(username, role == null ? List.of() : role);
            return Response.seeOther(
                            URI.create("/admin/accounts?updated=" + encode(changed.username())))
                    .build();
        } catch (ProblemException e) {
            int status = e.status() == 400 ? 422 : e.status();
            return Response.status(status).entity(accountsPage(null, e.getMessage())).build();
        }
    }

    private TemplateInstance accountsPage(String updated, String error) {
        List<AccountRow> rows =
                accounts.list().stream()
                        .map(
                                a ->
                                        new AccountRow(
                                                a,
                                                a.createdAt()
                                                        .atZone(ZoneOffset.UTC)
                                                        .toLocalDate()
                                                        .toString(),
                                                "/admin/accounts/"
                                                        + encode(a.username())
                                                        + "/roles"))
                        .toList();
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

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
