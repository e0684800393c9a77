package dev.portreg.registry;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * A change someone means to make, as a pure function from the registry as it is to the {@link
 * ChangePlan} that makes it. {@link RegistryChanges#apply} calls it under the registry lock on a
 * registry proven current, so what it plans is what is written; a preview calls it on the snapshot
 * at hand.
 */
@FunctionalInterface
public interface RegistryIntent {

    /**
     * @throws dev.portreg.common.ProblemException when the change cannot be made on this registry
     *     (a port taken meanwhile: 409)
     */
    ChangePlan plan(Context context);

    /**
     * What a plan may look at.
     *
     * @param registry the registry as it is, at {@link RegistrySnapshot#revision()}
     * @param today the day the change is made (the injected clock's)
     * @param upstream what the last upstream file said, read on demand (imports need it)
     */
    record Context(RegistrySnapshot registry, LocalDate today, Supplier<UpstreamBase> upstream) {}
}
