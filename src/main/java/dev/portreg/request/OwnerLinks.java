package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.account.CurrentUser;
import dev.portreg.account.PersonLinks;
import dev.portreg.account.Roles;
import dev.portreg.common.Urls;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.StoredEntry;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The ways the signed-in Assignee or Contact may change a service (RFC 6335 §8.2, §8.6, §7.2), for
 * the port and service pages: those pages are the same for every visitor (kept per snapshot), so
 * they ask here, and show the links only to whom {@link Ownership} says holds the service. Anyone
 * else gets an empty list.
 */
@Path("/requests/changes-for")
public class OwnerLinks {

    /** One way to change: the request form, prefilled. */
    public record Link(String kind, String label, String href) {}

    private final CurrentUser user;
    private final Registry registry;
    private final PersonLinks people;

    OwnerLinks(CurrentUser user, Registry registry, PersonLinks people) {
        this.user = user;
        this.registry = registry;
        this.people = people;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public List<Link> links(@RestQuery String service) {
        if (!user.isAuthenticated() || service == null || service.isBlank()) {
            return List.of();
        }
        Account me = user.signedIn();
        RegistrySnapshot reg = registry.current();
        List<StoredEntry> entries = reg.byName(service.strip());
        Ownership own =
                new Ownership(
                        reg,
                        new RequestChecks.Requester(
                                me.verifiedEmail(),
                                me.id == null ? Set.of() : people.linked(me.id),
                                me.roles.contains(Roles.IESG)));
        if (entries.isEmpty() || !entries.stream().allMatch(se -> own.ownedBy(se.entry()))) {
            return List.of();
        }
        return of(entries.get(0).entry().serviceName());
    }

    /** The links for a service one holds. */
    static List<Link> of(String name) {
        String target = "&targetService=" + Urls.param(name);
        List<Link> out = new ArrayList<>();
        out.add(link(RequestKind.MODIFY, "Modify description or contact", target));
        out.add(link(RequestKind.ADD_TRANSPORT, "Add a transport", target));
        out.add(link(RequestKind.DE_ASSIGN, "De-assign", target));
        return out;
    }

    private static Link link(RequestKind k, String label, String target) {
        return new Link(k.slug, label, "/requests/new?kind=" + k.slug + target);
    }
}
