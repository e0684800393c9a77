package dev.portreg.account;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.portreg.common.ProblemException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Accounts over JSON: a thin adapter over the account services. API clients send HTTP Basic or a
 * personal token ({@code Authorization: Bearer}) on every call; the session cookie of the pages is
 * not accepted here, so a browser cannot be tricked into calling the API.
 */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts", description = "Register, see yourself, tokens, and (IANA) manage roles")
public class AccountApi {

    private final AccountService accounts;
    private final ApiTokens tokens;
    private final PersonLinks people;
    private final CurrentUser me;
    private final SecurityIdentity identity;

    AccountApi(
            AccountService accounts,
            ApiTokens tokens,
            PersonLinks people,
            CurrentUser me,
            SecurityIdentity identity) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.people = people;
        this.me = me;
        this.identity = identity;
    }

    /** The body of {@code POST /api/v1/accounts}; errors come in the form's order. */
    @JsonPropertyOrder({"username", "name", "email", "password"})
    public record NewAccount(
            @Schema(maxLength = AccountRules.USERNAME_MAX, pattern = "[a-z0-9._-]{3,32}")
                    @AccountConstraints.Username
                    String username,
            @Schema(maxLength = AccountRules.PASSWORD_MAX_BYTES) @AccountConstraints.PasswordShape
                    String password,
            @Schema(maxLength = AccountRules.NAME_MAX) @AccountConstraints.PersonName String name,
            @Schema(maxLength = AccountRules.EMAIL_MAX) @AccountConstraints.EmailAddress
                    String email) {
        @Override
        public String toString() {
            return "NewAccount[username=" + username + "]";
        }
    }

    /** The body of {@code PUT /api/v1/accounts/me/password}. */
    public record PasswordChange(
            String currentPassword,
            @Schema(maxLength = AccountRules.PASSWORD_MAX_BYTES) @AccountConstraints.PasswordShape
                    String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    /** The body of {@code POST /api/v1/accounts/me/tokens}. */
    public record NewToken(
            @Schema(maxLength = ApiTokens.NAME_MAX, description = "What the token is for")
                    @AccountConstraints.TokenName
                    String name,
            @Schema(description = "Days until it expires: 1-365, 90 when left out")
                    @AccountConstraints.TokenLifetime
                    Integer expiresInDays) {}

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Register an account (role requester); a link to verify the address is mailed",
            description =
                    "Username: 3-32 of a-z 0-9 . _ - (stored lower-case, unique ignoring case)."
                            + " Password: at least 10 characters, not containing the username, not"
                            + " easy to guess (a strength estimate with a list of leaked"
                            + " passwords). 400 names each bad field, 409 when the username is"
                            + " taken, 429 after too many registrations from one address. The"
                            + " account can draft requests at once and submit them once its"
                            + " address is verified.")
    public Response register(@Valid NewAccount body, RoutingContext ctx) {
        if (body == null) {
            throw ProblemException.badInput(
                    "body", "is required: {username, password, name, email}");
        }
        AccountView created =
                accounts.register(
                        new Registration(
                                body.username(), body.password(), body.name(), body.email()),
                        ClientAddress.of(ctx));
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

    @PUT
    @Path("/me/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change your password",
            description =
                    "Needs the current password, and a new one that passes the same rules as at"
                            + " registration; every page session of the account ends. 204 when"
                            + " changed, 400 naming the field otherwise.")
    public Response changePassword(@Valid PasswordChange body, RoutingContext ctx) {
        if (body == null) {
            throw ProblemException.badInput("body", "is required: {currentPassword, newPassword}");
        }
        accounts.changePassword(
                me.username(),
                body.currentPassword(),
                body.newPassword(),
                null,
                ClientAddress.of(ctx));
        return Response.noContent().build();
    }

    @POST
    @Path("/me/tokens")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Make a personal API token",
            description =
                    "Answers 201 with the token, shown this once: send it as Authorization: Bearer"
                            + " <token> on any /api/v1 call, with your account's roles. Only its"
                            + " hash is kept. Made with your password (Basic), not with another"
                            + " token. 400 for a bad name or lifetime, 409 at 20 live tokens.")
    public Response createToken(@Valid NewToken body, RoutingContext ctx) {
        if (me.viaToken()) {
            throw new ProblemException(
                    403,
                    "Forbidden",
                    "A token cannot make another token: sign in with your password",
                    List.of());
        }
        if (body == null) {
            throw ProblemException.badInput("body", "is required: {name, expiresInDays}");
        }
        long accountId = (Long) identity.getAttribute(Identities.ACCOUNT_ID);
        ApiTokens.Created created =
                tokens.create(
                        accountId,
                        me.username(),
                        body.name(),
                        body.expiresInDays(),
                        ClientAddress.of(ctx));
        return Response.created(
                        UriBuilder.fromResource(AccountApi.class)
                                .path("me/tokens/" + created.id())
                                .build())
                .entity(created)
                .build();
    }

    @GET
    @Path("/me/tokens")
    @Authenticated
    @Operation(summary = "Your API tokens (never the tokens themselves), with their last use")
    public List<ApiTokens.TokenView> listTokens() {
        return tokens.list((Long) identity.getAttribute(Identities.ACCOUNT_ID));
    }

    @DELETE
    @Path("/me/tokens/{id}")
    @Authenticated
    @Operation(summary = "Revoke one of your tokens: 204, or 404 when you have no such token")
    public Response revokeToken(@PathParam("id") long id, RoutingContext ctx) {
        tokens.revoke(
                (Long) identity.getAttribute(Identities.ACCOUNT_ID),
                me.username(),
                id,
                ClientAddress.of(ctx));
        return Response.noContent().build();
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
        ownOrOperator(username);
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
                            + " only. Roles: expert, iesg, iana. The change is audited with the"
                            + " operator and ends the account's page sessions. 400 for an unknown"
                            + " role, 404 for an unknown account, 409 when nobody would be left"
                            + " holding iana.")
    public AccountView setRoles(
            @PathParam("username") String username, List<String> roles, RoutingContext ctx) {
        return accounts.setRoles(me.username(), username, roles, ClientAddress.of(ctx));
    }

    @GET
    @Path("/{username}/people")
    @Authenticated
    @Operation(
            summary = "The registry people an account speaks for by an operator's link",
            description = "Your own, or any account's (role iana).")
    public List<String> people(@PathParam("username") String username) {
        ownOrOperator(username);
        return people.linked(username);
    }

    @PUT
    @Path("/{username}/people/{person}")
    @RolesAllowed(Roles.IANA)
    @Operation(
            summary = "Link an account to a registry person (role iana)",
            description =
                    "The account then acts as that person (Assignee or Contact) for the person's"
                            + " entries, whatever its address. Audited. The IESG and the IETF"
                            + " Chair cannot be linked (400).")
    public List<String> link(
            @PathParam("username") String username,
            @PathParam("person") String person,
            RoutingContext ctx) {
        return people.link(me.username(), username, person, ClientAddress.of(ctx));
    }

    @DELETE
    @Path("/{username}/people/{person}")
    @RolesAllowed(Roles.IANA)
    @Operation(summary = "Remove a link to a registry person (role iana); 404 when there is none")
    public List<String> unlink(
            @PathParam("username") String username,
            @PathParam("person") String person,
            RoutingContext ctx) {
        return people.unlink(me.username(), username, person, ClientAddress.of(ctx));
    }

    private void ownOrOperator(String username) {
        if (!me.has(Roles.IANA) && !username.equalsIgnoreCase(me.username())) {
            throw new ProblemException(
                    403, "Forbidden", "You may see only your own account", List.of());
        }
    }
}
