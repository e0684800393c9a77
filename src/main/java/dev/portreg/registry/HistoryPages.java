package dev.portreg.registry;

import dev.portreg.common.Pager;
import dev.portreg.common.ProblemException;
import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.RegistryViews.Page;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The registry history pages: /changes (recent changes, or those of one port or service name) and
 * /changes/{id} (one change with all its items). A thin adapter over {@link RegistryHistory}; the
 * Atom feed of the same list is {@link ChangesFeed}. Pages count from 1, as everywhere ({@link
 * Pager}); {@code ?page=0}, the first page of the old numbering, is refused with the message.
 */
@Path("/changes")
@Produces(MediaType.TEXT_HTML)
public class HistoryPages {

    /** Items listed under each change of the recent list; the change's page lists them all. */
    static final int ITEMS_PER_CHANGE = 20;

    /** Items per page of one change's page. */
    static final int ITEMS_PER_PAGE = 200;

    /**
     * The /changes page.
     *
     * @param heading "Registry changes", "Changes to port 938", "Changes to service http"
     * @param port the port filter as given, or ""
     * @param service the service filter as given, or ""
     */
    record ChangesModel(
            String heading,
            String port,
            String service,
            boolean filtered,
            Page<ChangeView> page,
            Pager pager) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance changes(ChangesModel model);

        static native TemplateInstance change(ChangeView change, Pager pager);
    }

    private final RegistryHistory history;

    HistoryPages(RegistryHistory history) {
        this.history = history;
    }

    @GET
    public TemplateInstance changes(
            @QueryParam("port") String port,
            @QueryParam("service") String service,
            @QueryParam("page") String page,
            @QueryParam("size") String size) {
        boolean byPort = port != null && !port.isBlank();
        boolean byService = service != null && !service.isBlank();
        if (byPort && byService) {
            throw ProblemException.badInput("service", "give a port or a service name, not both");
        }
        int index = Pager.index(page);
        Page<ChangeView> p;
        String heading;
        StringBuilder base = new StringBuilder("/changes");
        if (byPort) {
            int n = RegistryQueries.parsePort("port", port);
            p = history.forPort(n, index, RegistryHistory.parseSize(size));
            heading = "Changes to port " + n;
            base.append("?port=").append(n);
        } else if (byService) {
            String name = RegistryHistory.parseName(service);
            p = history.forService(name, index, RegistryHistory.parseSize(size));
            heading = "Changes to service " + name;
            base.append("?service=").append(URLEncoder.encode(name, StandardCharsets.UTF_8));
        } else {
            p = history.recent(index, RegistryHistory.parseSize(size), ITEMS_PER_CHANGE);
            heading = "Registry changes";
        }
        if (size != null && !size.isBlank()) {
            base.append(base.indexOf("?") < 0 ? '?' : '&').append("size=").append(p.size());
        }
        return Templates.changes(
                new ChangesModel(
                        heading,
                        byPort ? port.strip() : "",
                        byService ? service.strip() : "",
                        byPort || byService,
                        p,
                        RegistryBrowser.pager(p, n -> Pager.url(base.toString(), n))));
    }

    @GET
    @Path("{id}")
    public TemplateInstance change(@PathParam("id") String id, @QueryParam("page") String page) {
        int index = Pager.index(page);
        ChangeView c =
                history.change(id, Integer.toString(index), Integer.toString(ITEMS_PER_PAGE));
        int pages = (int) ((c.itemCount() + ITEMS_PER_PAGE - 1) / ITEMS_PER_PAGE);
        return Templates.change(
                c,
                Pager.of(
                        index,
                        ITEMS_PER_PAGE,
                        c.itemCount(),
                        pages,
                        c.items().size(),
                        n -> Pager.url(c.url(), n)));
    }
}
