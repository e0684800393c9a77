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
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The registry's JSON API: a thin adapter over {@link RegistryQueries}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Registry", description = "Look up ports, service names and free ranges")
public class RegistryApi {

    private final RegistryQueries queries;

    RegistryApi(RegistryQueries queries) {
        this.queries = queries;
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
    @Operation(summary = "Where the registry came from and its Last Updated date")
    public SourceView registry() {
        SourceView source = queries.source();
        if (source == null) {
            throw ProblemException.notFound("The registry is empty: nothing has been imported yet");
        }
        return source;
    }

    @GET
    @Path("/ports/{port}")
    @Operation(
            summary = "The status of a port on every transport",
            description =
                    "Status per transport, the entries that cover the port, the policy a request"
                            + " for it would need, the gap it sits in and the nearest free ports.")
    public PortView port(@PathParam("port") @Parameter(example = "938") String port) {
        return queries.port(port);
    }

    @GET
    @Path("/ports/{port}/nearest-free")
    @Operation(summary = "The free ports nearest to a port, in the same range")
    public NearestFree nearestFree(
            @PathParam("port") String port,
            @QueryParam("transport") @Parameter(description = "repeatable; default tcp and udp")
                    List<String> transport,
            @QueryParam("count") @Parameter(description = "1-100, default 5") String count) {
        return queries.nearestFree(port, transport, count);
    }

    @GET
    @Path("/gaps")
    @Operation(summary = "Runs of ports unassigned on every given transport")
    public List<GapView> gaps(
            @QueryParam("from") @Parameter(description = "default 0") String from,
            @QueryParam("to") @Parameter(description = "default 49151") String to,
            @QueryParam("transport") @Parameter(description = "repeatable; default tcp and udp")
                    List<String> transport,
            @QueryParam("minSize") @Parameter(description = "smallest gap to list, default 1")
                    String minSize) {
        return queries.gaps(from, to, transport, minSize);
    }

    @GET
    @Path("/services/{name}")
    @Operation(summary = "Every entry of a service name (case-insensitive)")
    public ServiceView service(@PathParam("name") @Parameter(example = "http") String name) {
        return queries.service(name);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Find entries by port, name, description, assignee or reference")
    public SearchResult search(
            @QueryParam("q") String q,
            @QueryParam("limit") @Parameter(description = "1-500, default 50") String limit) {
        return queries.search(q, limit);
    }

    @GET
    @Path("/entries")
    @Operation(summary = "A page of registry entries, filtered")
    public Page<EntryView> entries(
            @QueryParam("range") @Parameter(description = "system, user or dynamic") String range,
            @QueryParam("status")
                    @Parameter(description = "assigned, reserved, unassigned or other")
                    String status,
            @QueryParam("transport") @Parameter(description = "tcp, udp, sctp or dccp")
                    String transport,
            @QueryParam("q")
                    @Parameter(description = "text in name, description, people, references")
                    String q,
            @QueryParam("page") @Parameter(description = "from 0") String page,
            @QueryParam("size") @Parameter(description = "1-500, default 50") String size) {
        return queries.entries(range, status, transport, q, page, size);
    }

    @GET
    @Path("/stats")
    @Operation(summary = "Ports per status, per range and transport")
    public Stats stats() {
        return queries.stats();
    }
}
