package dev.portreg.registry;

import dev.portreg.common.ProblemException;
import dev.portreg.registry.RegistryViews.EntryView;
import dev.portreg.registry.RegistryViews.GapView;
import dev.portreg.registry.RegistryViews.NearestFree;
import dev.portreg.registry.RegistryViews.Page;
import dev.portreg.registry.RegistryViews.PortView;
import dev.portreg.registry.RegistryViews.SearchResult;
import dev.portreg.registry.RegistryViews.ServiceView;
import dev.portreg.registry.RegistryViews.SourceView;
import dev.portreg.registry.RegistryViews.Stats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The registry's JSON API: a thin adapter over {@link RegistryQueries}. Every read names the
 * revision it answers from ({@link Revisions}: ETag, Last-Modified, 304), and those that take
 * {@code at=YYYY-MM-DD} answer as the registry stood at the end of that day.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registry", description = "Look up ports, service names and free ranges")
public class RegistryApi {

    private static final String AT =
            "YYYY-MM-DD: the registry as it stood at the end of that day; default now";

    private final RegistryQueries queries;
    private final PortAnswers portAnswers;

    RegistryApi(RegistryQueries queries, PortAnswers portAnswers) {
        this.queries = queries;
        this.portAnswers = portAnswers;
    }

    @GET
    @Path("/ping")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Answers \"ok\"; the ceiling the benchmarks compare against")
    public String ping() {
        return "ok";
    }

    @GET
    @Path("/registry")
    @Operation(
            summary = "Where the registry came from, its Last Updated date and its revision",
            description =
                    "revision is the newest change set of the registry's change log: every read"
                            + " carries it as its ETag (W/\"r<revision>\").")
    public RestResponse<SourceView> registry(@Context Request request) {
        RegistrySnapshot s = queries.snapshot();
        SourceView source = RegistryQueries.source(s);
        if (source == null) {
            throw ProblemException.notFound("The registry is empty: nothing has been imported yet");
        }
        return Revisions.respond(request, s, () -> source);
    }

    @GET
    @Path("/ports/{port}")
    @Operation(
            summary = "The status of a port on every transport",
            description =
                    "Status per transport, the entries that cover the port, the policy a request"
                            + " for it would need, the gap it sits in and the nearest free ports.")
    @APIResponse(
            responseCode = "200",
            description = "The port's status",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PortView.class)))
    public CompletionStage<RestResponse<byte[]>> port(
            @PathParam("port") @Parameter(example = "938") String port,
            @QueryParam("at") @Parameter(description = AT) String at,
            @Context Request request) {
        boolean now = Answers.blank(at);
        return Answers.fromMemory(
                now && queries.inMemory(),
                () -> {
                    RegistrySnapshot s = queries.snapshot(at);
                    return Revisions.respond(request, s, () -> portAnswers.port(s, port, now));
                });
    }

    @GET
    @Path("/ports/{port}/nearest-free")
    @Operation(summary = "The free ports nearest to a port, in the same range")
    public CompletionStage<RestResponse<NearestFree>> nearestFree(
            @PathParam("port") String port,
            @QueryParam("transport") @Parameter(description = "repeatable; default tcp and udp")
                    List<String> transport,
            @QueryParam("count") @Parameter(description = "1-100, default 5") String count,
            @Context Request request) {
        return Answers.fromMemory(
                queries.inMemory(),
                () -> {
                    RegistrySnapshot s = queries.snapshot();
                    return Revisions.respond(
                            request, s, () -> queries.nearestFree(s, port, transport, count));
                });
    }

    @GET
    @Path("/gaps")
    @Operation(summary = "Runs of ports unassigned on every given transport")
    public RestResponse<List<GapView>> gaps(
            @QueryParam("from") @Parameter(description = "default 0") String from,
            @QueryParam("to") @Parameter(description = "default 49151") String to,
            @QueryParam("transport") @Parameter(description = "repeatable; default tcp and udp")
                    List<String> transport,
            @QueryParam("minSize") @Parameter(description = "smallest gap to list, default 1")
                    String minSize,
            @QueryParam("at") @Parameter(description = AT) String at,
            @Context Request request) {
        RegistrySnapshot s = queries.snapshot(at);
        return Revisions.respond(request, s, () -> queries.gaps(s, from, to, transport, minSize));
    }

    @GET
    @Path("/services/{name}")
    @Operation(summary = "Every entry of a service name (case-insensitive)")
    public CompletionStage<RestResponse<ServiceView>> service(
            @PathParam("name") @Parameter(example = "http") String name,
            @QueryParam("at") @Parameter(description = AT) String at,
            @Context Request request) {
        return Answers.fromMemory(
                Answers.blank(at) && queries.inMemory(),
                () -> {
                    RegistrySnapshot s = queries.snapshot(at);
                    return Revisions.respond(request, s, () -> queries.service(s, name));
                });
    }

    @GET
    @Path("/search")
    @Operation(summary = "Find entries by port, name, description, assignee or reference")
    public RestResponse<SearchResult> search(
            @QueryParam("q") String q,
            @QueryParam("limit") @Parameter(description = "1-500, default 50") String limit,
            @Context Request request) {
        RegistrySnapshot s = queries.snapshot();
        return Revisions.respond(request, s, () -> queries.search(s, q, limit));
    }

    @GET
    @Path("/entries")
    @Operation(summary = "A page of registry entries, filtered")
    public RestResponse<Page<EntryView>> entries(
            @QueryParam("range") @Parameter(description = "system, user or dynamic") String range,
            @QueryParam("status")
                    @Parameter(description = "assigned, reserved, unassigned or other")
                    String status,
            @QueryParam("transport") @Parameter(description = "tcp, udp, sctp or dccp")
                    String transport,
            @QueryParam("q")
                    @Parameter(description = "text in name, description, people, references")
                    String q,
            @QueryParam("sort")
                    @Parameter(
                            description =
                                    "port (IANA's order, the default), transport, status, service,"
                                            + " description, assignee or date; a leading - for"
                                            + " descending")
                    String sort,
            @QueryParam("page") @Parameter(description = "from 0") String page,
            @QueryParam("size") @Parameter(description = "1-500, default 50") String size,
            @QueryParam("at") @Parameter(description = AT) String at,
            @Context Request request) {
        RegistrySnapshot s = queries.snapshot(at);
        return Revisions.respond(
                request,
                s,
                () -> queries.entries(s, range, status, transport, q, sort, page, size));
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Ports per status, per range and transport")
    public RestResponse<Stats> stats(
            @QueryParam("at") @Parameter(description = AT) String at, @Context Request request) {
        RegistrySnapshot s = queries.snapshot(at);
        return Revisions.respond(request, s, () -> queries.stats(s));
    }
}
