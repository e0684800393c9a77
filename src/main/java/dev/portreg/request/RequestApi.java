package dev.portreg.request;

import dev.portreg.account.CurrentUser;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestViews.BallotInput;
import dev.portreg.request.RequestViews.CommentInput;
import dev.portreg.request.RequestViews.ReplyInput;
import dev.portreg.request.RequestViews.RequestSummary;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.request.RequestViews.ReviewInput;
import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The request API: the same workflow the pages use, each action written once in {@link
 * RequestActions}. Every action answers with the request as it now is. Optional {@code If-Match:
 * <version>} makes an action fail with 409 if the request changed since the client read it.
 */
@Path("/api/v1")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Requests", description = "Draft, submit, review, ballot on and complete port requests")
public class RequestApi {

    private final RequestWorkflow workflow;
    private final RequestActions actions;
    private final RequestQueries queries;
    private final CurrentUser user;

    RequestApi(
            RequestWorkflow workflow,
            RequestActions actions,
            RequestQueries queries,
            CurrentUser user) {
        this.workflow = workflow;
        this.actions = actions;
        this.queries = queries;
        this.user = user;
    }

    @POST
    @Path("/requests")
    @Operation(summary = "Create a draft request; the track is derived where only one applies")
    public Response create(@Valid RequestInput input) {
        PortRequest r = workflow.create(user.signedIn(), require(input));
        return Response.created(URI.create("/api/v1/requests/" + r.id))
                .entity(queries.view(user.signedIn(), r.id))
                .build();
    }

    @GET
    @Path("/requests")
    @Operation(summary = "My requests, newest first")
    public List<RequestSummary> mine() {
        return queries.mine(user.signedIn());
    }

    @GET
    @Path("/requests/{id}")
    @Operation(
            summary = "A request with its assessment, ballot, events and the actions you may take")
    public RequestView get(@PathParam("id") long id) {
        return queries.view(user.signedIn(), id);
    }

    @PUT
    @Path("/requests/{id}")
    @Operation(summary = "Edit a draft, or a request whose reviewer asked for changes")
    public RequestView edit(
            @PathParam("id") long id,
            @HeaderParam("If-Match") String ifMatch,
            @Valid RequestInput input) {
        return now(workflow.edit(user.signedIn(), id, version(ifMatch), require(input)));
    }

    @POST
    @Path("/requests/{id}/submit")
    @Operation(summary = "Submit (or resubmit) for review; 400 lists what is missing")
    public RequestView submit(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        return now(actions.submit(id, version(ifMatch)));
    }

    @POST
    @Path("/requests/{id}/withdraw")
    @Operation(summary = "Withdraw your request")
    public RequestView withdraw(
            @PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, CommentInput body) {
        return now(actions.withdraw(id, version(ifMatch), body));
    }

    @POST
    @Path("/requests/{id}/review")
    @Operation(summary = "Decide: approve, request-changes or reject (with a comment)")
    public RequestView review(
            @PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, ReviewInput body) {
        return now(actions.review(id, version(ifMatch), body));
    }

    @POST
    @Path("/requests/{id}/ballot")
    @Operation(
            summary =
                    "Enter your IESG ballot position: yes, no-objection, discuss, abstain, recuse")
    public RequestView ballot(
            @PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, BallotInput body) {
        return now(actions.ballot(id, version(ifMatch), body));
    }

    @POST
    @Path("/requests/{id}/take")
    @Operation(summary = "Take a request in expert review: you become the expert who holds it")
    public RequestView take(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        return now(actions.take(id, version(ifMatch)));
    }

    @POST
    @Path("/requests/{id}/replies")
    @Operation(
            summary =
                    "Reply on an open request, or answer a Discuss or a change request (inReplyTo:"
                            + " its event id); mailed to the people concerned")
    public RequestView reply(@PathParam("id") long id, ReplyInput body) {
        return now(actions.reply(id, body));
    }

    @POST
    @Path("/requests/{id}/end-call")
    @Operation(summary = "End a revocation's four-week community call")
    public RequestView endCall(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch) {
        return now(actions.endCall(id, version(ifMatch)));
    }

    @POST
    @Path("/requests/{id}/complete")
    @Operation(summary = "Perform the registry action; 409 when the port is no longer free")
    public RequestView complete(
            @PathParam("id") long id,
            @HeaderParam("If-Match") String ifMatch,
            RequestViews.CompleteInput body) {
        return now(actions.complete(id, version(ifMatch), body));
    }

    @GET
    @Path("/queues/{role}")
    @Operation(summary = "Requests waiting for a role (expert, iesg, iana), oldest first")
    public List<RequestSummary> queue(
            @PathParam("role") @Parameter(description = "expert, iesg or iana") String role) {
        return queries.queue(user.signedIn(), role);
    }

    /** The answer to every action: the request as it now is, as the actor sees it. */
    private RequestView now(PortRequest acted) {
        return queries.view(user.signedIn(), acted.id);
    }

    private static RequestInput require(RequestInput input) {
        if (input == null) {
            throw ProblemException.badInput("body", "send the request as a JSON object");
        }
        return input;
    }

    /** The version from {@code If-Match}, or -1 when absent. */
    static long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return -1;
        }
        String v = ifMatch.trim().replace("\"", "").replace("W/", "");
        if (!v.matches("\\d{1,9}")) {
            throw ProblemException.badInput("If-Match", "must be the request's version number");
        }
        return Long.parseLong(v);
    }
}
