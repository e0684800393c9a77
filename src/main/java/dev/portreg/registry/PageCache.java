package dev.portreg.registry;

import dev.portreg.common.Degraded;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
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
 * <p>Pages are kept as the UTF-8 bytes that go out: a page holds characters outside Latin-1 (the
 * dashes, the arrows), so as a {@code String} it was encoded again, one character at a time by
 * Netty, for every answer: a quarter of the port page's CPU (docs/performance.md).
 *
 * <p>At most {@link #MAX_PAGES} pages are kept; when a crawl fills it, it starts again empty, so
 * memory stays bounded (about 20 MB at worst) and the pages people keep asking for come back first.
 */
@ApplicationScoped
public class PageCache {

    static final int MAX_PAGES = 1024;
    private static final int MAX_FRAGMENTS = 16;

    private final BooleanSupplier anonymous;
    private final SnapshotMemo<String, byte[]> pages = new SnapshotMemo<>(MAX_PAGES);
    private final SnapshotMemo<String, String> fragments = new SnapshotMemo<>(MAX_FRAGMENTS);

    @Inject
    PageCache(SecurityIdentity identity) {
        this(identity::isAnonymous);
    }

    /** For tests: {@code anonymous} tells whether the current visitor is signed out. */
    PageCache(BooleanSupplier anonymous) {
        this.anonymous = anonymous;
    }

    /**
     * The page {@code key} of snapshot {@code s} as UTF-8, rendered by {@code render} when not
     * kept.
     */
    public byte[] page(RegistrySnapshot s, String key, Supplier<String> render) {
        if (!anonymous.getAsBoolean()) {
            return utf8(render.get());
        }
        return kept(pages, s, key, () -> utf8(render.get()));
    }

    /**
     * The page {@code key} of snapshot {@code s} when it is kept for this visitor, or null: looking
     * costs no rendering and no database, so it may be done on the I/O thread.
     */
    public byte[] peek(RegistrySnapshot s, String key) {
        return anonymous.getAsBoolean() ? pages.get(s, key) : null;
    }

    /**
     * A part of a page that is the same for every visitor (the System-range picture), kept for
     * signed-in visitors too.
     */
    public String fragment(RegistrySnapshot s, String key, Supplier<String> render) {
        return kept(fragments, s, key, render);
    }

    /** A page rendered for this answer only, as UTF-8, like the kept ones. */
    public static byte[] utf8(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    private static <V> V kept(
            SnapshotMemo<String, V> memo, RegistrySnapshot s, String key, Supplier<V> render) {
        V value = memo.get(s, key);
        if (value == null) {
            Degraded.Result<V> rendered = Degraded.watch(render);
            value = rendered.value();
            if (!rendered.degraded()) {
                memo.put(s, key, value);
            }
        }
        return value;
    }

    /** How many pages are kept now. */
    int size() {
        return pages.size();
    }
}
