package dev.portreg.account;

import dev.portreg.common.Forms;
import dev.portreg.common.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The operators' pages: the account list (roles, linked registry people) and the audit log. A
 * refused change shows the list again with the message (422 for refused input, else the problem's
 * status).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OperatorPages {

    /** One row of the operators' list, with where its forms post. */
    record AccountRow(
            AccountView account,
            String registered,
            String rolesAction,
            String linkAction,
            List<String> people) {}

    @CheckedTemplate(basePath = "AccountPages")
    static class Templates {
        static native TemplateInstance accounts(
                List<AccountRow> rows, List<String> grantable, String updated, String error);

        static native TemplateInstance audit(
                List<AuditLog.Event> events, String kind, String subject, Long older);
    }

    private final AccountService accounts;
    private final PersonLinks people;
    private final AuditLog audit;
    private final SecurityIdentity identity;
    private final CurrentUser me;

    OperatorPages(
            AccountService accounts,
            PersonLinks people,
            AuditLog audit,
            SecurityIdentity identity,
            CurrentUser me) {
        this.accounts = accounts;
        this.people = people;
        this.audit = audit;
        this.identity = identity;
        this.me = me;
    }

    @GET
    @Path("admin/accounts")
    @RolesAllowed(Roles.IANA)
    public TemplateInstance accountList(@RestQuery String updated) {
        return accountsPage(AccountPages.usernameOrNull(updated), null);
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
                            URI.create(
                                    "/admin/accounts?updated="
                                            + AccountPages.encode(changed.username())))
                    .build();
        } catch (ProblemException e) {
            return Forms.page(Forms.status(e), accountsPage(null, e.getMessage()));
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
                                            + AccountPages.encode(
                                                    AccountRules.normalizeUsername(username))))
                    .build();
        } catch (ProblemException e) {
            return Forms.page(Forms.status(e), accountsPage(null, e.getMessage()));
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
                            "/admin/accounts/" + AccountPages.encode(a.username()) + "/roles",
                            "/admin/accounts/" + AccountPages.encode(a.username()) + "/people",
                            people.linked(a.username())));
        }
        return Templates.accounts(rows, Roles.GRANTABLE, updated, error);
    }
}
