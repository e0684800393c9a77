package dev.portreg.request;

import static dev.portreg.request.AssessmentPanel.*;
import static dev.portreg.request.RequestBallot.*;
import static dev.portreg.request.RequestFormPage.*;
import static dev.portreg.request.RequestPageViews.*;
import static dev.portreg.request.RequestTimeline.*;

import dev.portreg.account.Account;
import dev.portreg.account.CurrentUser;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestPageViews.FieldErrors;
import dev.portreg.request.RequestPageViews.RequestPage;
import dev.portreg.request.RequestPageViews.Typed;
import dev.portreg.request.RequestViews.RequestSummary;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.ReviewDecision;
import dev.portreg.web.Flash;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.BeanParam;
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
 * The request pages: my requests, the draft form with its live assessment, and the request page
 * with its ballot, timeline and the actions the viewer may take. A thin adapter over {@link
 * RequestWorkflow} and {@link RequestQueries}, like {@link RequestApi}: it builds the same {@link
 * RequestInput} from the form and calls the same methods.
 *
 * <p>Every POST answers 303 to a page with a flash on success; a refusal of the input (400) shows
 * the form again with the messages beside the fields (422); a stale page (409) shows the request as
 * it now is with the message; 403 and 404 are the error page. Pages are per user and never cached.
 */
@Path("/requests")
@Authenticated
@Produces(RequestPages.HTML)
public class RequestPages {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    /** The draft form's id: buttons of the assessment panel post it from outside. */
    static final String FORM_ID = "request-form";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance mine(List<RequestSummary> requests, Flash flash);

        static native TemplateInstance form(FormPage page);

        /** The assessment panel and the track choice alone, for the script that re-checks. */
        static native TemplateInstance assessment(FormPage page);

