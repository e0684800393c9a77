package dev.portreg.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PageCacheTest {

    boolean anonymous = true;
    final PageCache cache = new PageCache(() -> anonymous);
    final AtomicInteger renders = new AtomicInteger();

    @Test
    void aPageIsRenderedOncePerSnapshot() {
        RegistrySnapshot s = snapshot();
        assertEquals("page 1", text(cache.page(s, "port:938", this::render)));
        assertEquals("page 1", text(cache.page(s, "port:938", this::render)));
        assertEquals("page 2", text(cache.page(s, "port:939", this::render)));
        assertEquals(2, renders.get());
    }

    @Test
    void aPageRenderedWithoutOneOfItsPartsIsNotKept() {
        RegistrySnapshot s = snapshot();
        java.util.function.Supplier<String> degraded =
                () -> {
                    dev.portreg.common.Degraded.note(); // the history box, database down
                    return render();
                };
        assertEquals("page 1", text(cache.page(s, "port:938", degraded)));
        assertEquals(0, cache.size());
        assertEquals("page 2", text(cache.page(s, "port:938", this::render)), "rendered again");
        assertEquals("page 2", text(cache.page(s, "port:938", this::render)), "then kept");
    }

    @Test
    void peekFindsOnlyWhatIsKeptForThisVisitorAndThisSnapshot() {
        RegistrySnapshot s = snapshot();
        assertEquals(null, text(cache.peek(s, "port:938")));
        cache.page(s, "port:938", this::render);
        assertEquals("page 1", text(cache.peek(s, "port:938")));
        anonymous = false;
        assertEquals(
                null, text(cache.peek(s, "port:938")), "a signed-in visitor's page is rendered");
        anonymous = true;
        assertEquals(null, text(cache.peek(snapshot(), "port:938")), "another snapshot");
        assertEquals(1, renders.get(), "peeking renders nothing");
    }

    @Test
    void aNewSnapshotDropsEveryPage() {
        RegistrySnapshot before = snapshot();
        cache.page(before, "home", this::render);
        RegistrySnapshot after = snapshot();
        assertEquals("page 2", text(cache.page(after, "home", this::render)));
        assertEquals(1, cache.size());
    }

    @Test
    void pagesOfSignedInVisitorsAreNeverKept() {
        RegistrySnapshot s = snapshot();
        anonymous = false;
        assertEquals("page 1", text(cache.page(s, "home", this::render)));
        assertEquals("page 2", text(cache.page(s, "home", this::render)));
        assertEquals(0, cache.size());
        anonymous = true;
        assertEquals("page 3", text(cache.page(s, "home", this::render)));
        assertEquals("page 3", text(cache.page(s, "home", this::render)));
    }

    @Test
    void fragmentsAreKeptForEveryVisitor() {
        RegistrySnapshot s = snapshot();
        anonymous = false;
        assertEquals("page 1", cache.fragment(s, "sysmap", this::render));
        assertEquals("page 1", cache.fragment(s, "sysmap", this::render));
        anonymous = true;
        assertEquals("page 1", cache.fragment(s, "sysmap", this::render));
        assertEquals(
                "page 2", text(cache.page(s, "sysmap", this::render)), "pages and fragments apart");
    }

    @Test
    void theCacheStaysBounded() {
        RegistrySnapshot s = snapshot();
        for (int p = 0; p < PageCache.MAX_PAGES * 3; p++) {
            cache.page(s, "port:" + p, this::render);
            assertTrue(cache.size() <= PageCache.MAX_PAGES);
        }
    }

    /** A kept page as text; null stays null. */
    private static String text(byte[] page) {
        return page == null ? null : new String(page, StandardCharsets.UTF_8);
    }

    @Test
    void pagesAreKeptAsUtf8() {
        RegistrySnapshot s = snapshot();
        byte[] page = cache.page(s, "port:938", () -> "Port 938 — unassigned");
        assertEquals("Port 938 — unassigned", new String(page, StandardCharsets.UTF_8));
        assertEquals(23, page.length, "the dash is three bytes");
        assertTrue(page == cache.peek(s, "port:938"), "the same bytes answer every visitor");
    }

    private String render() {
        return "page " + renders.incrementAndGet();
    }

    private static RegistrySnapshot snapshot() {
        return new RegistrySnapshot(null, List.of(), Map.of());
    }
}
