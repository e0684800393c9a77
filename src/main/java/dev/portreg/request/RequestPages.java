package dev.portreg.request;

import static dev.portreg.request.RequestFormPage.*;

import dev.portreg.account.CurrentUser;
import dev.portreg.common.Forms;
import dev.portreg.common.InvalidInputException;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestPageViews.RequestPage;
import dev.portreg.request.RequestPageViews.Typed;
import dev.portreg.request.RequestViews.BallotInput;
import dev.portreg.request.RequestViews.CommentInput;
import dev.portreg.request.RequestViews.CompleteInput;
import dev.portreg.request.RequestViews.ReplyInput;
import dev.portreg.request.RequestViews.RequestSummary;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.request.RequestViews.ReviewInput;
import dev.portreg.review.ReviewDecision;
import dev.portreg.web.Flash;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The request pages: my requests, and the request page with its ballot, timeline and the actions
 * the viewer may take (the draft form is {@link DraftPages}). A thin adapter like {@link
 * RequestApi}: each action builds the same input record and calls the same {@link RequestActions}
 * method.
 *
 * <p>Every POST answers 303 to the request page with a flash on success; refused input shows the
 * page again with the message beside the form's field (422); a stale page (409) shows the request
 * as it now is with the message; 403 and 404 are the error page. Pages are per user and never
 * cached (SecurityHeaders marks every answer to a signed-in request no-store).
 */
