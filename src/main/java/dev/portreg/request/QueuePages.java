package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.account.CurrentUser;
import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestViews.RequestSummary;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * The reviewers' queues: what waits for the designated experts, the IESG and the IANA operator,
 * oldest first, with the requests that are late against the RFC timeframes flagged. A thin adapter
 * over {@link RequestQueries#queue}, which also decides who may see which queue.
 */
@Path("/queues")
@Authenticated
@Produces(QueuePages.HTML)
public class QueuePages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    /** One queue: the role it is for, its name and what waits in it. */
    public record Queue(String role, String title, String waiting, boolean current) {
        public String url() {
            return "/queues/" + role;
        }
    }

    /** The queues, in the order a request moves through them. */
    static final List<Queue> ALL =
            List.of(
                    new Queue(
                            Roles.EXPERT,
                            "Expert review",
                            "Requests a designated expert decides (RFC 8126 §4.5). An expert"
                                    + " usually answers within a week.",
                            false),
                    new Queue(
                            Roles.IESG,
                            "IESG",
                            "Requests decided by an IESG ballot (IETF Review, IESG Approval,"
                                    + " Standards Action), and revocations in their community"
                                    + " call.",
                            false),
                    new Queue(
                            Roles.IANA,
                            "IANA",
                            "Name-only and maintenance requests to check and register, approved"
                                    + " requests waiting for the registry action, and community"
                                    + " calls to close.",
                            false));

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(
                Queue queue, List<Queue> tabs, List<RequestSummary> requests, long overdue);
    }

    private final RequestQueries queries;
    private final CurrentUser actor;

    QueuePages(RequestQueries queries, CurrentUser actor) {
        this.queries = queries;
        this.actor = actor;
    }

    /** The first queue the visitor may see. */
    @GET
    public Response first() {
        List<Queue> mine = held(actor.signedIn(), null);
        if (mine.isEmpty()) {
            throw new ProblemException(
                    403,
                    "Forbidden",
                    "the queues are for designated experts, IESG members and IANA operators",
                    List.of());
        }
        return Response.seeOther(URI.create(mine.get(0).url())).build();
    }

    @GET
    @Path("{role}")
    public Response queue(@PathParam("role") String role) {
        Account me = actor.signedIn();
        List<RequestSummary> requests = queries.queue(me, role);
        List<Queue> tabs = held(me, role);
        Queue current = tabs.stream().filter(Queue::current).findFirst().orElseThrow();
        long overdue = requests.stream().filter(r -> r.overdue() != null).count();
        return Response.ok(Templates.queue(current, tabs, requests, overdue)).build();
    }

    private static List<Queue> held(Account a, String current) {
        return ALL.stream()
                .filter(q -> a.roles.contains(q.role()))
                .map(q -> new Queue(q.role(), q.title(), q.waiting(), q.role().equals(current)))
                .toList();
    }
}
