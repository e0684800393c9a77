package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.ProblemException;
import dev.portreg.exchange.PendingImports.State;
import dev.portreg.support.TestClock;
import dev.portreg.support.TestDb;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Previews wait in PostgreSQL, so any instance can apply one; each test starts with none. */
@QuarkusTest
class PendingImportsTest {

    @Inject PendingImports store;
    @Inject TestClock clock;
    @Inject TestDb db;

    @BeforeEach
    @AfterEach
    void none() {
        db.rows("DELETE FROM import_preview RETURNING token");
        clock.reset();
    }

    private static OperatorImports.Prepared prepared(String source) {
        return new OperatorImports.Prepared(
                source,
                "file",
                ("content of " + source).getBytes(StandardCharsets.UTF_8),
                null,
                new RegistryImporter.Preview(null, 7, null, null),
                RegistryImporter.Options.DEFAULT,
                null);
    }

    @Test
    void aTokenIsRandomUrlSafeAndBoundToItsOperator() {
        String a = store.put("olga", prepared("a"), null);
        assertTrue(PendingImports.looksLikeToken(a), a);
        PendingImports.Pending found = store.find(a, "olga").orElseThrow();
        assertEquals("a", found.source());
        assertEquals(7, found.baseRevision(), "the revision the preview was made at");
        assertTrue(store.find(a, "oscar").isEmpty(), "another operator cannot see it");
        assertTrue(store.claim(a, "oscar").isEmpty(), "nor apply it");
        String b = store.put("oscar", prepared("b"), null);
        assertNotEquals(a, b);
        assertFalse(PendingImports.looksLikeToken("../../etc"));
    }

    @Test
    void aNewPreviewReplacesTheOperatorsWaitingOne() {
        String first = store.put("olga", prepared("a"), null);
        String second = store.put("olga", prepared("b"), null);
        assertTrue(store.find(first, "olga").isEmpty());
        assertEquals("b", store.find(second, "olga").orElseThrow().source());
        assertEquals(1, store.size());
    }

    @Test
    void previewsExpire() {
        String t = store.put("olga", prepared("a"), null);
        clock.advance(PendingImports.TTL.minusSeconds(5));
        assertTrue(store.find(t, "olga").isPresent());
        clock.advance(Duration.ofSeconds(6));
        assertTrue(store.find(t, "olga").isEmpty());
        assertTrue(store.claim(t, "olga").isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void anImportIsClaimedOnceWithItsFileThenKeepsOnlyItsReport() {
        String t = store.put("olga", prepared("a"), null);
        PendingImports.Pending claimed = store.claim(t, "olga").orElseThrow();
        assertArrayEquals("content of a".getBytes(StandardCharsets.UTF_8), claimed.content());
        assertEquals(State.APPLYING, store.find(t, "olga").orElseThrow().state());
        assertTrue(store.claim(t, "olga").isEmpty(), "a second Apply gets nothing");
        store.applied(t, null);
        PendingImports.Pending p = store.find(t, "olga").orElseThrow();
        assertEquals(State.APPLIED, p.state());
        assertNull(p.content(), "the file is let go");
        assertEquals(
                0,
                db.count("SELECT count(*) FROM import_preview WHERE content IS NOT NULL"),
                "not kept in the database either");
        assertTrue(store.claim(t, "olga").isEmpty());
        clock.advance(Duration.ofMinutes(16));
        assertTrue(store.find(t, "olga").isEmpty(), "results expire too");
    }

    @Test
    void atMostSoManyPreviewsWait() {
        for (int i = 0; i < PendingImports.MAX_WAITING; i++) {
            store.put("op" + i, prepared("f" + i), null);
        }
        ProblemException full =
                assertThrows(ProblemException.class, () -> store.put("late", prepared("x"), null));
        assertEquals(503, full.status());
        // an operator replacing their own preview is not refused
        store.put("op0", prepared("again"), null);
        clock.advance(PendingImports.TTL);
        store.put("late", prepared("x"), null);
        assertEquals(1, store.size());
    }

    @Test
    void aFailedApplyForgetsTheImport() {
        String t = store.put("olga", prepared("a"), null);
        store.claim(t, "olga");
        store.drop(t);
        assertTrue(store.find(t, "olga").isEmpty());
    }
}
