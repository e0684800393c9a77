package dev.portreg.web;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/** The OpenAPI document describes the JSON API under /api only, not the HTML pages. */
public class ApiOnlyOpenApiFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (String path : java.util.List.copyOf(openAPI.getPaths().getPathItems().keySet())) {
            if (!path.startsWith("/api/")) {
                openAPI.getPaths().removePathItem(path);
            }
        }
    }
}
