package dev.portreg.request;

import static dev.portreg.request.AssessmentPanel.*;
import static dev.portreg.request.RequestFormPage.*;
import static dev.portreg.request.RequestPageViews.*;

import dev.portreg.account.Account;
import dev.portreg.account.AccountService;
import dev.portreg.account.CurrentUser;
import dev.portreg.account.Roles;
import dev.portreg.common.FieldErrors;
import dev.portreg.common.InvalidInputException;
import dev.portreg.common.Problem.FieldError;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestViews.AccountRef;
import dev.portreg.request.RequestViews.RequestView;
import dev.portreg.web.Flash;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * What the request pages show, put together from the workflow and the queries: the request page's
 * model and the draft form's, with the form's assessment. {@link RequestPages} parses, calls and
 * renders; this builds what it renders.
 */
@ApplicationScoped
class RequestPageModels {

    private final RequestWorkflow workflow;
    private final RequestQueries queries;
    private final AccountService accounts;
    private final CurrentUser actor;

    RequestPageModels(
            RequestWorkflow workflow,
            RequestQueries queries,
            AccountService accounts,
            CurrentUser actor) {
        this.workflow = workflow;
        this.queries = queries;
        this.accounts = accounts;
        this.actor = actor;
    }

    /** The request page's model, as {@code viewer} sees it now. */
    RequestPage requestPage(long id, Flash flash, Typed typed) {
        Account me = actor.signedIn();
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
                        RequestBallot.ballot(v.ballot(), members),
                        RequestTimeline.timeline(v),
                        RequestTimeline.changesSinceLastSubmission(v),
                        Actions.of(v),
                        typed,
                        flash,
                        owner,
                        me.username);
        return p;
    }

    /** The form page for {@code form}, assessed by {@code a} (null when it could not be read). */
    FormPage formPage(RequestForm form, Long id, FieldErrors errors, Assessment a, Flash flash) {
        return formPage(form, id, errors, a, flash, false);
    }

    FormPage formPage(
            RequestForm form,
            Long id,
            FieldErrors errors,
            Assessment a,
            Flash flash,
            boolean checked) {
        Account me = actor.signedIn();
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
                Panel.of(a, DraftPages.FORM_ID),
                TrackChoice.of(a, form),
                RequestFormPage.kinds(form, operator(me)),
                kindLabel,
                RequestFormPage.visible(form, a, errors),
                pending,
                flash,
                checked);
    }

    /** The form again after a refusal, with its messages beside the fields. */
    FormPage refused(RequestForm form, Long id, InvalidInputException e, Flash flash) {
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
    static RequestInput input(RequestForm form) {
        if (form.portMissing()) {
            throw ProblemException.badInput(
                    "port",
                    "type a port number or range, or choose a range for IANA to pick from, or No"
                            + " port");
        }
        return form.toInput();
    }

    Assessment assess(RequestForm form, Long id) {
        RequestContent content = RequestContent.parse(input(form));
        return workflow.assess(content, id == null ? 0 : id, actor.signedIn());
    }

    /** The assessment of the form, or null when it cannot be read yet. */
    Assessment quietly(RequestForm form, Long id) {
        try {
            return assess(form, id);
        } catch (ProblemException e) {
            return null;
        }
    }

    Assessment quietly(RequestForm form) {
        return quietly(form, null);
    }

    /** The id of the request a Check is about, after making sure the viewer may edit it. */
    Long editedId(RequestForm form) {
        String text = RequestForm.trim(form.id);
        if (text == null) {
            return null;
        }
        long id = RequestPages.id(text);
        editable(id);
        return id;
    }

    /** The request, when the viewer may edit it now; else the reason, as the workflow words it. */
    RequestView editable(long id) {
        Account me = actor.signedIn();
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

    /** A refusal's errors; one that names no field is shown beside the kind, atop the form. */
    static FieldErrors errorsOf(InvalidInputException e) {
        List<FieldError> errors =
                e.errors().isEmpty() ? List.of(new FieldError("kind", e.getMessage())) : e.errors();
        return RequestPageViews.errors(errors);
    }

    static String firstMessage(InvalidInputException e) {
        return e.errors().isEmpty()
                ? e.getMessage()
                : RequestPageViews.sentence(e.errors().get(0).field(), e.errors().get(0).message());
    }

    static boolean operator(Account a) {
        return a.roles.contains(Roles.IANA);
    }
}
