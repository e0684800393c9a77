package dev.portreg.account;

import dev.portreg.common.ProblemException;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Accounts over JSON: a thin adapter over {@link AccountService}. API clients authenticate with
 * HTTP Basic on every call (see application.properties, "Security"); the session cookie of the
 * pages is not accepted here, so a browser cannot be tricked into calling the API.
 */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Register, see yourself, and (IANA) manage roles")
public class AccountApi {

    private final AccountService accounts;
    private final CurrentUser me;

    AccountApi(AccountService accounts, CurrentUser me) {
        this.accounts = accounts;
        this.me = me;
    }

    /** The body of {@code POST /api/v1/accounts}. */
    public record NewAccount(String username, String password, String name, String email) {
        @Override
        public String toString() {
            return "NewAccount[username=" + username + "]";
        }
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Register an account (role requester)",
            description =
                    "Username: 3-32 of a-z 0-9 . _ - (stored lower-case, unique ignoring case)."
                            + " Password: at least 10 characters, not containing the username,"
                            + " not a common password. 400 names each bad field, 409 when the"
                            + " username is taken.")
    public Response register(NewAccount body) {
        if (body == null) {
            throw ProblemException.badInput(
                    "body", "is required: {username, password, name, email}");
        }
        AccountView created =
                accounts.register(
                        new Registration(
                                body.username(), body.password(), body.name(), body.email()));
        return Response.created(
                        UriBuilder.fromResource(AccountApi.class).path(created.username()).build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Operation(summary = "The account making the request")
    public AccountView me() {
        return me.account()
                .orElseThrow(() -> ProblemException.notFound("Your account no longer exists"));
    }

    @GET
    @RolesAllowed(Roles.IANA)
    @Operation(summary = "Every account (role iana)")
    public List<AccountView> list() {
        return accounts.list();
    }

    @GET
    @Path("/{username}")
    @Authenticated
    @Operation(summary = "One account: your own, or any (role iana)")
    public AccountView get(@PathParam("username") String username) {
        if (!me.has(Roles.IANA) && !username.equalsIgnoreCase(me.username())) {
            throw new ProblemException(
                    403, "Forbidden", "You may see only your own account", List.of());
        }
        return accounts.find(username)
                .orElseThrow(
                        () ->
                                ProblemException.notFound(
                                        "There is no account named '" + username + "'"));
    }

    @PUT
    @Path("/{username}/roles")
    @RolesAllowed(Roles.IANA)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set the roles of an account (role iana)",
            description =
                    "The body lists every role the account holds besides requester, which every"
                            + " account keeps: [\"iesg\"] means requester + iesg, [] requester"
                            + " only. Roles: expert, iesg, iana. 400 for an unknown role, 404 for"
                            + " an unknown account, 409 when nobody would be left holding iana.")
    public AccountView setRoles(@PathParam("username") String username, List<String> roles) {
        return accounts.setRoles(username, roles);
    }
}
