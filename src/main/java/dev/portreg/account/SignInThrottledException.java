package dev.portreg.account;

import java.time.Duration;

/**
 * Too many failed sign-ins for this account or from this address: answered with 429 and {@code
 * Retry-After} (API) or a page that says when to try again. Not an {@code
 * AuthenticationFailedException}, so Quarkus does not turn it into a 401 challenge.
 */
public class SignInThrottledException extends RuntimeException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super(
                "Too many failed sign-ins: try again in "
                        + describe(retryAfter)
                        + ", or reset your password",
                null,
                false,
                false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least one, for the Retry-After header. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    static String describe(Duration d) {
        long minutes = (d.getSeconds() + 59) / 60;
        return minutes <= 1 ? "a minute" : minutes + " minutes";
    }
}
