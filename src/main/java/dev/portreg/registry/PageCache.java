package dev.portreg.registry;

import dev.portreg.common.Degraded;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Rendered HTML of the pages that depend only on the registry (home, a port, a service, about),
 * kept for as long as the registry snapshot they were rendered from is current. A snapshot is
 * immutable, so a page rendered from it stays right until the next import or registry action
 * publishes a new one; then the whole cache is dropped.
 *
 * <p>Only what anonymous visitors see is kept: the layout shows who is signed in, so a signed-in
 * visitor's page is rendered for them every time and never stored.
 *
 * <p>A page rendered without one of its parts ({@link Degraded}: the history box while the database
 * is down) is answered but not kept.
 *
 * <p>At most {@link #MAX_PAGES} pages are kept; when a crawl fills it, it starts again empty, so
 * memory stays bounded (about 20 MB at worst) and the pages people keep asking for come back first.
 */
@ApplicationScoped
public class PageCache {

    static final int MAX_PAGES = 1024;

    private final BooleanSupplier anonymous;
    private final SnapshotMemo<String, String> pages = new SnapshotMemo<>(MAX_PAGES);

    @Inject
    PageCache(SecurityIdentity identity) {
        this(identity::isAnonymous);
    }

    /** For tests: {@code anonymous} tells whether the current visitor is signed out. */
    PageCache(BooleanSupplier anonymous) {
        this.anonymous = anonymous;
    }

    /** The page {@code key} of snapshot {@code s}, rendered by {@code render} when not kept. */
    public String page(RegistrySnapshot s, String key, Supplier<String> render) {
        if (!anonymous.getAsBoolean()) {
            return render.get();
        }
        return kept(s, key, render);
    }

    /**
     * The page {@code key} of snapshot {@code s} when it is kept for this visitor, or null: looking
     * costs no rendering and no database, so it may be done on the I/O thread.
     */
    public String peek(RegistrySnapshot s, String key) {
        return anonymous.getAsBoolean() ? pages.get(s, key) : null;
    }

    /**
     * A part of a page that is the same for every visitor (the System-range picture), kept for
     * signed-in visitors too.
     */
    public String fragment(RegistrySnapshot s, String key, Supplier<String> render) {
        return kept(s, "fragment:" + key, render);
    }

    private String kept(RegistrySnapshot s, String key, Supplier<String> render) {
        String html = pages.get(s, key);
        if (html == null) {
            Degraded.Result<String> rendered = Degraded.watch(render);
            html = rendered.value();
            if (!rendered.degraded()) {
                pages.put(s, key, html);
            }
        }
        return html;
    }

    /** How many pages are kept now. */
    int size() {
        return pages.size();
    }
}
