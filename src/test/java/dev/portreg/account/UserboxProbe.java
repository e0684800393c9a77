package dev.portreg.account;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only page that shows the userbox tag, as the layout will. */
@Path("/test-only/userbox")
public class UserboxProbe {

    private final Template template;

    UserboxProbe(Engine engine) {
        this.template = engine.parse("{#userbox /}");
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String show() {
        return template.render();
    }
}
