package org.orchestration.core.errors;

/** Too many attempts; {@link #retryAfterSeconds()} says when to try again (API: Retry-After). */
public class RateLimitedException extends AppException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        this("Too many attempts.", retryAfterSeconds);
    }

    /** @param reason a sentence saying what was refused; "Try again in ..." is appended */
    public RateLimitedException(String reason, long retryAfterSeconds) {
        super(reason + " Try again in " + readableWait(retryAfterSeconds) + ".");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int status() {
        return 429;
    }

    /** "7 s", "5 min", "2 min 5 s": what a person reads on the sign-in screen. */
    private static String readableWait(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        long rest = seconds % 60;
        return seconds / 60 + " min" + (rest == 0 ? "" : " " + rest + " s");
    }
}
