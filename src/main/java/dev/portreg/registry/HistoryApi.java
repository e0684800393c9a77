package dev.portreg.registry;

import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.RegistryViews.Page;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The registry history as JSON: a thin adapter over {@link RegistryHistory}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "History", description = "Who changed the registry, when, and how")
public class HistoryApi {

    private final RegistryHistory history;

    HistoryApi(RegistryHistory history) {
        this.history = history;
    }

    @GET
    @Path("/history")
    @Operation(
            summary = "Recent registry changes, newest first",
            description =
                    "Seeds, imports, the registry actions of requests and operator fixes, each"
                            + " with who, when, counts and its first items (field by field for"
                            + " changed entries).")
    public Page<ChangeView> recent(
            @QueryParam("page") @Parameter(description = "from 0") String page,
            @QueryParam("size") @Parameter(description = "1-100, default 20") String size,
            @QueryParam("items")
                    @Parameter(description = "items listed per change, 0-500, default 20")
                    String items) {
        return history.recent(page, size, items);
    }

    @GET
    @Path("/registry/changes")
    @Operation(
            summary = "The change sets between two points, oldest first",
            description =
                    "since and until are a day (YYYY-MM-DD, by the day the registry stood so) or a"
                            + " revision (since=41 lists what came after revision 41). Each change"
                            + " set says who, when, its source (file name and date, request) and"
                            + " its items: added, changed (field by field) and removed entries.")
    public Page<ChangeView> changes(
            @QueryParam("since") @Parameter(description = "a day or a revision") String since,
            @QueryParam("until") @Parameter(description = "a day or a revision") String until,
            @QueryParam("page") @Parameter(description = "from 0") String page,
            @QueryParam("size") @Parameter(description = "1-100, default 20") String size,
            @QueryParam("items")
                    @Parameter(description = "items listed per change set, 0-500, default 20")
                    String items) {
        return history.between(since, until, page, size, items);
    }

    @GET
    @Path("/ports/{port}/timeline")
    @Operation(
            summary = "What became of a port across the registry's history",
            description =
                    "Transport by transport, every change of status or holder since the first"
                            + " version the log holds: \"Unassigned since at least 2015-01-09\","
                            + " \"Assigned to frob on 2026-12-01\".")
    public PortTimeline.View timeline(@PathParam("port") @Parameter(example = "938") String port) {
        return history.timeline(port);
    }

    @GET
    @Path("/history/{id}")
    @Operation(summary = "One registry change with a page of its items")
    public ChangeView change(
            @PathParam("id") String id,
            @QueryParam("page") @Parameter(description = "page of items, from 0") String page,
            @QueryParam("size") @Parameter(description = "items per page, 1-500, default 500")
                    String size) {
        return history.change(id, page, size);
    }

    @GET
    @Path("/ports/{port}/history")
    @Operation(
            summary = "The changes that touched a port, newest first",
            description =
                    "Changes with an item whose port or range covers the port, each with those"
                            + " items.")
    public Page<ChangeView> port(
            @PathParam("port") @Parameter(example = "938") String port,
            @QueryParam("page") @Parameter(description = "from 0") String page,
            @QueryParam("size") @Parameter(description = "1-100, default 20") String size) {
        return history.forPort(port, page, size);
    }

    @GET
    @Path("/services/{name}/history")
    @Operation(
            summary = "The changes to entries of a service name (case-insensitive), newest first",
            description =
                    "A name without history, including one never registered, answers an empty"
                            + " page rather than 404: a name removed from the registry keeps its"
                            + " history.")
    public Page<ChangeView> service(
            @PathParam("name") @Parameter(example = "http") String name,
            @QueryParam("page") @Parameter(description = "from 0") String page,
            @QueryParam("size") @Parameter(description = "1-100, default 20") String size) {
        return history.forService(name, page, size);
    }
}
