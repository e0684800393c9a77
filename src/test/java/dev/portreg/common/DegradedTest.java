package dev.portreg.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DegradedTest {

    @Test
    void aNoteMarksWhatIsBeingMade() {
        Degraded.Result<String> r =
                Degraded.watch(
                        () -> {
                            Degraded.note();
                            return "page";
                        });
        assertEquals("page", r.value());
        assertTrue(r.degraded());
        assertFalse(Degraded.watch(() -> "page").degraded(), "the mark does not outlive it");
    }

    @Test
    void aNoteOutsideAWatchIsHarmless() {
        Degraded.note();
        assertFalse(Degraded.watch(() -> "page").degraded());
    }

    @Test
    void anInnerNoteMarksTheOuterWatchToo() {
        Degraded.Result<Boolean> outer =
                Degraded.watch(
                        () ->
                                Degraded.watch(
                                                () -> {
                                                    Degraded.note();
                                                    return 1;
                                                })
                                        .degraded());
        assertTrue(outer.value());
        assertTrue(outer.degraded());
        Degraded.Result<Boolean> clean = Degraded.watch(() -> Degraded.watch(() -> 1).degraded());
        assertFalse(clean.value());
        assertFalse(clean.degraded());
    }
}
