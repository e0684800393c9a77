package dev.portreg.exchange;

import dev.portreg.account.Roles;
import dev.portreg.common.InvalidInputException;
import dev.portreg.common.ProblemException;
import dev.portreg.exchange.OperatorImports.Prepared;
import dev.portreg.exchange.PendingImports.Pending;
import dev.portreg.exchange.PendingImports.State;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The operators' import pages: a form (upload a file or give a URL), a preview of what the file
 * would change, written before anything is, with an Apply button, and the result. The parsed file
 * waits in {@link PendingImports} between preview and Apply, so what is applied is exactly what was
 * previewed, on whichever instance. A thin adapter over {@link OperatorImports}; every form carries
 * the CSRF token.
 */
@Path("/admin/import")
@RolesAllowed(Roles.IANA)
@Produces(MediaType.TEXT_HTML)
public class ImportPages {

    /** Entries listed per kind of change on the preview. */
    static final int LIMIT = 50;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(String url, String field, String error);

        static native TemplateInstance preview(
                ImportReport report, String applyUrl, String expires, long minutes);

        static native TemplateInstance applied(ImportReport report);

        static native TemplateInstance refused(int status, String title, String detail);
    }

    private final OperatorImports imports;
    private final PendingImports pending;
    private final SecurityIdentity identity;

    ImportPages(OperatorImports imports, PendingImports pending, SecurityIdentity identity) {
        this.imports = imports;
        this.pending = pending;
        this.identity = identity;
    }

    @GET
    public TemplateInstance form() {
        return Templates.form("", null, null);
    }

    /** Reads and compares the file, keeps it, and shows the preview (Post/Redirect/Get). */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response preview(
            @RestForm("file") FileUpload file,
            @RestForm("url") String url,
            @RestForm("date") String date) {
        boolean hasFile = file != null && (file.size() > 0 || !blank(file.fileName()));
        boolean hasUrl = !blank(url);
        String shownUrl = url == null ? "" : url.strip();
        if (hasFile == hasUrl) {
            return Response.status(422)
                    .entity(
                            Templates.form(
                                    shownUrl,
                                    "file",
                                    hasFile
                                            ? "Give a file or a URL, not both."
                                            : "Choose a registry file to upload, or give its"
                                                    + " URL."))
                    .build();
        }
        Prepared p;
        try {
            RegistryImporter.Options options = ImportApi.options(date, false);
            if (hasFile) {
                long start = System.nanoTime();
                byte[] content = read(file);
                p =
                        imports.fromUpload(
                                file.fileName(), content, System.nanoTime() - start, options);
            } else {
                p = imports.fromUrl(url, options);
            }
        } catch (InvalidInputException e) {
            String field = e.errors().isEmpty() ? "file" : e.errors().get(0).field();
            String message = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
            return Response.status(422).entity(Templates.form(shownUrl, field, message)).build();
        }
        String token = pending.put(user(), p, OperatorImports.report(p, null, LIMIT));
        return Response.seeOther(URI.create("/admin/import/" + token)).build();
    }

    /** The preview of a waiting import, or the result of an applied one. */
    @GET
    @Path("{token}")
    public Response show(@PathParam("token") String token) {
        Optional<Pending> found = find(token);
        if (found.isEmpty()) {
            return unknown();
        }
        Pending p = found.get();
        if (p.state() == State.APPLIED) {
            return Response.ok(Templates.applied(p.report())).build();
        }
        if (p.state() == State.APPLYING) {
            return beingApplied();
        }
        return Response.ok(
                        Templates.preview(
                                p.report(),
                                "/admin/import/" + token + "/apply",
                                TIME.format(p.expires()),
                                PendingImports.TTL.toMinutes()))
                .build();
    }

    /** Applies exactly the previewed document, once. */
    @POST
    @Path("{token}/apply")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response apply(
            @PathParam("token") String token,
            @RestForm("take") List<String> take,
            @RestForm("force") String force) {
        String user = user();
        Optional<Pending> claimed =
                PendingImports.looksLikeToken(token)
                        ? pending.claim(token, user)
                        : Optional.empty();
        if (claimed.isEmpty()) {
            Optional<Pending> found = find(token);
            if (found.isPresent() && found.get().state() == State.APPLIED) {
                // Sent twice (a double click, a reload): it was applied once; show the result.
                return Response.seeOther(URI.create("/admin/import/" + token)).build();
            }
            return found.isPresent() ? beingApplied() : unknown();
        }
        Pending kept = claimed.get();
        if (kept.report().older() != null && !ImportApi.bool("force", force, false)) {
            pending.drop(token);
            return refusedOlder(kept);
        }
        Pending forced = kept.report().older() == null ? kept : forced(kept);
        ImportResult result;
        try {
            result = imports.applyKept(forced, user, ImportApi.take(take));
        } catch (ProblemException e) {
            pending.drop(token);
            String title = e.status() == 409 ? "The registry changed" : "Import refused";
            return Response.status(e.status())
                    .entity(
                            Templates.refused(
                                    e.status(), title, e.getMessage() + ". Nothing was changed."))
                    .build();
        } catch (RuntimeException e) {
            pending.drop(token);
            throw e;
        }
        pending.applied(token, kept.report().applied(result));
        return Response.seeOther(URI.create("/admin/import/" + token)).build();
    }

    /** The answer to applying a file older than the last upstream one without "anyway". */
    private static Response refusedOlder(Pending kept) {
        return Response.status(409)
                .entity(
                        Templates.refused(
                                409,
                                "Older than the registry's upstream",
                                kept.report().fileName()
                                        + " is IANA's registry of "
                                        + kept.report().registryDate()
                                        + ", older than the last upstream version imported ("
                                        + kept.report().older().upstreamName()
                                        + ", of "
                                        + kept.report().older().upstreamDate()
                                        + "). Tick \"import it anyway\" to apply it."
                                        + " Nothing was changed."))
                .build();
    }

    /** The waiting import, marked to be applied although it is older than the upstream. */
    private static Pending forced(Pending kept) {
        return new Pending(
                kept.token(),
                kept.owner(),
                kept.state(),
                kept.report(),
                kept.expires(),
                kept.baseRevision(),
                kept.source(),
                kept.field(),
                kept.registryDate(),
                true,
                kept.content());
    }

    private Optional<Pending> find(String token) {
        return PendingImports.looksLikeToken(token)
                ? pending.find(token, user())
                : Optional.empty();
    }

    private static Response unknown() {
        return Response.status(404)
                .entity(
                        Templates.refused(
                                404,
                                "No such import",
                                "This import is unknown or has expired: a preview waits "
                                        + PendingImports.TTL.toMinutes()
                                        + " minutes for its operator, then is forgotten."
                                        + " Nothing was changed."))
                .build();
    }

    private static Response beingApplied() {
        return Response.status(409)
                .entity(
                        Templates.refused(
                                409,
                                "Import in progress",
                                "This import is being applied right now. Reload this page in a"
                                        + " moment to see the result."))
                .build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
