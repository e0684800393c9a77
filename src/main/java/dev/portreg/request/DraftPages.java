package dev.portreg.request;

import static dev.portreg.request.RequestFormPage.*;
import static dev.portreg.request.RequestPages.id;
import static dev.portreg.request.RequestPages.redirect;
import static dev.portreg.request.RequestPages.version;

import dev.portreg.account.Account;
import dev.portreg.account.CurrentUser;
import dev.portreg.common.FieldErrors;
import dev.portreg.common.Forms;
import dev.portreg.common.InvalidInputException;
import dev.portreg.common.ProblemException;
import dev.portreg.request.RequestPageViews.Typed;
import dev.portreg.request.RequestViews.RequestView;
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
import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The draft form: a new request, Check (assess without saving), the live assessment panel, and
 * editing a draft (with Save and submit). The other half of the request pages, {@link
 * RequestPages}, has the request page and its actions. Builds the same {@link RequestInput} as
 * {@link RequestApi} and calls the same workflow.
 *
 * <p>Refused input shows the form again with the messages beside the fields (422, {@link Forms}); a
 * form loaded from an older version (409) shows the text as typed with the message.
 */
@Path("/requests")
@Authenticated
@Produces(RequestPages.HTML)
public class DraftPages {

    /** The draft form's id: buttons of the assessment panel post it from outside. */
    static final String FORM_ID = "request-form";

    @CheckedTemplate(basePath = "RequestPages")
    static class Templates {
        static native TemplateInstance form(FormPage page);

        /** The assessment panel and the track choice alone, for the script that re-checks. */
        static native TemplateInstance assessment(FormPage page);
    }

    private final RequestWorkflow workflow;
    private final RequestActions actions;
    private final CurrentUser actor;
    private final RequestPageModels models;

    DraftPages(
            RequestWorkflow workflow,
            RequestActions actions,
            CurrentUser actor,
            RequestPageModels models) {
        this.workflow = workflow;
        this.actions = actions;
        this.actor = actor;
        this.models = models;
    }

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
        return form(200, models.formPage(form, null, FieldErrors.NONE, models.quietly(form), null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam RequestForm form) {
        return Forms.orAgain(
                () -> {
                    RequestInput input = RequestPageModels.input(form);
                    return redirect(workflow.create(actor.signedIn(), input).id, Done.CREATED);
                },
                e -> refused(form, null, e));
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
        return Forms.orAgain(
                () -> {
                    Assessment a = models.assess(form, id);
                    FieldErrors errors = RequestPageViews.errors(a.errors());
                    return form(200, models.formPage(form, id, errors, a, checked(a), true));
                },
                e -> refused(form, id, e));
    }

    private static Flash checked(Assessment a) {
        int n = a.errors().size();
        return a.submittable()
                ? Flash.success("Checked: nothing blocks submission. Nothing was saved.")
                : Flash.error(
                        "Checked: "
                                + n
                                + (n == 1 ? " point blocks" : " points block")
                                + " submission, marked below. Nothing was saved.");
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
        } catch (InvalidInputException e) {
            p = models.refused(form, id, e, null);
        }
        return Forms.page(200, Templates.assessment(p));
    }

    @GET
    @Path("{id}/edit")
    public Response editForm(@PathParam("id") String id) {
        RequestView v = models.editable(id(id));
        RequestForm form = RequestForm.of(v);
        return form(200, models.formPage(form, v.id(), FieldErrors.NONE, v.assessment(), null));
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
            long version = version(form.version);
            RequestInput input = RequestPageModels.input(form);
            saved = workflow.edit(actor.signedIn(), id, version, input);
        } catch (InvalidInputException e) {
            return Forms.again(refused(form, id, e));
        } catch (ProblemException e) {
            if (!Forms.conflict(e)) {
                throw e;
            }
            Flash flash =
                    Flash.error(e.getMessage() + ". Nothing was saved: your text is still below.");
            FormPage p =
                    models.formPage(form, id, FieldErrors.NONE, models.quietly(form, id), flash);
            return form(409, p);
        }
        return "submit".equals(form.action)
                ? submitSaved(id, saved, form)
                : redirect(id, Done.SAVED);
    }

    /** Save and submit: the draft is saved; what keeps it from being submitted is marked. */
    private Response submitSaved(long id, PortRequest saved, RequestForm form) {
        form.version = Integer.toString(saved.version);
        try {
            actions.submit(id, saved.version);
            return redirect(id, Done.SUBMITTED);
        } catch (InvalidInputException e) {
            Flash flash =
                    Flash.error(
                            "Your changes are saved, but the request cannot be submitted yet:"
                                    + " correct what is marked below.");
            return Forms.again(Templates.form(models.refused(form, id, e, flash)));
        } catch (ProblemException e) {
            if (!Forms.conflict(e)) {
                throw e;
            }
            return RequestPages.requestPage(
                    models, 409, id, Flash.error(e.getMessage()), Typed.NONE);
        }
    }

    /** The form again after refused input, with the messages beside the fields. */
    private TemplateInstance refused(RequestForm form, Long id, InvalidInputException e) {
        return Templates.form(models.refused(form, id, e, null));
    }

    private static Response form(int status, FormPage page) {
        return Forms.page(status, Templates.form(page));
    }
}
