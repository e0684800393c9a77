package dev.portreg.registry;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Where a read is answered. A read of the current registry needs nothing but the in-memory snapshot
 * and a few microseconds of CPU, so it is answered on the HTTP I/O thread: no hop to a worker
 * thread and back, which cost more than the answer itself (docs/performance.md). A read that needs
 * the database (time travel with {@code ?at=}, the first load, a page not yet rendered) is answered
 * on a worker thread, where blocking is allowed.
 *
 * <p>Plain {@link CompletionStage}s rather than Mutiny: a {@code Uni} is wrapped by context
 * propagation at every step, which cost 5 % of a lookup, and neither kind of answer needs a context
 * carried: the I/O-thread one stays on its thread, the worker one reads only PostgreSQL.
 */
final class Answers {

    private Answers() {}

    /** {@code answer}, worked out now, on this (I/O) thread; a failure fails the stage. */
    static <T> CompletionStage<T> now(Supplier<T> answer) {
        CompletableFuture<T> done = new CompletableFuture<>();
        run(answer, done);
        return done;
    }

    /** {@code answer} on a worker thread: it may read the database. */
    static <T> CompletionStage<T> blocking(Supplier<T> answer) {
        CompletableFuture<T> done = new CompletableFuture<>();
        Infrastructure.getDefaultWorkerPool().execute(() -> run(answer, done));
        return done;
    }

    /**
     * {@code answer} on a worker thread with this request's contexts carried over (CDI request
     * scope, the signed-in visitor): for pages, whose layout shows who is signed in.
     */
    static <T> CompletionStage<T> blockingInContext(Supplier<T> answer) {
        return Uni.createFrom()
                .item(answer)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .subscribeAsCompletionStage();
    }

    /** Now when {@code inMemory} (the current registry is enough); else blocking. */
    static <T> CompletionStage<T> fromMemory(boolean inMemory, Supplier<T> answer) {
        return inMemory ? now(answer) : blocking(answer);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Completes {@code done} with the answer or, unwrapped, with what it threw. */
    private static <T> void run(Supplier<T> answer, CompletableFuture<T> done) {
        try {
            done.complete(answer.get());
        } catch (RuntimeException | Error e) {
            done.completeExceptionally(e);
        }
    }
}
