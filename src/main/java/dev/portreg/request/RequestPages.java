package dev.portreg.request;

import dev.portreg.account.Account;
import dev.portreg.account.AccountService;
import dev.portreg.account.Roles;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestPageViews.Actions;
import dev.portreg.request.RequestPageViews.FieldErrors;
import dev.portreg.request.RequestPageViews.Flash;
import dev.portreg.request.RequestPageViews.FormPage;
import dev.portreg.request.RequestPageViews.Panel;
import dev.portreg.request.RequestPageViews.RequestPage;
import dev.portreg.request.RequestPageViews.TrackChoice;
import dev.portreg.request.RequestPageViews.Typed;
import dev.portreg.request.RequestViews.AccountRef;
import dev.portreg.request.RequestViews.RequestSummary;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.review.BallotPosition;
import dev.portreg.review.ReviewDecision;
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

    /** What a redirect after a successful post says; the link names the key, never the text. */
    enum Done {
        CREATED("created", "Draft saved. Check the assessment, then submit it when it is ready."),
        SAVED("saved", "Your changes are saved."),
        SUBMITTED("submitted", "Submitted: the request now waits for its reviewers."),
        WITHDRAWN("withdrawn", "The request is withdrawn."),
        APPROVED("approve", "You approved the request."),
        CHANGES("request-changes", "You asked the requester for changes."),
        REJECTED("reject", "You rejected the request."),
        BALLOT("ballot", "Your ballot position is recorded."),
        CALL_ENDED("end-call", "The community call is over: the IESG decides next."),
        COMPLETED("complete", "The registry action is done: the registry is updated.");

        final String slug;
        final String message;

        Done(String slug, String message) {
            this.slug = slug;
            this.message = message;
        }

        static Flash flash(String slug) {
            if (slug == null) {
                return null;
            }
            for (Done d : values()) {
                if (d.slug.equals(slug)) {
                    return Flash.success(d.message);
                }
            }
            return null;
        }
    }

    private final RequestWorkflow workflow;
    private final RequestQueries queries;
    private final AccountService accounts;
    private final Actor actor;

    RequestPages(
            RequestWorkflow workflow,
            RequestQueries queries,
            AccountService accounts,
            Actor actor) {
        this.workflow = workflow;
        this.queries = queries;
        this.accounts = accounts;
        this.actor = actor;
    }

    // --- lists -----------------------------------------------------------------------------------

    @GET
    public Response mine(@RestQuery String done) {
        return page(200, Templates.mine(queries.mine(actor.account()), Done.flash(done)));
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
        Account me = actor.account();
        String k = operator(me) || !RequestKind.REVOKE.slug.equals(kind) ? kind : null;
        RequestForm form = RequestForm.prefilled(k, port, transports, targetService);
        return page(
                200, Templates.form(formPage(form, null, FieldErrors.NONE, quietly(form), null)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam RequestForm form) {
        return orRefused(
                form,
                null,
                () -> redirect(workflow.create(actor.account(), input(form)).id, Done.CREATED));
    }

    /** Assesses the form as it stands, saving nothing. */
    @POST
    @Path("check")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@BeanParam RequestForm form) {
        Long id = editedId(form);
        if (RequestForm.trim(form.usePort) != null) {
            form.port = form.usePort.trim();
            form.portChoice = RequestForm.SPECIFIC;
        }
        return orRefused(
                form,
                id,
                () -> {
                    Assessment a = assess(form, id);
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
                    return page(200, Templates.form(formPage(form, id, errors, a, flash, true)));
                });
    }

    /** The assessment panel for the form as it stands: what the script swaps in as one types. */
    @POST
    @Path("assessment")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response assessment(@BeanParam RequestForm form) {
        Long id = editedId(form);
        FormPage p;
        try {
            p = formPage(form, id, FieldErrors.NONE, assess(form, id), null);
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            p = refused(form, id, e, null);
        }
        return page(200, Templates.assessment(p));
    }

    @GET
    @Path("{id}/edit")
    public Response editForm(@PathParam("id") String id) {
        RequestView v = editable(id(id));
        RequestForm form = RequestForm.of(v);
        return page(
                200,
                Templates.form(formPage(form, v.id(), FieldErrors.NONE, v.assessment(), null)));
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
            saved = workflow.edit(actor.account(), id, version(form.version), input(form));
        } catch (ProblemException e) {
            if (e.status() == 400) {
                return page(422, Templates.form(refused(form, id, e, null)));
            }
            if (e.status() == 409) {
                return page(
                        409,
                        Templates.form(
                                formPage(
                                        form,
                                        id,
                                        FieldErrors.NONE,
                                        quietly(form, id),
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
            workflow.submit(actor.account(), id, saved.version);
            return redirect(id, Done.SUBMITTED);
        } catch (ProblemException e) {
            if (e.status() == 400) {
                return page(
                        422,
                        Templates.form(
                                refused(
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
            return page(422, Templates.form(refused(form, id, e, null)));
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
            workflow.submit(actor.account(), id, version(version));
            return redirect(id, Done.SUBMITTED);
        } catch (ProblemException e) {
            if (e.status() == 400) {
                RequestView v = queries.view(actor.account(), id);
                RequestForm form = RequestForm.of(v);
                return page(
                        422,
                        Templates.form(
                                formPage(
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
                () -> workflow.withdraw(actor.account(), id, version(version), comment),
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
                () -> workflow.review(actor.account(), id, version(version), d, comment),
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
                () -> workflow.ballot(actor.account(), id, version(version), p, comment),
                Done.BALLOT);
    }

    @POST
    @Path("{id}/end-call")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response endCall(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        return act(
                id,
                Typed.NONE,
                () -> workflow.endCommunityCall(actor.account(), id, version(version)),
                Done.CALL_ENDED);
    }

    @POST
    @Path("{id}/complete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response complete(@PathParam("id") String idText, @RestForm String version) {
        long id = id(idText);
        return act(
                id,
                Typed.NONE,
                () -> workflow.complete(actor.account(), id, version(version)),
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
            Typed shown = new Typed(typed.form(), typed.comment(), typed.position(), errorsOf(e));
            return requestPage(
                    422, id, Flash.error("Nothing was changed: " + firstMessage(e)), shown);
        }
        if (e.status() == 409) {
            return requestPage(409, id, Flash.error(e.getMessage()), typed);
        }
        throw e;
    }

    private Response requestPage(int status, long id, Flash flash, Typed typed) {
        Account me = actor.account();
        RequestView v = queries.view(me, id);
        List<AccountRef> members =
                v.ballot() == null
                        ? List.of()
                        : accounts.listWithRole(Roles.IESG).stream()
                                .map(a -> new AccountRef(a.username(), a.name()))
                                .toList();
        boolean owner = v.requester().username().equals(me.username);
        RequestPage p =
                new RequestPage(
                        v,
                        RequestPageViews.subject(v.content()),
                        v.requester().name() + " (" + v.requester().username() + ")",
                        RequestPageViews.when(v.createdAt()),
                        RequestPageViews.when(v.updatedAt()),
                        RequestPageViews.when(v.submittedAt()),
                        RequestPageViews.day(v.callEndsAt()),
                        RequestPageViews.age(v.ageDays()),
                        RequestPageViews.facts(v.content()),
                        Panel.of(v.assessment(), null, !v.status().editable()),
                        RequestPageViews.ballot(v.ballot(), members),
                        RequestPageViews.timeline(v),
                        RequestPageViews.changesSinceLastSubmission(v),
                        Actions.of(v),
                        typed,
                        flash,
                        owner,
                        me.username);
        return page(status, Templates.request(p));
    }

    /** The form page for {@code form}, assessed by {@code a} (null when it could not be read). */
    private FormPage formPage(
            RequestForm form, Long id, FieldErrors errors, Assessment a, Flash flash) {
        return formPage(form, id, errors, a, flash, false);
    }

    private FormPage formPage(
            RequestForm form,
            Long id,
            FieldErrors errors,
            Assessment a,
            Flash flash,
            boolean checked) {
        Account me = actor.account();
        boolean editing = id != null;
        if (editing) {
            form.id = Long.toString(id);
        }
        String kindLabel = form.parsedKind().map(k -> k.label).orElse(null);
        String pending = null;
        if (a == null && form.portMissing()) {
            pending =
                    "Type a port number or range, choose a range for IANA to pick from, or"
                            + " choose No port: the track and the entries the registry would get"
                            + " show here.";
        }
        return new FormPage(
                editing ? "Edit request #" + id : "New request",
                id,
                form.version,
                editing ? "/requests/" + id + "/edit" : "/requests",
                form,
                errors,
                Panel.of(a, FORM_ID),
                TrackChoice.of(a, form),
                RequestPageViews.kinds(form, operator(me)),
                kindLabel,
                RequestPageViews.visible(form, a, errors),
                pending,
                flash,
                checked);
    }

    /** The form again after a refusal, with its messages beside the fields. */
    private FormPage refused(RequestForm form, Long id, ProblemException e, Flash flash) {
        FieldErrors errors = errorsOf(e);
        Flash shown =
                flash != null
                        ? flash
                        : Flash.error(
                                errors.items().size() == 1
                                        ? "Please correct the field marked below. Nothing was saved."
                                        : "Please correct the fields marked below. Nothing was"
                                                + " saved.");
        return formPage(form, id, errors, quietly(form, id), shown);
    }

    /**
     * The form as the workflow takes it; a specific port without a number is refused here, or the
     * request would silently become one for a name only.
     */
    private static RequestInput input(RequestForm form) {
        if (form.portMissing()) {
            throw ProblemException.badInput(
                    "port",
                    "type a port number or range, or choose a range for IANA to pick from, or No"
                            + " port");
        }
        return form.toInput();
    }

    private Assessment assess(RequestForm form, Long id) {
        RequestContent content = RequestContent.parse(input(form));
        return workflow.assess(content, id == null ? 0 : id, actor.account());
    }

    /** The assessment of the form, or null when it cannot be read yet. */
    private Assessment quietly(RequestForm form, Long id) {
        try {
            return assess(form, id);
        } catch (ProblemException e) {
            return null;
        }
    }

    private Assessment quietly(RequestForm form) {
        return quietly(form, null);
    }

    /** The id of the request a Check is about, after making sure the viewer may edit it. */
    private Long editedId(RequestForm form) {
        String text = RequestForm.trim(form.id);
        if (text == null) {
            return null;
        }
        long id = id(text);
        editable(id);
        return id;
    }

    /** The request, when the viewer may edit it now; else the reason, as the workflow words it. */
    private RequestView editable(long id) {
        Account me = actor.account();
        RequestView v = queries.view(me, id);
        if (!v.allowedActions().contains(Action.EDIT)) {
            if (!v.requester().username().equals(me.username)) {
                throw Lifecycle.forbidden("only the requester may edit this request");
            }
            throw ProblemException.wrongState(
                    "cannot edit a request that is " + v.statusLabel().toLowerCase());
        }
        return v;
    }

    private static FieldErrors errorsOf(ProblemException e) {
        List<FieldError> errors =
                e.errors().isEmpty() ? List.of(new FieldError("kind", e.getMessage())) : e.errors();
        return FieldErrors.of(errors);
    }

    private static String firstMessage(ProblemException e) {
        return e.errors().isEmpty()
                ? e.getMessage()
                : RequestPageViews.sentence(e.errors().get(0).field(), e.errors().get(0).message());
    }

    private static boolean operator(Account a) {
        return a.roles.contains(Roles.IANA);
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
        return Response.seeOther(URI.create("/requests/" + id + "?done=" + done.slug))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** A page for one signed-in visitor: never stored by a cache. */
    static Response page(int status, TemplateInstance page) {
        return Response.status(status)
                .type(HTML)
                .header("Cache-Control", "no-store")
                .entity(page)
                .build();
    }
}
