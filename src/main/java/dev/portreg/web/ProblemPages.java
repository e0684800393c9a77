package dev.portreg.web;

import dev.portreg.common.ProblemType;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What each problem {@code type} of the API means: the page the type URIs point to ({@code
 * /problems#wrong-state}), written from {@link ProblemType} so it lists every type.
 */
@Path("/problems")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public class ProblemPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance problems(List<ProblemType> types);
    }

    @GET
    public TemplateInstance list() {
        return Templates.problems(List.of(ProblemType.values()));
    }
}
