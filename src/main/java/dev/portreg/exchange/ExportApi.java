package dev.portreg.exchange;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.Registry;
import dev.portreg.registry.RegistrySnapshot;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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

    private final Registry registry;
    private final ObjectMapper mapper;

    ExportApi(Registry registry, ObjectMapper mapper) {
        this.registry = registry;
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
                    String format) {
        String f = format.strip().toLowerCase(Locale.ROOT);
        RegistrySnapshot snapshot = registry.snapshot();
        StreamingOutput body;
        String type;
        String extension;
        switch (f) {
            case "xml" -> {
                type = "application/xml; charset=UTF-8";
                extension = "xml";
                body =
                        out -> {
                            try {
                                new IanaXmlWriter().write(snapshot, new BufferedOutputStream(out));
                            } catch (XMLStreamException e) {
                                throw new java.io.IOException(e);
                            }
                        };
            }
            case "csv" -> {
                type = "text/csv; charset=UTF-8";
                extension = "csv";
                body = out -> new IanaCsvWriter().write(snapshot, writer(out));
            }
            case "json" -> {
                type = "application/json";
                extension = "json";
                body =
                        out ->
                                new JsonExportWriter(mapper)
                                        .write(snapshot, new BufferedOutputStream(out));
            }
            case "services" -> {
                type = "text/plain; charset=UTF-8";
                extension = "services";
                body = out -> new EtcServicesWriter().write(snapshot, writer(out));
            }
            default -> throw badFormat(format);
        }
        String file =
                extension.equals("services")
                        ? "services"
                        : IanaFields.REGISTRY_ID + "." + extension;
        return Response.ok(body, type)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .build();
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
