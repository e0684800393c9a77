package dev.portreg.exchange;

import dev.portreg.account.Roles;
import dev.portreg.common.ProblemException;
import dev.portreg.exchange.OperatorImports.Prepared;
import dev.portreg.exchange.RegistryImporter.Options;
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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Operators import a registry file (IANA XML, IANA CSV or /etc/services): from an http(s) URL given
 * as JSON, as the raw request body, or as a multipart upload. The file is reconciled with the
 * registry (IANA's changes taken where nobody changed the entry here, conflicts listed and kept
 * unless taken). A dry run (the default) only says what would happen; otherwise the import runs all
 * or nothing as one change set. A thin adapter over {@link OperatorImports}; {@code /series} takes
 * several files at once ({@link SeriesImport}).
 *
 * <p>Multipart uploads pass through the CSRF filter like every form post, so an API client sending
 * one also sends the double-submit pair (the {@code portreg-csrf} cookie and the same value in
 * {@code X-CSRF-TOKEN}); the raw body needs neither.
 */
@Path("/api/v1/registry/import")
@RolesAllowed(Roles.IANA)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Import", description = "Operators bring in IANA's files, reconciled with local work")
public class ImportApi {

    /**
     * Import from a URL.
     *
     * @param url an http or https URL of a registry file
     * @param dryRun false to import; absent or true only compares
     * @param date the file's registry date when it has none of its own (a CSV), YYYY-MM-DD
     * @param force true to import a file older than the last upstream one
     * @param take keys of conflicting entries for which the file's version is taken
     */
    public record ImportCommand(
            String url, Boolean dryRun, String date, Boolean force, List<String> take) {}

    private final OperatorImports imports;
    private final SeriesImport series;
    private final SecurityIdentity identity;

    ImportApi(OperatorImports imports, SeriesImport series, SecurityIdentity identity) {
        this.imports = imports;
        this.series = series;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Compare or import the registry file at a URL",
            description =
                    "Body {\"url\": \"https://...\", \"dryRun\": false}. dryRun defaults to true:"
                            + " nothing is written unless it is false. A file that cannot be read"
                            + " or parsed answers 400 with the record or line and why; a file older"
                            + " than the last upstream one answers 409 with both dates unless"
                            + " force is true; nothing changes.")
    public ImportReport fromUrl(
            ImportCommand command,
            @QueryParam("limit")
                    @Parameter(
                            description = "entries listed per kind of change, 0-1000, default 50")
                    String limit) {
        int cap = limit(limit);
        ImportCommand cmd =
                command == null ? new ImportCommand(null, null, null, null, null) : command;
        boolean dryRun = cmd.dryRun() == null || cmd.dryRun();
        Options options = options(cmd.date(), Boolean.TRUE.equals(cmd.force()));
        Prepared p = imports.fromUrl(cmd.url(), options);
        return run(p, dryRun, cap, take(cmd.take()));
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
            @QueryParam("date")
                    @Parameter(description = "registry date of a file without one (CSV)")
                    String date,
            @QueryParam("force")
                    @Parameter(description = "true to import a file older than the last upstream")
                    String force,
            @QueryParam("take")
                    @Parameter(
                            description =
                                    "repeatable: conflicting entry keys to take from the file")
                    List<String> take,
            @QueryParam("limit")
                    @Parameter(
                            description = "entries listed per kind of change, 0-1000, default 50")
                    String limit) {
        int cap = limit(limit);
        boolean dry = bool("dryRun", dryRun, true);
        Options options = options(date, bool("force", force, false));
        Prepared p = imports.fromUpload(name == null ? "body" : name, body, 0, options);
        return run(p, dry, cap, take(take));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Compare or import an uploaded registry file (form field \"file\")")
    public ImportReport fromUpload(
            @RestForm("file") FileUpload file,
            @RestForm("dryRun") String dryRun,
            @RestForm("date") String date,
            @RestForm("force") String force,
            @RestForm("take") List<String> take,
            @QueryParam("limit")
                    @Parameter(
                            description = "entries listed per kind of change, 0-1000, default 50")
                    String limit) {
        int cap = limit(limit);
        boolean dry = bool("dryRun", dryRun, true);
        Options options = options(date, bool("force", force, false));
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
        Prepared p =
                imports.fromUpload(file.fileName(), content, System.nanoTime() - start, options);
        return run(p, dry, cap, take(take));
    }

    @POST
    @Path("/series")
    @Consumes("application/zip")
    @Operation(
            summary = "Import several IANA versions in date order",
            description =
                    "The body is a zip of registry files (XML, CSV). Each is read, dated by its"
                            + " registry date (XML <updated>; for a CSV a YYYY-MM-DD in its file name,"
                            + " else the newest date inside) and imported in date order, each as one"
                            + " change set: the registry's history. Every file is read before any is"
                            + " imported; a bad one answers 400 naming it and nothing is imported.")
    public SeriesImport.Report series(
            byte[] zip,
            @QueryParam("force")
                    @Parameter(description = "true to import files older than the last upstream")
                    String force) {
        return series.importZip(
                zip, identity.getPrincipal().getName(), bool("force", force, false));
    }

    private ImportReport run(Prepared p, boolean dryRun, int cap, Set<String> take) {
        if (dryRun) {
            return OperatorImports.report(p, null, cap);
        }
        ImportResult result = imports.apply(p, identity.getPrincipal().getName(), take);
        return OperatorImports.report(p, result, cap);
    }

    static Options options(String date, boolean force) {
        return new Options(date(date), force, Set.of(), null);
    }

    static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.badInput(
                    "date", "must be a date such as 2026-04-26, not \"" + text + "\"");
        }
    }

    static Set<String> take(List<String> keys) {
        return keys == null ? Set.of() : new LinkedHashSet<>(keys);
    }

    static boolean bool(String field, String text, boolean absent) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default ->
                    throw ProblemException.badInput(
                            field, "must be true or false, not \"" + text + "\"");
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
