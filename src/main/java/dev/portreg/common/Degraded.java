package dev.portreg.common;

import java.util.function.Supplier;

/**
 * Marks an answer that was made without one of its parts (the history box of a port page while the
 * database is down), so that whoever keeps rendered answers does not keep this one: it would go on
 * saying "unavailable" after the database is back.
 *
 * <pre>{@code
 * Degraded.Result<String> r = Degraded.watch(() -> template.render());
 * if (!r.degraded()) cache.put(key, r.value());
 * }</pre>
 *
 * The part that degrades calls {@link #note()} on the rendering thread (Qute renders a template and
 * calls its {@code inject:} beans on the caller's thread).
 */
public final class Degraded {

    private static final ThreadLocal<boolean[]> WATCHING = new ThreadLocal<>();

    private Degraded() {}

    /** What {@code work} returned, and whether a part of it noted it was degraded. */
    public record Result<T>(T value, boolean degraded) {}

    /** Runs {@code work} and tells whether anything it called {@link #note() noted} a gap. */
    public static <T> Result<T> watch(Supplier<T> work) {
        boolean[] outer = WATCHING.get();
        boolean[] mine = new boolean[1];
        WATCHING.set(mine);
        try {
            T value = work.get();
            return new Result<>(value, mine[0]);
        } finally {
            if (outer == null) {
                WATCHING.remove();
            } else {
                outer[0] |= mine[0];
                WATCHING.set(outer);
            }
        }
    }

    /** Notes that what is being made on this thread lacks a part. */
    public static void note() {
        boolean[] watching = WATCHING.get();
        if (watching != null) {
            watching[0] = true;
        }
    }
}
