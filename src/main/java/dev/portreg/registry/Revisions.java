package dev.portreg.registry;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.Date;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Reads carry the revision they answer from: a weak {@code ETag} ({@code W/"r42"}) and {@code
 * Last-Modified} (when that revision was committed). A client that sends the ETag back in {@code
 * If-None-Match} (or the date in {@code If-Modified-Since}) gets 304 Not Modified, without the body
 * being computed, until the registry changes.
 */
public final class Revisions {

    private Revisions() {}

    /** The ETag of answers computed from {@code s}. */
    public static EntityTag tag(RegistrySnapshot s) {
        return new EntityTag("r" + s.revision(), true);
    }

    /** 304 when the client holds this revision; else 200 with the body and the validators. */
    public static <T> RestResponse<T> respond(
            Request request, RegistrySnapshot s, Supplier<T> body) {
        EntityTag tag = tag(s);
        Date modified = s.changedAt().map(Date::from).orElse(null);
        Response.ResponseBuilder unchanged =
                modified == null
                        ? request.evaluatePreconditions(tag)
                        : request.evaluatePreconditions(modified, tag);
        if (unchanged != null) {
            return RestResponse.ResponseBuilder.<T>create(RestResponse.Status.NOT_MODIFIED)
                    .tag(tag)
                    .build();
        }
        RestResponse.ResponseBuilder<T> ok = RestResponse.ResponseBuilder.ok(body.get()).tag(tag);
        if (modified != null) {
            ok.lastModified(modified);
        }
        return ok.build();
    }

    /** The same for a response built by hand (an export stream). */
    public static Response respondBuilt(
            Request request, RegistrySnapshot s, Supplier<Response.ResponseBuilder> body) {
        EntityTag tag = tag(s);
        Date modified = s.changedAt().map(Date::from).orElse(null);
        Response.ResponseBuilder unchanged =
                modified == null
                        ? request.evaluatePreconditions(tag)
                        : request.evaluatePreconditions(modified, tag);
        if (unchanged != null) {
            return Response.notModified(tag).build();
        }
        Response.ResponseBuilder ok = body.get().tag(tag);
        if (modified != null) {
            ok.lastModified(modified);
        }
        return ok.build();
    }
}