@Path("/requests")
@Authenticated
@Produces(RequestPages.HTML)
public class RequestPages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mine(List<RequestSummary> requests, Flash flash);

        static native TemplateInstance request(RequestPage page);
    }

    private final RequestActions actions;
    private final RequestQueries queries;
    private final CurrentUser actor;
    private final RequestPageModels models;

    RequestPages(
            RequestActions actions,
            RequestQueries queries,
            CurrentUser actor,
            RequestPageModels models) {
        this.actions = actions;
        this.queries = queries;
        this.actor = actor;
        this.models = models;
    }

    @GET
    public Response mine(@RestQuery String done) {
        return Forms.page(200, Templates.mine(queries.mine(actor.signedIn()), Done.flash(done)));
    }

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id, @RestQuery String done) {
        return requestPage(models, 200, id(id), Done.flash(done), Typed.NONE);
    }

    /** Submits from the request page; what keeps it from being submitted shows on the form. */
    @POST
    @Path("{id}/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        try {
            actions.submit(id, version(version));
            return redirect(id, Done.SUBMITTED);
        } catch (InvalidInputException e) {
            RequestView v = queries.view(actor.signedIn(), id);
            Flash flash =
                    Flash.error(
                            "The request cannot be submitted yet: correct what is marked below,"
                                    + " then submit again.");
            FormPage p =
                    models.formPage(
                            RequestForm.of(v),
                            id,
                            RequestPageViews.errors(e.errors()),
                            v.assessment(),
                            flash);
            return Forms.again(DraftPages.Templates.form(p));
        } catch (ProblemException e) {
            return conflict(id, e, Typed.NONE);
        }
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(
            @PathParam("id") String idText, @RestForm String version, @RestForm String comment) {
        long id = id(idText);
        return act(
                id,
                Typed.of("withdraw", comment, null),
                Done.WITHDRAWN,
                () -> actions.withdraw(id, version(version), new CommentInput(comment)));
    }

    @POST
    @Path("{id}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response review(
            @PathParam("id") String idText,
            @RestForm String version,
            @RestForm String decision,
            @RestForm String comment) {
        long id = id(idText);
        // Null only for a decision the action refuses: no redirect is made then.
        Done done = ReviewDecision.parse(decision).map(RequestPages::done).orElse(null);
        return act(
                id,
                Typed.of("review", comment, null),
                done,
                () -> actions.review(id, version(version), new ReviewInput(decision, comment)));
    }

    private static Done done(ReviewDecision d) {
        return switch (d) {
            case APPROVE -> Done.APPROVED;
            case REQUEST_CHANGES -> Done.CHANGES;
            case REJECT -> Done.REJECTED;
        };
    }

    @POST
    @Path("{id}/ballot")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response ballot(
            @PathParam("id") String idText,
            @RestForm String version,
            @RestForm String position,
            @RestForm String comment) {
        long id = id(idText);
        return act(
                id,
                Typed.of("ballot", comment, position),
                Done.BALLOT,
                () -> actions.ballot(id, version(version), new BallotInput(position, comment)));
    }

    @POST
    @Path("{id}/take")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response take(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        return act(id, Typed.NONE, Done.TAKEN, () -> actions.take(id, version(version)));
    }

    @POST
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reply(
            @PathParam("id") String idText, @RestForm String inReplyTo, @RestForm String comment) {
        long id = id(idText);
        return act(
                id,
                Typed.of("reply", comment, inReplyTo),
                Done.REPLIED,
                () -> actions.reply(id, new ReplyInput(answered(inReplyTo), comment)));
    }

    /** What a reply answers: the id of an event, or null for a plain reply. */
    private static Long answered(String inReplyTo) {
        if (inReplyTo == null || inReplyTo.isBlank()) {
            return null;
        }
        if (!inReplyTo.matches("\\d{1,18}")) {
            throw ProblemException.badInput("inReplyTo", "choose what you answer");
        }
        return Long.parseLong(inReplyTo);
    }

    @POST
    @Path("{id}/end-call")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endCall(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        return act(id, Typed.NONE, Done.CALL_ENDED, () -> actions.endCall(id, version(version)));
    }

    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response complete(
            @PathParam("id") String idText, @RestForm String version, @RestForm String notes) {
        long id = id(idText);
        return act(
                id,
                Typed.NONE,
                Done.COMPLETED,
                () -> actions.complete(id, version(version), new CompleteInput(notes)));
    }

    // --- helpers ---------------------------------------------------------------------------------

    /**
     * Runs an action of the request page: 303 with the flash of {@code done}; refused input shows
     * the page again with the message beside the form that sent it (422); else {@link #conflict}.
     */
    private Response act(long id, Typed typed, Done done, Supplier<PortRequest> action) {
        try {
            action.get();
            return redirect(id, done);
        } catch (InvalidInputException e) {
            Flash flash = Flash.error("Nothing was changed: " + RequestPageModels.firstMessage(e));
            Typed shown = typed.refused(RequestPageModels.errorsOf(e));
            return requestPage(models, Forms.INVALID, id, flash, shown);
        } catch (ProblemException e) {
            return conflict(id, e, typed);
        }
    }

    /**
     * A conflict (409: a stale page, a state that moved on, the registry that changed) shows the
     * request as it now is with the message; anything else (403, 404) is the error page.
     */
    private Response conflict(long id, ProblemException e, Typed typed) {
        if (!Forms.conflict(e)) {
            throw e;
        }
        return requestPage(models, 409, id, Flash.error(e.getMessage()), typed);
    }

    static Response requestPage(
            RequestPageModels models, int status, long id, Flash flash, Typed typed) {
        return Forms.page(status, Templates.request(models.requestPage(id, flash, typed)));
    }

    /** A request id from the path: anything but a number is a request nobody can see. */
    static long id(String text) {
        String t = text == null ? "" : text.trim();
        if (!t.matches("\\d{1,18}")) {
            throw ProblemException.notFound("There is no request #" + t);
        }
        return Long.parseLong(t);
    }

    /** The version a form was loaded at, or -1 when the form sent none. */
    static long version(String text) {
        String t = RequestForm.trim(text);
        if (t == null) {
            return -1;
        }
        if (!t.matches("\\d{1,9}")) {
            throw ProblemException.stale(
                    "this form does not say which version of the request it was loaded from;"
                            + " reload the page and try again");
        }
        return Long.parseLong(t);
    }

    static Response redirect(long id, Done done) {
        return Response.seeOther(URI.create("/requests/" + id + "?done=" + done.slug)).build();
    }
}
