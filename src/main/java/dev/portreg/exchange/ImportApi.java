package dev.portreg.exchange;

import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.exchange.OperatorImports.Prepared;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Operators import a whole registry file (IANA XML, IANA CSV or /etc/services): from an http(s) URL
 * given as JSON, as the raw request body, or as a multipart upload. A dry run (the default) only
 * says what would change; otherwise the import runs all or nothing and answers with what it did and
 * the history row it wrote. A thin adapter over {@link OperatorImports}.
 *
 * <p>Multipart uploads pass through the CSRF filter like every form post, so an API client sending
 * one also sends the double-submit pair (the {@code portreg-csrf} cookie and the same value in
 * {@code X-CSRF-TOKEN}); the raw body needs neither.
 */
@Path("/api/v1/registry/import")
@RolesAllowed(Roles.IANA)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Import", description = "Operators replace the registry with a newer IANA file")
public class ImportApi {

    /**
     * Import from a URL.
     *
     * @param url an http or https URL of a registry file
     * @param dryRun false to import; absent or true only compares
     */
    public record ImportCommand(String url, Boolean dryRun) {}

    private final OperatorImports imports;
    private final SecurityIdentity identity;

    ImportApi(OperatorImports imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Compare or import the registry file at a URL",
            description =
                    "Body {\"url\": \"https://...\", \"dryRun\": false}. dryRun defaults to true:"
                            + " nothing is written unless it is false. A file that cannot be read"
                            + " or parsed answers 400 with the record or line and why; nothing"
                            + " changes.")
    public ImportReport fromUrl(
            ImportCommand command,
            @QueryParam("limit")
                    @Parameter(
                            description = "entries listed per kind of change, 0-1000, default 50")
                    String limit) {
        int cap = limit(limit);
        boolean dryRun = command == null || command.dryRun() == null || command.dryRun();
        Prepared p = imports.fromUrl(command == null ? null : command.url());
        return run(p, dryRun, cap);
    }

    @POST
    @Consumes({
        MediaType.APPLICATION_XML,
        MediaType.TEXT_XML,
        "text/csv",
        MediaType.TEXT_PLAIN,
        MediaType.APPLICATION_OCTET_STREAM
    })
    @Operation(
            summary = "Compare or import the registry file sent as the request body",
            description =
                    "curl --data-binary @service-names-port-numbers.xml -H 'Content-Type:"
                            + " application/xml' '.../api/v1/registry/import?dryRun=false'")
    public ImportReport fromBody(
            byte[] body,
            @QueryParam("dryRun") @Parameter(description = "false to import; default true")
                    String dryRun,
            @QueryParam("name") @Parameter(description = "the file's name, recorded as the source")
                    String name,
            @QueryParam("limit")
                    @Parameter(
                            description = "entries listed per kind of change, 0-1000, default 50")
                    String limit) {
        int cap = limit(limit);
        boolean dry = dryRun(dryRun);
        Prepared p = imports.fromUpload(name == null ? "body" : name, body, 0);
        return run(p, dry, cap);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Compare or import an uploaded registry file (form field \"file\")")
    public ImportReport fromUpload(
            @RestForm("file") FileUpload file,
            @RestForm("dryRun") String dryRun,
            @QueryParam("limit")
                    @Parameter(
                            description = "entries listed per kind of change, 0-1000, default 50")
                    String limit) {
        int cap = limit(limit);
        boolean dry = dryRun(dryRun);
        if (file == null) {
            throw ProblemException.badInput("file", "is required: the registry file to import");
        }
        long start = System.nanoTime();
        byte[] content;
        try {
            content = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Prepared p = imports.fromUpload(file.fileName(), content, System.nanoTime() - start);
        return run(p, dry, cap);
    }

    private ImportReport run(Prepared p, boolean dryRun, int cap) {
        if (dryRun) {
            return OperatorImports.report(p, null, cap);
        }
        ImportResult result = imports.apply(p, identity.getPrincipal().getName());
        return OperatorImports.report(p, result, cap);
    }

    private static boolean dryRun(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default ->
                    throw ProblemException.badInput(
                            "dryRun", "must be true or false, not \"" + text + "\"");
        };
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return OperatorImports.DEFAULT_LIMIT;
        }
        String t = text.strip();
        if (!t.matches("\\d{1,4}") || Integer.parseInt(t) > OperatorImports.MAX_LIMIT) {
            throw ProblemException.badInput(
                    "limit", "must be a whole number from 0 to " + OperatorImports.MAX_LIMIT);
        }
        return Integer.parseInt(t);
    }
}
