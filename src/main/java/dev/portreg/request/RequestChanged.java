package dev.portreg.request;

/**
 * Fired inside the transaction whenever a request's log grows; observers that act after commit
 * (mail, registry reload) use {@code TransactionPhase.AFTER_SUCCESS}.
 *
 * @param toState the new state, or null when the state did not change
 * @param registryChanged true when the registry was updated in the same transaction
 */
public record RequestChanged(
        long requestId, String kind, RequestState toState, boolean registryChanged) {}
