package dev.portreg.registry;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.Locale;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Reads carry the revision they answer from: a weak {@code ETag} ({@code W/"r42"}) and {@code
 * Last-Modified} (when that revision was committed). A client that sends the ETag back in {@code
 * If-None-Match} (or the date in {@code If-Modified-Since}) gets 304 Not Modified, without the body
 * being computed, until the registry changes.
 */
public final class Revisions {

    /** HTTP-date (RFC 9110 §5.6.7): the day always two digits, unlike RFC_1123_DATE_TIME. */
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
                    .withZone(ZoneOffset.UTC);

    /**
     * The validators of the last snapshot answered from, written once: formatting the date for
     * every answer cost 6 % of a status lookup (docs/performance.md).
     */
    private record Validators(
            RegistrySnapshot snapshot,
            EntityTag tag,
            String etag,
            Date modified,
            String lastModified) {

        static Validators of(RegistrySnapshot s) {
            EntityTag tag = Revisions.tag(s);
            Date modified = s.changedAt().map(Date::from).orElse(null);
            return new Validators(
                    s,
                    tag,
                    "W/\"" + tag.getValue() + "\"",
                    modified,
                    modified == null ? null : HTTP_DATE.format(modified.toInstant()));
        }
    }

    private static volatile Validators last;

    private Revisions() {}

    private static Validators validators(RegistrySnapshot s) {
        Validators v = last;
        if (v == null || v.snapshot() != s) {
            v = Validators.of(s);
            last = v;
        }
        return v;
    }

    /** The ETag of answers computed from {@code s}. */
    public static EntityTag tag(RegistrySnapshot s) {
        return new EntityTag("r" + s.revision(), true);
    }

    /** 304 when the client holds this revision; else 200 with the body and the validators. */
    public static <T> RestResponse<T> respond(
            Request request, RegistrySnapshot s, Supplier<T> body) {
        Validators v = validators(s);
        if (unchanged(request, v)) {
            return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, v.etag())
                    .build();
        }
        RestResponse.ResponseBuilder<T> ok =
                RestResponse.ResponseBuilder.ok(body.get()).header(HttpHeaders.ETAG, v.etag());
        if (v.lastModified() != null) {
            ok.header(HttpHeaders.LAST_MODIFIED, v.lastModified());
        }
        return ok.build();
    }

    /** The same for a response built by hand (an export stream). */
    public static Response respondBuilt(
            Request request, RegistrySnapshot s, Supplier<Response.ResponseBuilder> body) {
        Validators v = validators(s);
        if (unchanged(request, v)) {
            return Response.notModified().header(HttpHeaders.ETAG, v.etag()).build();
        }
        Response.ResponseBuilder ok = body.get().header(HttpHeaders.ETAG, v.etag());
        if (v.lastModified() != null) {
            ok.header(HttpHeaders.LAST_MODIFIED, v.lastModified());
        }
        return ok.build();
    }

    /** Whether the client's If-None-Match / If-Modified-Since says it holds this revision. */
    private static boolean unchanged(Request request, Validators v) {
        return (v.modified() == null
                        ? request.evaluatePreconditions(v.tag())
                        : request.evaluatePreconditions(v.modified(), v.tag()))
                != null;
    }
}
