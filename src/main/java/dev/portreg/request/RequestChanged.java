package dev.portreg.request;

/**
 * Fired inside the transaction whenever a request's log grows; observers that act after commit
 * (mail) use {@code TransactionPhase.AFTER_SUCCESS}.
 *
 * @param toState the new state, or null when the state did not change
 */
public record RequestChanged(long requestId, EventKind kind, RequestState toState) {}
