package dev.portreg.account;

import dev.portreg.common.ProblemException;
import java.time.Duration;
import java.util.List;

/** 429: over a limit (mails, registrations); says when to try again ({@code Retry-After}). */
public class TooManyRequests extends ProblemException {

    private final Duration retryAfter;

    public TooManyRequests(String detail, Duration retryAfter) {
        super(429, "Too Many Requests", detail, List.of());
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
