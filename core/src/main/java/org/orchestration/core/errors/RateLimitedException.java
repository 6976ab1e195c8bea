package org.orchestration.core.errors;

/** Too many attempts; {@link #retryAfterSeconds()} says when to try again (API: Retry-After). */
public class RateLimitedException extends AppException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super("Too many attempts. Try again in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return 429;
    }
}
