package dev.portreg.account;

import dev.portreg.common.FieldErrors;
import dev.portreg.common.Forms;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Getting an account: register, and confirm the address from the mailed link ({@link MailLinks}). A
 * refused registration shows the form again with the messages beside the fields (422).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class RegisterPages {

    /** What the register form shows again after an error: never the passwords. */
    record RegisterForm(String username, String name, String email) {
        static final RegisterForm EMPTY = new RegisterForm("", "", "");
    }

    @CheckedTemplate(basePath = "AccountPages")
    static class Templates {
        static native TemplateInstance register(RegisterForm form, FieldErrors errors);

        static native TemplateInstance verify(String token, String email);
    }

    private final AccountService accounts;
    private final CurrentUser me;

    RegisterPages(AccountService accounts, CurrentUser me) {
        this.accounts = accounts;
        this.me = me;
    }

    @GET
    @Path("register")
    public TemplateInstance registerForm() {
        return Templates.register(RegisterForm.EMPTY, FieldErrors.NONE);
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
                                URI.create(
                                        "/login?registered="
                                                + AccountPages.encode(created.username())))
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
        return Forms.again(Templates.register(form, FieldErrors.of(errors)));
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
                                        : "/login?verified=" + AccountPages.encode(username)))
                .build();
    }
}