        static native TemplateInstance request(RequestPage page);
    }

    private final RequestWorkflow workflow;
    private final RequestQueries queries;
    private final CurrentUser actor;
    private final RequestPageModels models;

    RequestPages(
            RequestWorkflow workflow,
            RequestQueries queries,
            CurrentUser actor,
            RequestPageModels models) {
        this.workflow = workflow;
        this.queries = queries;
        this.actor = actor;
        this.models = models;
    }

    // --- lists -----------------------------------------------------------------------------------

    @GET
    public Response mine(@RestQuery String done) {
        return page(200, Templates.mine(queries.mine(actor.signedIn()), Done.flash(done)));
    }

    // --- the draft form --------------------------------------------------------------------------

    /** A new draft, prefilled from a link: {@code /requests/new?port=938&transports=tcp,udp}. */
    @GET
    @Path("new")
    public Response newForm(
            @RestQuery String port,
            @RestQuery String kind,
            @RestQuery List<String> transports,
            @RestQuery String targetService) {
        Account me = actor.signedIn();
        String k =
                RequestPageModels.operator(me) || !RequestKind.REVOKE.slug.equals(kind)
                        ? kind
                        : null;
        RequestForm form = RequestForm.prefilled(k, port, transports, targetService);
        return page(
                200,
                Templates.form(
                        models.formPage(form, null, FieldErrors.NONE, models.quietly(form), null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam RequestForm form) {
        return orRefused(
                form,
                null,
                () ->
                        redirect(
                                workflow.create(actor.signedIn(), RequestPageModels.input(form)).id,
                                Done.CREATED));
    }

    /** Assesses the form as it stands, saving nothing. */
    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@BeanParam RequestForm form) {
        Long id = models.editedId(form);
        if (RequestForm.trim(form.usePort) != null) {
            form.port = form.usePort.trim();
            form.portChoice = RequestForm.SPECIFIC;
        }
        return orRefused(
                form,
                id,
                () -> {
                    Assessment a = models.assess(form, id);
                    FieldErrors errors = FieldErrors.of(a.errors());
                    Flash flash =
                            a.submittable()
                                    ? Flash.success(
                                            "Checked: nothing blocks submission. Nothing was saved.")
                                    : Flash.error(
                                            "Checked: "
                                                    + a.errors().size()
                                                    + (a.errors().size() == 1
                                                            ? " point blocks"
                                                            : " points block")
                                                    + " submission, marked below. Nothing was saved.");
                    return page(
                            200, Templates.form(models.formPage(form, id, errors, a, flash, true)));
                });
    }

    /** The assessment panel for the form as it stands: what the script swaps in as one types. */
    @POST
    @Path("assessment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assessment(@BeanParam RequestForm form) {
        Long id = models.editedId(form);
        FormPage p;
        try {
            p = models.formPage(form, id, FieldErrors.NONE, models.assess(form, id), null);
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            p = models.refused(form, id, e, null);
        }
        return page(200, Templates.assessment(p));
    }

    @GET
    @Path("{id}/edit")
    public Response editForm(@PathParam("id") String id) {
        RequestView v = models.editable(id(id));
        RequestForm form = RequestForm.of(v);
        return page(
                200,
                Templates.form(
                        models.formPage(form, v.id(), FieldErrors.NONE, v.assessment(), null)));
    }

    /** Saves the draft; with {@code action=submit} submits it right after. */
    @POST
    @Path("{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") String idText, @BeanParam RequestForm form) {
        long id = id(idText);
        form.id = Long.toString(id);
        PortRequest saved;
        try {
            saved =
                    workflow.edit(
                            actor.signedIn(),
                            id,
                            version(form.version),
                            RequestPageModels.input(form));
        } catch (ProblemException e) {
            if (e.status() == 400) {
                return page(422, Templates.form(models.refused(form, id, e, null)));
            }
            if (e.status() == 409) {
                return page(
                        409,
                        Templates.form(
                                models.formPage(
                                        form,
                                        id,
                                        FieldErrors.NONE,
                                        models.quietly(form, id),
                                        Flash.error(
                                                e.getMessage()
                                                        + ". Nothing was saved: your text is"
                                                        + " still below."))));
            }
            throw e;
        }
        if (!"submit".equals(form.action)) {
            return redirect(id, Done.SAVED);
        }
        form.version = Integer.toString(saved.version);
        try {
            workflow.submit(actor.signedIn(), id, saved.version);
            return redirect(id, Done.SUBMITTED);
        } catch (ProblemException e) {
            if (e.status() == 400) {
                return page(
                        422,
                        Templates.form(
                                models.refused(
                                        form,
                                        id,
                                        e,
                                        Flash.error(
                                                "Your changes are saved, but the request cannot be"
                                                        + " submitted yet: correct what is marked"
                                                        + " below."))));
            }
            if (e.status() == 409) {
                return requestPage(409, id, Flash.error(e.getMessage()), Typed.NONE);
            }
            throw e;
        }
    }

    /** Runs a form action; a 400 from the workflow shows the form again with its errors (422). */
    private Response orRefused(RequestForm form, Long id, Supplier<Response> action) {
        try {
            return action.get();
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return page(422, Templates.form(models.refused(form, id, e, null)));
        }
    }

    // --- the request page and its actions --------------------------------------------------------

    @GET
    @Path("{id}")
    public Response show(@PathParam("id") String id, @RestQuery String done) {
        return requestPage(200, id(id), Done.flash(done), Typed.NONE);
    }

    @POST
    @Path("{id}/submit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        try {
            workflow.submit(actor.signedIn(), id, version(version));
            return redirect(id, Done.SUBMITTED);
        } catch (ProblemException e) {
            if (e.status() == 400) {
                RequestView v = queries.view(actor.signedIn(), id);
                RequestForm form = RequestForm.of(v);
                return page(
                        422,
                        Templates.form(
                                models.formPage(
                                        form,
                                        id,
                                        FieldErrors.of(e.errors()),
                                        v.assessment(),
                                        Flash.error(
                                                "The request cannot be submitted yet: correct what"
                                                        + " is marked below, then submit again."))));
            }
            return refusedAction(id, e, Typed.NONE);
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
                new Typed("withdraw", comment, null, FieldErrors.NONE),
                () -> workflow.withdraw(actor.signedIn(), id, version(version), comment),
                Done.WITHDRAWN);
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
        Typed typed = new Typed("review", comment, null, FieldErrors.NONE);
        ReviewDecision d = ReviewDecision.parse(decision).orElse(null);
        if (d == null) {
            return refusedAction(
                    id,
                    ProblemException.badInput(
                            "decision", "choose approve, request changes or reject"),
                    typed);
        }
        Done done =
                switch (d) {
                    case APPROVE -> Done.APPROVED;
                    case REQUEST_CHANGES -> Done.CHANGES;
                    case REJECT -> Done.REJECTED;
                };
        return act(
                id,
                typed,
                () -> workflow.review(actor.signedIn(), id, version(version), d, comment),
                done);
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
        Typed typed = new Typed("ballot", comment, position, FieldErrors.NONE);
        BallotPosition p = BallotPosition.parseEntered(position).orElse(null);
        if (p == null) {
            return refusedAction(
                    id,
                    ProblemException.badInput(
                            "position", "choose Yes, No Objection, Discuss, Abstain or Recuse"),
                    typed);
        }
        return act(
                id,
                typed,
                () -> workflow.ballot(actor.signedIn(), id, version(version), p, comment),
                Done.BALLOT);
    }

    @POST
    @Path("{id}/take")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response take(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        return act(
                id,
                Typed.NONE,
                () -> workflow.take(actor.signedIn(), id, version(version)),
                Done.TAKEN);
    }

    @POST
    @Path("{id}/reply")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reply(
            @PathParam("id") String idText, @RestForm String inReplyTo, @RestForm String comment) {
        long id = id(idText);
        Typed typed = new Typed("reply", comment, inReplyTo, FieldErrors.NONE);
        Long to = null;
        if (inReplyTo != null && !inReplyTo.isBlank()) {
            if (!inReplyTo.matches("\\d{1,18}")) {
                return refusedAction(
                        id,
                        ProblemException.badInput("inReplyTo", "choose what you answer"),
                        typed);
            }
            to = Long.parseLong(inReplyTo);
        }
        Long answered = to;
        return act(
                id,
                typed,
                () -> workflow.reply(actor.signedIn(), id, answered, comment),
                Done.REPLIED);
    }

    @POST
    @Path("{id}/end-call")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endCall(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        return act(
                id,
                Typed.NONE,
                () -> workflow.endCommunityCall(actor.signedIn(), id, version(version)),
                Done.CALL_ENDED);
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
                () -> workflow.complete(actor.signedIn(), id, version(version), notes),
                Done.COMPLETED);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** Runs an action: 303 with a flash, or the request page with the refusal. */
    private Response act(long id, Typed typed, Supplier<PortRequest> action, Done done) {
        try {
            action.get();
            return redirect(id, done);
        } catch (ProblemException e) {
            return refusedAction(id, e, typed);
        }
    }

    /**
     * A refused action: bad input (400) shows the request page again with the message beside the
     * form's field (422); a conflict (409: a stale page, a state that moved on, the registry that
     * changed) shows the request as it now is with the message; 403 and 404 are the error page.
     */
    private Response refusedAction(long id, ProblemException e, Typed typed) {
        if (e.status() == 400) {
            Typed shown =
                    new Typed(
                            typed.form(),
                            typed.comment(),
                            typed.position(),
                            RequestPageModels.errorsOf(e));
            return requestPage(
                    422,
                    id,
                    Flash.error("Nothing was changed: " + RequestPageModels.firstMessage(e)),
                    shown);
        }
        if (e.status() == 409) {
            return requestPage(409, id, Flash.error(e.getMessage()), typed);
        }
        throw e;
    }

    private Response requestPage(int status, long id, Flash flash, Typed typed) {
        return page(status, Templates.request(models.requestPage(id, flash, typed)));
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

    private static Response redirect(long id, Done done) {
        return Response.seeOther(URI.create("/requests/" + id + "?done=" + done.slug)).build();
    }

    /**
     * A page for one signed-in visitor, with its status. Never stored by a cache: SecurityHeaders
     * marks every answer to a signed-in request no-store.
     */
    static Response page(int status, TemplateInstance page) {
        return Response.status(status).type(HTML).entity(page).build();
    }
}
