package dev.portreg.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portreg.common.ProblemException;
import dev.portreg.exchange.PendingImports.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PendingImportsTest {

    /** A clock tests move by hand. */
    static final class Hand extends Clock {
        Instant now = Instant.parse("2026-09-01T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Hand clock = new Hand();
    final PendingImports store = new PendingImports(clock);

    private static OperatorImports.Prepared prepared(String source) {
        return new OperatorImports.Prepared(source, "file", 1, null, null, null);
    }

    @Test
    void aTokenIsRandomUrlSafeAndBoundToItsOperator() {
        String a = store.put("olga", prepared("a"), null);
        assertTrue(PendingImports.looksLikeToken(a), a);
        assertEquals("a", store.find(a, "olga").orElseThrow().prepared().source());
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
        assertEquals("b", store.find(second, "olga").orElseThrow().prepared().source());
        assertEquals(1, store.size());
    }

    @Test
    void previewsExpire() {
        String t = store.put("olga", prepared("a"), null);
        clock.now = clock.now.plus(PendingImports.TTL).minusSeconds(1);
        assertTrue(store.find(t, "olga").isPresent());
        clock.now = clock.now.plusSeconds(1);
        assertTrue(store.find(t, "olga").isEmpty());
        assertTrue(store.claim(t, "olga").isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void anImportIsClaimedOnceThenKeepsOnlyItsReport() {
        String t = store.put("olga", prepared("a"), null);
        assertTrue(store.claim(t, "olga").isPresent());
        assertEquals(State.APPLYING, store.find(t, "olga").orElseThrow().state());
        assertTrue(store.claim(t, "olga").isEmpty(), "a second Apply gets nothing");
        store.applied(t, null);
        PendingImports.Pending p = store.find(t, "olga").orElseThrow();
        assertEquals(State.APPLIED, p.state());
        assertEquals(null, p.prepared(), "the parsed document is let go");
        assertTrue(store.claim(t, "olga").isEmpty());
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertTrue(store.find(t, "olga").isEmpty(), "results expire too");
    }

    @Test
    void atMostSoManyParsedDocumentsWait() {
        for (int i = 0; i < PendingImports.MAX_WAITING; i++) {
            store.put("op" + i, prepared("f" + i), null);
        }
        ProblemException full =
                assertThrows(ProblemException.class, () -> store.put("late", prepared("x"), null));
        assertEquals(503, full.status());
        // an operator replacing their own preview is not refused
        store.put("op0", prepared("again"), null);
        clock.now = clock.now.plus(PendingImports.TTL);
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
