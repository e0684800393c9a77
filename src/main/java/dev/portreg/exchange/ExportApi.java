package dev.portreg.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.RegistryQueries;
import dev.portreg.registry.RegistrySnapshot;
import dev.portreg.registry.Revisions;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLStreamException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Downloads the whole registry in one of the exchange formats, streamed from one snapshot. */
@Path("/api/v1/registry/export")
public class ExportApi {

    static final List<String> FORMATS = List.of("xml", "csv", "json", "services");

    private final RegistryQueries queries;
    private final ObjectMapper mapper;

    ExportApi(RegistryQueries queries, ObjectMapper mapper) {
        this.queries = queries;
        this.mapper = mapper;
    }

    @GET
    @Operation(
            summary = "Export the registry",
            description =
                    "IANA-compatible XML (default) or CSV, JSON, or the /etc/services format"
                            + " that glibc reads.")
    public Response export(
            @Parameter(description = "xml, csv, json or services")
                    @QueryParam("format")
                    @DefaultValue("xml")
                    String format,
            @Parameter(description = "YYYY-MM-DD: the registry as it stood at the end of that day")
                    @QueryParam("at")
                    String at,
            @Context Request request) {
        String f = format.strip().toLowerCase(Locale.ROOT);
        RegistrySnapshot snapshot = queries.snapshot(at);
        Body body = body(f, format, snapshot);
        String file =
                body.extension().equals("services")
                        ? "services"
                        : IanaFields.REGISTRY_ID + "." + body.extension();
        return Revisions.respondBuilt(
                request,
                snapshot,
                () ->
                        Response.ok(body.output(), body.type())
                                .header(
                                        HttpHeaders.CONTENT_DISPOSITION,
                                        "attachment; filename=\"" + file + "\""));
    }

    /** An export's content type, file extension and writer. */
    private record Body(String type, String extension, StreamingOutput output) {}

    /**
     * The export in format {@code f} (lower case) of {@code snapshot}.
     *
     * @throws ProblemException 400 naming {@code format} when it is not one of the four
     */
    private Body body(String f, String format, RegistrySnapshot snapshot) {
        return switch (f) {
            case "xml" ->
                    new Body(
                            "application/xml; charset=UTF-8",
                            "xml",
                            out -> {
                                try {
                                    new IanaXmlWriter()
                                            .write(snapshot, new BufferedOutputStream(out));
                                } catch (XMLStreamException e) {
                                    throw new java.io.IOException(e);
                                }
                            });
            case "csv" ->
                    new Body(
                            "text/csv; charset=UTF-8",
                            "csv",
                            out -> new IanaCsvWriter().write(snapshot, writer(out)));
            case "json" ->
                    new Body(
                            "application/json",
                            "json",
                            out ->
                                    new JsonExportWriter(mapper)
                                            .write(snapshot, new BufferedOutputStream(out)));
            case "services" ->
                    new Body(
                            "text/plain; charset=UTF-8",
                            "services",
                            out -> new EtcServicesWriter().write(snapshot, writer(out)));
            default -> throw badFormat(format);
        };
    }

    private static BufferedWriter writer(java.io.OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }

    private static ProblemException badFormat(String format) {
        return ProblemException.badInput(
                "format",
                "unknown export format \""
                        + format
                        + "\": use one of "
                        + String.join(", ", FORMATS));
    }
}
