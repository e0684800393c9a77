package dev.portreg.request;

/**
 * Fired inside the transaction whenever a request's log grows; observers that act after commit
 * (mail) use {@code TransactionPhase.AFTER_SUCCESS}.
 *
 * @param eventId the log entry appended
 * @param toState the new state, or null when the state did not change
 */
public record RequestChanged(long requestId, long eventId, EventKind kind, RequestState toState) {}
