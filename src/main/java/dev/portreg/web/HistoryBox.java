package dev.portreg.web;

import dev.portreg.common.DatabaseUnavailable;
import dev.portreg.common.Degraded;
import dev.portreg.registry.HistoryViews.ChangeView;
import dev.portreg.registry.HistoryViews.HistoryList;
import dev.portreg.registry.RegistryHistory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * The history box of port and service pages ({@code {#history inject:historyBox.ofPort(938) /}}):
 * the last few changes from {@link RegistryHistory}, or, while the database cannot be reached, a
 * box that says the history is unavailable right now, so that the rest of the page, served from
 * memory, still answers. A page with such a box is marked {@link Degraded} and not kept by the page
 * cache.
 */
@ApplicationScoped
@Named("historyBox")
public class HistoryBox {

    private final RegistryHistory history;
    private final DatabaseStatus database;

    HistoryBox(RegistryHistory history, DatabaseStatus database) {
        this.history = history;
        this.database = database;
    }

    public Box ofPort(int port) {
        return box("port " + port, "/changes?port=" + port, () -> history.ofPort(port));
    }

    public Box ofService(String name) {
        String n = name == null ? "" : name.strip();
        return box(
                "service " + n,
                "/changes?service=" + URLEncoder.encode(n, StandardCharsets.UTF_8),
                () -> history.ofService(n));
    }

    private Box box(String subject, String moreUrl, Supplier<HistoryList> read) {
        if (database.recentlyUnavailable()) {
            // Someone just found it down: do not wait for a connection that will not come.
            Degraded.note();
            return new Box(subject, moreUrl, null);
        }
        try {
            return new Box(subject, moreUrl, read.get());
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.is(e)) {
                throw e;
            }
            database.unavailable(e, "the history box of " + subject);
            Degraded.note();
            return new Box(subject, moreUrl, null);
        }
    }

    /**
     * What the box shows.
     *
     * @param subject "port 938", "service http"; the history's own once it is read
     * @param moreUrl the page of all its changes; the history's own once it is read
     * @param list the changes, or null while the history cannot be read
     */
    public record Box(String subject, String moreUrl, HistoryList list) {

        @Override
        public String subject() {
            return list == null ? subject : list.subject();
        }

        @Override
        public String moreUrl() {
            return list == null ? moreUrl : list.moreUrl();
        }

        public boolean available() {
            return list != null;
        }

        public List<ChangeView> changes() {
            return list == null ? List.of() : list.changes();
        }

        public long total() {
            return list == null ? 0 : list.total();
        }

        public boolean hasMore() {
            return list != null && list.hasMore();
        }
    }
}
