package dev.portreg.common;

import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every page answers a form: what the action answers (a 303 with a flash, as a rule), or, when
 * the input is refused ({@link InvalidInputException}, 400 under /api), the same form again with
 * the messages beside the fields, 422. Written once, here, for the request and account pages.
 */
public final class Forms {

    /** The status of a form shown again because its input was refused. */
    public static final int INVALID = 422;

    private Forms() {}

    /** Runs a form's action; refused input shows the form {@code again} builds from the errors. */
    public static Response orAgain(
            Supplier<Response> action, Function<InvalidInputException, TemplateInstance> again) {
        try {
            return action.get();
        } catch (InvalidInputException e) {
            return again(again.apply(e));
        }
    }

    /** The form again, with its errors: 422. */
    public static Response again(TemplateInstance form) {
        return page(INVALID, form);
    }

    /**
     * The status a page answers a refusal with when it shows itself again: 422 for refused input,
     * else the problem's own (409 for a page that went stale, ...).
     */
    public static int status(ProblemException e) {
        return e instanceof InvalidInputException ? INVALID : e.status();
    }

    /**
     * Whether a refusal means the page went stale: a state that moved on, a version that changed,
     * the registry that changed (409). Pages show themselves as they now are, with the message.
     */
    public static boolean conflict(ProblemException e) {
        return e.status() == 409;
    }

    /** A page with its status, in the type the resource produces. */
    public static Response page(int status, TemplateInstance page) {
        return Response.status(status).entity(page).build();
    }
}
