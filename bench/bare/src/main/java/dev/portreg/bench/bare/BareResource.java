package dev.portreg.bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The least a Quarkus REST endpoint can do: the benchmark's floor for startup time. */
@Path("/bare")
public class BareResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String bare() {
        return "ok";
    }
}
