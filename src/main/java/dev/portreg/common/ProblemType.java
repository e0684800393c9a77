package dev.portreg.common;

/**
 * The kinds of problem the API answers with (RFC 9457), each with its own {@code type} URI so that
 * a client tells two 409s apart without reading the detail. {@code GET /problems} lists them with
 * what each means and what to do; docs/architecture.md ("Errors") points there.
 */
public enum ProblemType {
    INVALID_INPUT(
            400,
            "invalid-input",
            "Invalid input",
            "A value is missing, malformed, too long, or breaks a rule of the registry; errors"
                    + " names each field and why. Correct those fields and send again."),
    UNAUTHORIZED(
            401,
            "unauthorized",
            "Unauthorized",
            "Nobody is signed in: send Basic credentials or an API token (Bearer)."),
    FORBIDDEN(
            403,
            "forbidden",
            "Forbidden",
            "You are signed in, but this is not yours to do: another role decides it, or it is"
                    + " your own request and needs someone else."),
    NOT_FOUND(
            404,
            "not-found",
            "Not found",
            "There is nothing here you can see. A request you may not see is reported the same"
                    + " way as one that does not exist."),
    WRONG_STATE(
            409,
            "wrong-state",
            "Conflict",
            "The request's state does not allow this action (docs/workflow.md draws which"
                    + " action is open in which state). Read the request again: its allowed"
                    + " actions say what you can do now."),
    STALE_VERSION(
            409,
            "stale-version",
            "Conflict",
            "What you changed has changed since you read it (If-Match, or the version a form"
                    + " was loaded at). Read it again and redo your change on what it now is."),
    CONCURRENT_CHANGE(
            409,
            "concurrent-change",
            "Conflict",
            "Someone else changed the same thing at the same moment, and their change won."
                    + " Nothing of yours was written: read it again and retry."),
    REGISTRY_CONFLICT(
            409,
            "registry-conflict",
            "Conflict",
            "The registry as it now is does not allow this: a port or name was taken since,"
                    + " or an entry changed. Nothing was written; the detail says what."),
    CONFLICT(
            409,
            "conflict",
            "Conflict",
            "The action conflicts with what exists (an address already verified, an import"
                    + " under way, a limit reached); the detail says which."),
    TOO_LARGE(413, "too-large", "Content Too Large", "The body is larger than the API accepts."),
    TOO_MANY_REQUESTS(
            429,
            "too-many-requests",
            "Too Many Requests",
            "Too many attempts from this account or address: wait as Retry-After says."),
    INTERNAL(
            500,
            "internal",
            "Internal error",
            "Something failed on our side; nothing was changed. The detail carries a reference"
                    + " for the operator's log."),
    UNAVAILABLE(
            503,
            "unavailable",
            "Service unavailable",
            "The registry's database cannot be reached right now; nothing was changed. Try"
                    + " again after Retry-After seconds.");

    /** Where the types are described. */
    public static final String BASE = "/problems#";

    public final int status;
    public final String slug;
    public final String title;

    /** What it means and what a client can do. */
    public final String meaning;

    ProblemType(int status, String slug, String title, String meaning) {
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.meaning = meaning;
    }

    /** The {@code type} member of the problem: a URI reference to this type's description. */
    public String uri() {
        return BASE + slug;
    }

    /**
     * The type for a status when nothing more specific is known: the generic one of that status
     * ({@link #CONFLICT} for 409), or null when the status says it all ("about:blank").
     */
    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status == status && (status != 409 || t == CONFLICT)) {
                return t;
            }
        }
        return null;
    }

    /** The type URI for a status with no type of its own: "about:blank" (RFC 9457 §4.2.1). */
    public static String uriForStatus(int status) {
        ProblemType t = forStatus(status);
        return t == null ? "about:blank" : t.uri();
    }
}
